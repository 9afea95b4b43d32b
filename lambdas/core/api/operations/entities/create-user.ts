import { Type } from '@sinclair/typebox';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import {
  IdentityProviderUserId,
  OrganizationId,
  Password,
  UserAttribute,
  UserName,
  UserRole,
  WorkMailIdentifier,
} from '../../shapes';
import { assertNameAllowed, newEntity } from '../../../directory/entities';
import { requireOrganization } from '../../../directory/guards';
import { assertPasswordPolicy, hashPassword } from '../../../directory/passwords';
import type { Entity } from '../../../directory/types';

/** Roles CreateUser and UpdateUser refuse. */
export const UNASSIGNABLE_ROLES: ReadonlySet<string> = new Set(['SYSTEM_USER', 'RESOURCE']);

/**
 * CreateUser: a DISABLED directory user (RegisterToWorkMail gives it a mailbox).
 * Primary course:
 * 1. Check the organization is Active, the role assignable, the name not reserved and the password compliant.
 * 2. Store the user, its name claim and its seat in the users quota in one transaction.
 */
export const createUser = defineOperation({
  name: 'CreateUser',
  service: 'WorkMailService',
  summary: 'Creates a user in the directory; it is disabled until registered to WorkMail.',
  input: Type.Object({
    OrganizationId,
    Name: UserName,
    DisplayName: UserAttribute,
    Password: Type.Optional(Password),
    Role: Type.Optional(UserRole),
    FirstName: Type.Optional(UserAttribute),
    LastName: Type.Optional(UserAttribute),
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
    IdentityProviderUserId: Type.Optional(IdentityProviderUserId),
  }),
  output: Type.Object({ UserId: Type.Optional(WorkMailIdentifier) }),
  errors: [
    'InvalidParameterException',
    'InvalidPasswordException',
    'LimitExceededException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/users' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const role = input.Role ?? 'USER';
    if (UNASSIGNABLE_ROLES.has(role))
      throw new InvalidParameterException(`The role ${role} cannot be assigned.`);
    assertNameAllowed(input.Name);
    if (input.Password !== undefined) assertPasswordPolicy(input.Password);
    const profile = { FirstName: input.FirstName, LastName: input.LastName };
    const user: Entity = {
      ...newEntity(
        {
          organizationId: input.OrganizationId,
          kind: 'USER',
          name: input.Name,
          hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
        },
        deps.clock(),
      ),
      role,
      displayName: input.DisplayName,
      profile: Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)),
      mailboxQuotaMegabytes: deps.settings.quotas.defaultMailboxQuotaMegabytes,
      ...(input.IdentityProviderUserId ? { identityProviderUserId: input.IdentityProviderUserId } : {}),
      ...(input.Password !== undefined ? { passwordHash: await hashPassword(input.Password) } : {}),
    };
    await deps.entities.createEntity(user, deps.settings.quotas.usersPerOrganization);
    return { UserId: user.entityId };
  },
});

import { Type } from '@sinclair/typebox';
import { EntityStateException, InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId, pattern, UserAttribute, UserRole } from '../../shapes';
import { hasMailbox } from '../../../directory/entities';
import { USER_PROFILE_FIELDS, type UserProfileField } from '../../../directory/types';
import { UNASSIGNABLE_ROLES } from './create-user';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

const optionalAttribute = Type.Optional(UserAttribute);

/** UpdateUser: replaces the supplied attributes of a user; an empty string clears a field. */
export const updateUser = defineOperation({
  name: 'UpdateUser',
  service: 'WorkMailService',
  summary: 'Updates the attributes of a user.',
  input: Type.Object({
    OrganizationId,
    UserId: EntityIdentifier,
    Role: Type.Optional(UserRole),
    DisplayName: optionalAttribute,
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
    IdentityProviderUserId: Type.Optional(
      pattern(
        '|([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
        { maxLength: 47 },
      ),
    ),
    ...Object.fromEntries(USER_PROFILE_FIELDS.map((field) => [field, optionalAttribute])),
  }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PATCH', path: '/organizations/{OrganizationId}/users/{UserId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'UserId',
    });
    if (user.state === 'DELETED') throw new EntityStateException('The user is deleted.');
    if (input.Role !== undefined && UNASSIGNABLE_ROLES.has(input.Role)) {
      throw new InvalidParameterException(`The role ${input.Role} cannot be assigned.`);
    }
    const given = input as Record<string, unknown>;
    const profile: Partial<Record<UserProfileField, string>> = { ...user.profile };
    for (const field of USER_PROFILE_FIELDS) {
      const value = given[field];
      if (typeof value !== 'string') continue;
      if (value === '') delete profile[field];
      else profile[field] = value;
    }
    const clearable = (value: string | undefined) =>
      value === undefined ? undefined : value === '' ? null : value;
    await ctx.deps.entities.updateEntity(input.OrganizationId, user.entityId, {
      role: input.Role,
      displayName: clearable(input.DisplayName),
      identityProviderUserId: clearable(input.IdentityProviderUserId),
      hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
      profile,
    });
    const updated = { ...user, role: input.Role ?? user.role };
    if (user.state === 'ENABLED' && !hasMailbox(user) && hasMailbox(updated)) {
      await ctx.deps.mailboxes.provision(input.OrganizationId, user.entityId);
    }
    return {};
  },
});

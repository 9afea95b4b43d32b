import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import {
  EmailAddress,
  EntityIdentifier,
  EntityState,
  OrganizationId,
  Timestamp,
  UserRole,
  WorkMailIdentifier,
} from '../../shapes';
import { entityIn } from './entity-context';
import { compact, timestamp } from './entity-views';

const Text = Type.Optional(Type.String({ maxLength: 256 }));

/** DescribeUser: every attribute of a user. */
export const describeUser = defineOperation({
  name: 'DescribeUser',
  service: 'WorkMailService',
  summary: 'Returns the attributes of a user.',
  input: Type.Object({ OrganizationId, UserId: EntityIdentifier }),
  output: Type.Object({
    UserId: Type.Optional(WorkMailIdentifier),
    Name: Type.Optional(Type.String()),
    Email: Type.Optional(EmailAddress),
    DisplayName: Text,
    State: Type.Optional(EntityState),
    UserRole: Type.Optional(UserRole),
    EnabledDate: Type.Optional(Timestamp),
    DisabledDate: Type.Optional(Timestamp),
    MailboxProvisionedDate: Type.Optional(Timestamp),
    MailboxDeprovisionedDate: Type.Optional(Timestamp),
    FirstName: Text,
    LastName: Text,
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
    Initials: Text,
    Telephone: Text,
    Street: Text,
    JobTitle: Text,
    City: Text,
    Company: Text,
    ZipCode: Text,
    Department: Text,
    Country: Text,
    Office: Text,
    IdentityProviderUserId: Text,
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/users/{UserId}' },
  mutating: false,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'UserId',
    });
    return compact({
      UserId: user.entityId,
      Name: user.name,
      Email: user.email,
      DisplayName: user.displayName,
      State: user.state,
      UserRole: user.role,
      EnabledDate: timestamp(user.enabledAt),
      DisabledDate: timestamp(user.disabledAt),
      MailboxProvisionedDate: timestamp(user.mailboxProvisionedAt),
      MailboxDeprovisionedDate: timestamp(user.mailboxDeprovisionedAt),
      HiddenFromGlobalAddressList: user.hiddenFromGlobalAddressList,
      IdentityProviderUserId: user.identityProviderUserId,
      ...user.profile,
    });
  },
});

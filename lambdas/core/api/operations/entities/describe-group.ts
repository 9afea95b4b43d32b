import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import {
  EmailAddress,
  EntityIdentifier,
  EntityState,
  GroupName,
  OrganizationId,
  Timestamp,
  WorkMailIdentifier,
} from '../../shapes';
import { entityIn } from './entity-context';
import { compact, timestamp } from './entity-views';

/** DescribeGroup: the attributes of a group. */
export const describeGroup = defineOperation({
  name: 'DescribeGroup',
  service: 'WorkMailService',
  summary: 'Returns the attributes of a group.',
  input: Type.Object({ OrganizationId, GroupId: EntityIdentifier }),
  output: Type.Object({
    GroupId: Type.Optional(WorkMailIdentifier),
    Name: Type.Optional(GroupName),
    Email: Type.Optional(EmailAddress),
    State: Type.Optional(EntityState),
    EnabledDate: Type.Optional(Timestamp),
    DisabledDate: Type.Optional(Timestamp),
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/groups/{GroupId}' },
  mutating: false,
  handle: async (input, ctx) => {
    const group = await entityIn(ctx, input.OrganizationId, input.GroupId, {
      forms: 'id|name|email',
      kinds: ['GROUP'],
      field: 'GroupId',
    });
    return compact({
      GroupId: group.entityId,
      Name: group.name,
      Email: group.email,
      State: group.state,
      EnabledDate: timestamp(group.enabledAt),
      DisabledDate: timestamp(group.disabledAt),
      HiddenFromGlobalAddressList: group.hiddenFromGlobalAddressList,
    });
  },
});

import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import {
  EntityIdentifier,
  GroupName,
  MaxResults,
  NextToken,
  OrganizationId,
  WorkMailIdentifier,
} from '../../shapes';
import { userOrGroupIn, listBinding } from './entity-context';
import { Prefix } from './entity-shapes';

/** ListGroupsForEntity: one page of the groups a user or group is a direct member of. */
export const listGroupsForEntity = defineOperation({
  name: 'ListGroupsForEntity',
  service: 'WorkMailService',
  summary: 'Lists the groups an entity is a direct member of.',
  input: Type.Object({
    OrganizationId,
    EntityId: EntityIdentifier,
    Filters: Type.Optional(Type.Object({ GroupNamePrefix: Type.Optional(Prefix) })),
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Groups: Type.Optional(
      Type.Array(
        Type.Object({ GroupId: Type.Optional(WorkMailIdentifier), GroupName: Type.Optional(GroupName) }),
      ),
    ),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/entities/{EntityId}/groups' },
  mutating: false,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const entity = await userOrGroupIn(ctx, organizationId, input.EntityId, 'EntityId');
    if (entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    const prefix = input.Filters?.GroupNamePrefix || undefined;
    const binding = listBinding('ListGroupsForEntity', organizationId, { entity: entity.entityId, prefix });
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.entities.listGroupsOf(organizationId, entity.entityId, request, prefix),
    );
    return {
      Groups: page.items.map((group) => ({ GroupId: group.groupId, GroupName: group.groupName })),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

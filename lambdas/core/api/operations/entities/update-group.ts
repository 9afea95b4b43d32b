import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** UpdateGroup: changes a group's global address list visibility. */
export const updateGroup = defineOperation({
  name: 'UpdateGroup',
  service: 'WorkMailService',
  summary: 'Updates the attributes of a group.',
  input: Type.Object({
    OrganizationId,
    GroupId: EntityIdentifier,
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PATCH', path: '/organizations/{OrganizationId}/groups/{GroupId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const group = await entityIn(ctx, input.OrganizationId, input.GroupId, {
      forms: 'id|name|email',
      kinds: ['GROUP'],
      field: 'GroupId',
    });
    if (group.state === 'DELETED') throw new EntityStateException('The group is deleted.');
    await ctx.deps.entities.updateEntity(input.OrganizationId, group.entityId, {
      hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
    });
    return {};
  },
});

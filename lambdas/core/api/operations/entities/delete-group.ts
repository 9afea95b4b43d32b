import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { deleteEntity } from '../../../directory/entities';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** DeleteGroup: deletes a DISABLED group; its name becomes free and its memberships are dropped. */
export const deleteGroup = defineOperation({
  name: 'DeleteGroup',
  service: 'WorkMailService',
  summary: 'Deletes a disabled group.',
  input: Type.Object({ OrganizationId, GroupId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/groups/{GroupId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const group = await entityIn(ctx, input.OrganizationId, input.GroupId, {
      forms: 'id|name',
      kinds: ['GROUP'],
      field: 'GroupId',
    });
    await deleteEntity(ctx.deps, group);
    return {};
  },
});

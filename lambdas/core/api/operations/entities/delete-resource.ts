import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { deleteEntity } from '../../../directory/entities';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** DeleteResource: deletes a DISABLED resource; its name becomes free and its mailbox key is destroyed. */
export const deleteResource = defineOperation({
  name: 'DeleteResource',
  service: 'WorkMailService',
  summary: 'Deletes a disabled resource and destroys its mailbox.',
  input: Type.Object({ OrganizationId, ResourceId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/resources/{ResourceId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const resource = await entityIn(ctx, input.OrganizationId, input.ResourceId, {
      forms: 'id|name',
      kinds: ['RESOURCE'],
      field: 'ResourceId',
    });
    await deleteEntity(ctx.deps, resource);
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { resourceIn, userOrGroupIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/**
 * DisassociateDelegateFromResource: removes a delegate from a resource (succeeds when it is not one). The last
 * delegate of a resource that does not auto-accept requests stays (InvalidConfigurationException), which the store
 * checks in the same write as the removal.
 */
export const disassociateDelegateFromResource = defineOperation({
  name: 'DisassociateDelegateFromResource',
  service: 'WorkMailService',
  summary: 'Removes a delegate from a resource.',
  input: Type.Object({ OrganizationId, ResourceId: EntityIdentifier, EntityId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidConfigurationException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/resources/{ResourceId}/delegates/{EntityId}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const resource = await resourceIn(ctx, organizationId, input.ResourceId);
    const delegate = await userOrGroupIn(ctx, organizationId, input.EntityId, 'EntityId');
    if (resource.state === 'DELETED') throw new EntityStateException('The resource is deleted.');
    await ctx.deps.entities.removeDelegate(organizationId, resource.entityId, delegate.entityId);
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { resourceIn, userOrGroupIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** AssociateDelegateToResource: adds a user or group as a delegate of a resource; re-adding succeeds. */
export const associateDelegateToResource = defineOperation({
  name: 'AssociateDelegateToResource',
  service: 'WorkMailService',
  summary: 'Adds a user or group as a delegate of a resource.',
  input: Type.Object({ OrganizationId, ResourceId: EntityIdentifier, EntityId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'PUT',
    path: '/organizations/{OrganizationId}/resources/{ResourceId}/delegates/{EntityId}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const resource = await resourceIn(ctx, organizationId, input.ResourceId);
    const delegate = await userOrGroupIn(ctx, organizationId, input.EntityId, 'EntityId');
    if (resource.state === 'DELETED' || delegate.state !== 'ENABLED') {
      throw new EntityStateException('The resource must not be deleted and the delegate must be enabled.');
    }
    await ctx.deps.entities.addDelegate(organizationId, resource.entityId, {
      entityId: delegate.entityId,
      kind: delegate.kind,
    });
    return {};
  },
});

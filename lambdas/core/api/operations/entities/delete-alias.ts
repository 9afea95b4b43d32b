import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailAddress, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** DeleteAlias: removes an alias from an entity (succeeds when the entity does not hold it). */
export const deleteAlias = defineOperation({
  name: 'DeleteAlias',
  service: 'WorkMailService',
  summary: 'Removes an alias address from an entity.',
  input: Type.Object({ OrganizationId, EntityId: WorkMailIdentifier, Alias: EmailAddress }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/entities/{EntityId}/aliases/{Alias}' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id',
      field: 'EntityId',
    });
    if (entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    await ctx.deps.entities.removeAlias(input.OrganizationId, entity.entityId, input.Alias);
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { deregisterEntity } from '../../../directory/entities';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** DeregisterFromWorkMail: disables an entity, releasing its addresses; the mailbox is kept 30 days. */
export const deregisterFromWorkMail = defineOperation({
  name: 'DeregisterFromWorkMail',
  service: 'WorkMailService',
  summary: 'Disables an entity and releases its addresses; its mailbox is purged after 30 days.',
  input: Type.Object({ OrganizationId, EntityId: EntityIdentifier }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/entities/{EntityId}/registration' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id|name|email',
      // Stryker disable next-line StringLiteral: the field is named only when an id-only field is refused
      field: 'EntityId',
    });
    await deregisterEntity(ctx.deps, entity);
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { hasMailbox } from '../../../directory/entities';
import { MailboxNotFoundError } from '../../../mailbox/errors';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { entityIn } from '../entities/entity-context';

/**
 * MailwrightService.RotateMailboxKey: adds mailbox key version n+1 (one KMS Encrypt) for new messages; older
 * messages keep their version and stay readable. Groups have no mailbox and count as not found.
 */
export const rotateMailboxKey = defineOperation({
  name: 'RotateMailboxKey',
  service: 'MailwrightService',
  summary: 'Rotates the key of a user or resource mailbox; returns the new key version.',
  input: Type.Object({ OrganizationId, EntityId: EntityIdentifier }),
  output: Type.Object({ KeyVersion: Type.Integer({ minimum: 2 }) }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/entities/{EntityId}/mailbox-key' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id|name|email',
      kinds: ['USER', 'RESOURCE'],
      field: 'EntityId',
    });
    if (entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    if (!hasMailbox(entity)) throw new EntityStateException('The entity has no mailbox.');
    try {
      const version = await ctx.deps.mailboxes.rotateMailboxKey(entity.organizationId, entity.entityId);
      return { KeyVersion: version };
    } catch (error) {
      if (error instanceof MailboxNotFoundError) {
        throw new EntityStateException(
          'The entity has no mailbox: it was never registered, or its mailbox was purged.',
          { cause: error },
        );
      }
      throw error;
    }
  },
});

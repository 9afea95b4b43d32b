import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { HARD_QUOTAS } from '../../../config/quotas';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** UpdateMailboxQuota: sets a user's mailbox quota, 1–51200 MB. */
export const updateMailboxQuota = defineOperation({
  name: 'UpdateMailboxQuota',
  service: 'WorkMailService',
  summary: "Sets a user's mailbox quota in MB (1–51200).",
  input: Type.Object({
    OrganizationId,
    UserId: EntityIdentifier,
    MailboxQuota: Type.Integer({ minimum: 1, maximum: HARD_QUOTAS.mailboxQuotaMaxMegabytes }),
  }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/users/{UserId}/mailbox/quota' },
  mutating: true,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'UserId',
    });
    if (user.state === 'DELETED') throw new EntityStateException('The user is deleted.');
    await ctx.deps.entities.updateEntity(input.OrganizationId, user.entityId, {
      mailboxQuotaMegabytes: input.MailboxQuota,
    });
    return {};
  },
});

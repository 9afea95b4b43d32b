import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId } from '../../shapes';
import { entityIn } from './entity-context';

const MEGABYTE = 1024 * 1024;

/** GetMailboxDetails: a user's mailbox quota and current size, both in MB. */
export const getMailboxDetails = defineOperation({
  name: 'GetMailboxDetails',
  service: 'WorkMailService',
  summary: "Returns a user's mailbox quota and size in MB.",
  input: Type.Object({ OrganizationId, UserId: EntityIdentifier }),
  output: Type.Object({
    MailboxQuota: Type.Optional(Type.Integer({ minimum: 1 })),
    MailboxSize: Type.Optional(Type.Number({ minimum: 0 })),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/users/{UserId}/mailbox' },
  mutating: false,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'UserId',
    });
    const bytes = await ctx.deps.mailboxes.sizeBytes(input.OrganizationId, user.entityId);
    return {
      MailboxQuota: user.mailboxQuotaMegabytes ?? ctx.deps.settings.quotas.defaultMailboxQuotaMegabytes,
      MailboxSize: bytes / MEGABYTE,
    };
  },
});

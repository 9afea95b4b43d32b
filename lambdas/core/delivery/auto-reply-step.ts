import type { AutoReplier, DeliveredToInbox, DeliveryLogger, MailboxTarget } from './ports';
import type { Settled } from './settle';

/**
 * After step 7 of inbound delivery, for each mailbox: offers a message this attempt stored in a user's Inbox to the
 * auto-replier when the mailbox record carried a vacation window. The window comes with the delivery's own write,
 * so a mailbox without one costs no request at all; Junk, drops, bounces and duplicates are never answered. A
 * failing reply is logged (without addresses or content) and never fails the delivery.
 * @param message - the envelope, arrival time, headers and verdicts of the message as delivered
 * @example
 * await offerAutoReply(deps, settled, target, { messageId, envelopeFrom, arrivedAt, headers, verdicts });
 */
export async function offerAutoReply(
  deps: { readonly autoReplier?: AutoReplier; readonly logger: DeliveryLogger },
  settled: Settled,
  target: MailboxTarget,
  message: Omit<DeliveredToInbox, 'target' | 'vacation'>,
): Promise<void> {
  const { outcome, vacation } = settled;
  if (!deps.autoReplier || !vacation || outcome.outcome !== 'delivered' || outcome.folder !== 'INBOX') return;
  try {
    const result = await deps.autoReplier.reply({ ...message, target, vacation });
    deps.logger.info('vacation response', { messageId: message.messageId, result });
  } catch (error) {
    deps.logger.warn('vacation response failed; the message is delivered', {
      messageId: message.messageId,
      error: (error as { name?: unknown } | undefined)?.name ?? 'unknown',
    });
  }
}

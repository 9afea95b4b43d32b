import type {
  DeliveredMail,
  DeliveryLogger,
  MailboxTarget,
  RecipientDecision,
  SchedulingInbox,
  Verdicts,
} from './ports';
import type { Settled } from './settle';
import type { MessageHeaders } from './types';

/**
 * After step 7 of inbound delivery, for each mailbox: offers a message delivered to the Inbox (by this attempt, or
 * by an earlier one a replay finds: applying is idempotent) to calendar scheduling, which applies an iMIP part if the
 * message has one. Its Content-Type decides first, so other mail costs no request. Mail the verdicts call spam or
 * a DMARC failure, Junk, drops and bounces are never applied. A failure is logged (without content) and never fails
 * the delivery: the message is delivered already.
 * @example
 * await offerScheduling(deps, settled, decision, target, { messageId, raw, headers, verdicts });
 */
export async function offerScheduling(
  deps: { readonly scheduling?: SchedulingInbox; readonly logger: DeliveryLogger },
  settled: Settled,
  decision: RecipientDecision,
  target: MailboxTarget,
  mail: { messageId: string; raw: Buffer; headers: MessageHeaders; verdicts: Verdicts },
): Promise<void> {
  const { outcome } = settled.outcome;
  if (!deps.scheduling || decision.action !== 'DELIVER' || decision.folder !== 'INBOX') return;
  if (outcome !== 'delivered' && outcome !== 'duplicate') return;
  if (mail.verdicts.spam === 'FAIL' || mail.verdicts.dmarc === 'FAIL') return;
  await runScheduling(deps, { messageId: mail.messageId, target, raw: mail.raw, headers: mail.headers });
}

/**
 * Hands a delivered message to calendar scheduling, logging what happened; a failure is logged (its name only) and
 * never thrown: the message is delivered already.
 * @example
 * await runScheduling(deps, { messageId, target, raw, headers });
 */
export async function runScheduling(
  deps: { readonly scheduling?: SchedulingInbox; readonly logger: DeliveryLogger },
  mail: DeliveredMail,
): Promise<void> {
  if (!deps.scheduling) return;
  try {
    const result = await deps.scheduling.received(mail);
    deps.logger.info('calendar scheduling', { messageId: mail.messageId, result });
  } catch (error) {
    deps.logger.warn('calendar scheduling failed; the message is delivered', {
      messageId: mail.messageId,
      error: (error as { name?: unknown } | undefined)?.name ?? 'unknown',
    });
  }
}

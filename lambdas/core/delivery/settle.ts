import { isMailboxQuotaExceeded } from './errors';
import type {
  DeliveryLedger,
  DeliveryLogger,
  DeliveryRequest,
  LedgerRecord,
  MailboxTarget,
  MessageDelivery,
  RecipientDecision,
} from './ports';
import { addressTargetKey, mailboxTargetKey } from './recipients';
import type { Bounce, RecipientOutcome } from './types';
import type { VacationWindow } from '../vacation/types';

/** What settling a target needs. */
export interface SettleContext {
  readonly messageId: string;
  readonly ledger: DeliveryLedger;
  readonly delivery: MessageDelivery;
  readonly logger: DeliveryLogger;
}

/** One target's outcome, with the error that left it pending, if any. */
export interface Settled {
  readonly outcome: RecipientOutcome;
  readonly error?: unknown;
  /** The settling write also completed the message (see {@link DeliveryReceipt.completesMessage}). */
  readonly completedMessage?: boolean;
  /** The mailbox's vacation window, as the delivery read it. */
  readonly vacation?: VacationWindow;
}

/** The delivery request of one mailbox, without what settling adds (target, folder, quota, receipt). */
export type MailboxDeliveryRequest = Omit<
  DeliveryRequest,
  'organizationId' | 'mailboxId' | 'folder' | 'quotaBytes' | 'receipt'
>;

/**
 * Records a bounce of an address that reaches no mailbox (unknown, disabled, too big, too many recipients): one
 * conditional write; a bounce already recorded is a duplicate.
 * @example
 * await settleBounce(context, { recipient: 'x@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown' });
 */
export function settleBounce(context: SettleContext, bounce: Bounce): Promise<Settled> {
  return recordFinal(context, addressTargetKey(bounce.recipient), {
    state: 'BOUNCED',
    recipient: bounce.recipient,
    status: bounce.status,
    reason: bounce.diagnostic,
  });
}

/**
 * Carries out the decision for one mailbox. Deliver: the message and the target's ledger record are one atomic
 * write, so a replay or a concurrent attempt can never deliver twice (an over-quota refusal becomes a 5.2.2 bounce);
 * drop and bounce: one conditional ledger write.
 * @param request - the delivery request without the target's mailbox, folder, quota and receipt
 * @param completesMessage - this delivery is the last thing the message needs: complete it in the same write
 * @example
 * await settleMailbox(context, target, { action: 'DELIVER', folder: 'INBOX' }, request, true);
 */
export async function settleMailbox(
  context: SettleContext,
  target: MailboxTarget,
  decision: RecipientDecision,
  request: MailboxDeliveryRequest,
  completesMessage = false,
): Promise<Settled> {
  const { recipient, mailboxId, organizationId, quotaBytes } = target;
  const key = mailboxTargetKey(organizationId, mailboxId);
  if (decision.action === 'DROP')
    return recordFinal(context, key, { state: 'DROPPED', recipient, mailboxId, reason: decision.reason });
  if (decision.action === 'BOUNCE') {
    const text = (decision.message ?? "Rejected by the organization's email flow rules").replace(
      /[\r\n]+/g,
      ' ',
    );
    const reason = `smtp; 550 5.7.1 ${text}`;
    return recordFinal(context, key, { state: 'BOUNCED', recipient, mailboxId, status: '5.7.1', reason });
  }
  const record: LedgerRecord = { state: 'DELIVERED', recipient, mailboxId, folder: decision.folder };
  try {
    const { stored, vacation } = await context.delivery.deliver({
      ...request,
      organizationId,
      mailboxId,
      folder: decision.folder,
      quotaBytes,
      receipt: { messageId: context.messageId, target: key, record, completesMessage },
    });
    if (!stored) return { outcome: { recipient, outcome: 'duplicate', previous: 'SETTLED' } };
    return {
      outcome: toOutcome(record),
      completedMessage: completesMessage,
      ...(vacation ? { vacation } : {}),
    };
  } catch (error) {
    if (isMailboxQuotaExceeded(error)) {
      const reason = 'smtp; 552 5.2.2 Mailbox full';
      return recordFinal(context, key, { state: 'BOUNCED', recipient, mailboxId, status: '5.2.2', reason });
    }
    return pending(context, key, recipient, error);
  }
}

/** Writes a target's final record unless it has one; a failing write leaves the target pending. */
async function recordFinal(context: SettleContext, target: string, record: LedgerRecord): Promise<Settled> {
  try {
    if (await context.ledger.record(context.messageId, target, record)) return { outcome: toOutcome(record) };
    return { outcome: { recipient: record.recipient, outcome: 'duplicate', previous: 'SETTLED' } };
  } catch (error) {
    return pending(context, target, record.recipient, error);
  }
}

function pending(context: SettleContext, target: string, recipient: string, error: unknown): Settled {
  context.logger.error('delivery to a recipient failed; it will be retried', {
    messageId: context.messageId,
    target,
    error,
  });
  return { outcome: { recipient, outcome: 'pending', reason: 'delivery failed' }, error };
}

/**
 * The outcome a final ledger record stands for.
 * @example
 * toOutcome({ state: 'DROPPED', recipient: 'a@example.com', reason: 'flow rule' }); // { outcome: 'dropped', … }
 */
export function toOutcome(record: LedgerRecord): RecipientOutcome {
  const { recipient } = record;
  switch (record.state) {
    case 'DELIVERED':
      return {
        recipient,
        outcome: 'delivered',
        mailboxId: record.mailboxId ?? '',
        folder: record.folder ?? 'INBOX',
      };
    case 'BOUNCED':
      return { recipient, outcome: 'bounced', status: record.status ?? '5.1.1', reason: record.reason ?? '' };
    case 'DROPPED':
      return { recipient, outcome: 'dropped', reason: record.reason ?? '' };
    case 'SENT':
      return { recipient, outcome: 'duplicate', previous: 'SENT' };
  }
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results.
 * @example
 * await mapLimit([1, 2, 3], 2, async (n) => n * 2); // [2, 4, 6]
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  // Stryker disable next-line ArrayDeclaration: every index is assigned, so the initial length is unobservable
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await fn(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

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

/** What settling needs: the ledger claim of this attempt and the delivery port. */
export interface SettleContext {
  readonly messageId: string;
  readonly ledger: DeliveryLedger;
  readonly delivery: MessageDelivery;
  readonly logger: DeliveryLogger;
  readonly owner: string;
  readonly now: () => number;
  readonly leaseMs: number;
}

/** One target's outcome, with the error that left it pending, if any. */
export interface Settled {
  readonly outcome: RecipientOutcome;
  readonly error?: unknown;
}

/**
 * Claims a target in the ledger and, when the claim is ours, runs `act` and records its final state.
 * A target already final is a duplicate; one claimed by a live lease elsewhere stays pending; a failing `act`
 * releases the claim (so a retry can take it) and stays pending.
 */
async function claimAndRun(
  context: SettleContext,
  target: string,
  recipient: string,
  act: () => Promise<LedgerRecord>,
): Promise<Settled> {
  const now = context.now();
  const claim = await context.ledger.claim(
    context.messageId,
    target,
    context.owner,
    now + context.leaseMs,
    now,
  );
  if (!claim.claimed) {
    if (claim.entry.state !== 'CLAIMED')
      return { outcome: { recipient, outcome: 'duplicate', previous: claim.entry.state } };
    return { outcome: { recipient, outcome: 'pending', reason: 'another attempt holds this recipient' } };
  }
  let record: LedgerRecord;
  try {
    record = await act();
  } catch (error) {
    context.logger.error('delivery to a recipient failed; it will be retried', {
      messageId: context.messageId,
      target,
      error,
    });
    await context.ledger.release(context.messageId, target, context.owner);
    return { outcome: { recipient, outcome: 'pending', reason: 'delivery failed' }, error };
  }
  await context.ledger.settle(context.messageId, target, context.owner, record);
  return { outcome: toOutcome(record) };
}

/**
 * Records a bounce of an address that reaches no mailbox (unknown, disabled, too big, too many recipients).
 * @example
 * await settleBounce(context, { recipient: 'x@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown' });
 */
export function settleBounce(context: SettleContext, bounce: Bounce): Promise<Settled> {
  return claimAndRun(context, addressTargetKey(bounce.recipient), bounce.recipient, async () => ({
    state: 'BOUNCED',
    recipient: bounce.recipient,
    status: bounce.status,
    reason: bounce.diagnostic,
  }));
}

/**
 * Carries out the decision for one mailbox: deliver (an over-quota refusal becomes a 5.2.2 bounce), drop or bounce.
 * @param request - the delivery request without the target's mailbox, folder and quota
 * @example
 * await settleMailbox(context, target, { action: 'DELIVER', folder: 'INBOX' }, request);
 */
export function settleMailbox(
  context: SettleContext,
  target: MailboxTarget,
  decision: RecipientDecision,
  request: Omit<DeliveryRequest, 'organizationId' | 'mailboxId' | 'folder' | 'quotaBytes'>,
): Promise<Settled> {
  const { recipient, mailboxId } = target;
  return claimAndRun(context, mailboxTargetKey(target.organizationId, mailboxId), recipient, async () => {
    if (decision.action === 'DROP')
      return { state: 'DROPPED', recipient, mailboxId, reason: decision.reason };
    if (decision.action === 'BOUNCE') {
      const text = (decision.message ?? "Rejected by the organization's email flow rules").replace(
        /[\r\n]+/g,
        ' ',
      );
      return { state: 'BOUNCED', recipient, mailboxId, status: '5.7.1', reason: `smtp; 550 5.7.1 ${text}` };
    }
    try {
      const { organizationId, quotaBytes } = target;
      await context.delivery.deliver({
        ...request,
        organizationId,
        mailboxId,
        folder: decision.folder,
        quotaBytes,
      });
    } catch (error) {
      if (!isMailboxQuotaExceeded(error)) throw error;
      return {
        state: 'BOUNCED',
        recipient,
        mailboxId,
        status: '5.2.2',
        reason: 'smtp; 552 5.2.2 Mailbox full',
      };
    }
    return { state: 'DELIVERED', recipient, mailboxId, folder: decision.folder };
  });
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
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await fn(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

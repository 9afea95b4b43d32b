import { composeDsn } from './dsn';
import { DECISION_TARGET } from './decision-record';
import { DeliveryIncompleteError } from './errors';
import type { DeliveryLedger, LedgerRecord, MailSender, Verdicts } from './ports';
import type { SettleContext } from './settle';
import { toOutcome } from './settle';
import type { Bounce, MessageHeaders, RecipientOutcome, SesReceiptRecord } from './types';
import { dsnSuppression } from './verdicts';

/** What sending the DSN needs from the pipeline's deps. */
export interface DsnDeps {
  readonly ledger: DeliveryLedger;
  readonly mailSender: MailSender;
  readonly logger: { info(message: string, attributes: Readonly<Record<string, unknown>>): void };
  readonly reportingMta: string;
}

/**
 * Step 9 of inbound delivery: sends one DSN for every bounce in the ledger, under its own ledger claim, unless the
 * sender is the null sender, the message is itself a DSN, or the verdicts do not vouch for the envelope sender
 * ({@link dsnSuppression}: spam, DMARC failure, neither SPF nor DKIM aligned), so a forged sender gets no
 * backscatter.
 * @throws DeliveryIncompleteError while another attempt holds the DSN
 * @example
 * const dsnSent = await sendDsn(deps, context, { envelopeFrom, arrivedAt, headers, outcomes, verdicts });
 */
export async function sendDsn(
  deps: DsnDeps,
  context: SettleContext,
  message: {
    envelopeFrom: string;
    arrivedAt: number;
    headers: MessageHeaders;
    outcomes: readonly RecipientOutcome[];
    verdicts: Verdicts;
  },
): Promise<boolean> {
  const entries = await deps.ledger.list(context.messageId);
  const bounces: Bounce[] = entries
    .flatMap((entry) => (entry.record?.state === 'BOUNCED' ? [entry.record] : []))
    .map((record: LedgerRecord) => ({
      recipient: record.recipient,
      status: record.status ?? '5.1.1',
      diagnostic: record.reason ?? '',
    }));
  if (bounces.length === 0) return false;
  if (!message.envelopeFrom || message.headers.isDeliveryReport) {
    deps.logger.info('bounces not reported: null sender or a DSN', { messageId: context.messageId });
    return false;
  }
  const suppressed = dsnSuppression(message.verdicts);
  if (suppressed) {
    deps.logger.info('bounces not reported: the sender is not authenticated', {
      messageId: context.messageId,
      reason: suppressed,
    });
    return false;
  }
  const now = context.now();
  const claim = await deps.ledger.claim(context.messageId, 'DSN', context.owner, now + context.leaseMs, now);
  if (!claim.claimed && claim.entry.state !== 'CLAIMED') return false;
  if (!claim.claimed) {
    const result = {
      messageId: context.messageId,
      recipients: message.outcomes,
      dsnSent: false,
      rawDeleted: false,
    };
    throw new DeliveryIncompleteError(
      `message ${context.messageId}: another attempt is sending the DSN`,
      result,
    );
  }
  const raw = composeDsn({
    reportingMta: deps.reportingMta,
    to: message.envelopeFrom,
    arrivalDate: message.arrivedAt,
    date: now,
    messageId: context.messageId,
    originalSubject: message.headers.subject,
    bounces,
    originalHeaders: message.headers.rawHeaderBlock,
  });
  try {
    await deps.mailSender.sendRaw({ envelopeFrom: '', recipients: [message.envelopeFrom], raw });
  } catch (error) {
    await deps.ledger.release(context.messageId, 'DSN', context.owner);
    throw error;
  }
  await deps.ledger.settle(context.messageId, 'DSN', context.owner, {
    state: 'SENT',
    recipient: message.envelopeFrom,
  });
  return true;
}

/**
 * Step 1 of inbound delivery: the recorded outcomes of a completed message, reported as duplicates.
 * @example
 * const outcomes = await duplicates(ledger, messageId);
 */
export async function duplicates(ledger: DeliveryLedger, messageId: string): Promise<RecipientOutcome[]> {
  const entries = await ledger.list(messageId);
  return entries.flatMap((entry): RecipientOutcome[] =>
    entry.target === 'DSN' || entry.target === DECISION_TARGET || !entry.record
      ? []
      : [
          {
            recipient: entry.record.recipient,
            outcome: 'duplicate',
            previous: toOutcome(entry.record).outcome,
          },
        ],
  );
}

/**
 * The SES verdicts in upper case; a missing verdict counts as GRAY.
 * @example
 * readVerdicts(record).spam; // 'PASS'
 */
export function readVerdicts(record: SesReceiptRecord): Verdicts {
  const { receipt } = record.ses;
  const status = (verdict: { status: string } | undefined) => (verdict?.status ?? 'GRAY').toUpperCase();
  return {
    spam: status(receipt.spamVerdict),
    virus: status(receipt.virusVerdict),
    spf: status(receipt.spfVerdict),
    dkim: status(receipt.dkimVerdict),
    dmarc: status(receipt.dmarcVerdict),
    dmarcPolicy: receipt.dmarcPolicy?.toUpperCase(),
  };
}

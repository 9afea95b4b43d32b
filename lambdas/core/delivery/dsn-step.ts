import { composeDsn } from './dsn';
import { DECISION_TARGET } from './decision-record';
import { DeliveryIncompleteError } from './errors';
import type { DeliveryLedger, LedgerEntry, MailSender, Verdicts } from './ports';
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

/** The attempt sending the DSN: its claim owner and lease. */
export interface DsnAttempt {
  readonly messageId: string;
  readonly owner: string;
  readonly now: () => number;
  readonly leaseMs: number;
}

/**
 * Step 9 of inbound delivery: sends one DSN for every bounce of the message, under its own ledger claim, unless the
 * sender is the null sender, the message is itself a DSN, or the verdicts do not vouch for the envelope sender
 * ({@link dsnSuppression}: spam, DMARC failure, neither SPF nor DKIM aligned), so a forged sender gets no
 * backscatter.
 * @param message - the envelope, the parsed headers, the verdicts, every bounce recorded (by this attempt or an
 * earlier one) and the outcomes of this attempt
 * @throws DeliveryIncompleteError while another attempt holds the DSN
 * @example
 * const dsnSent = await sendDsn(deps, attempt, { envelopeFrom, arrivedAt, headers, bounces, outcomes, verdicts });
 */
export async function sendDsn(
  deps: DsnDeps,
  attempt: DsnAttempt,
  message: {
    envelopeFrom: string;
    arrivedAt: number;
    headers: MessageHeaders;
    bounces: readonly Bounce[];
    outcomes: readonly RecipientOutcome[];
    verdicts: Verdicts;
  },
): Promise<boolean> {
  const { bounces } = message;
  if (bounces.length === 0) return false;
  if (!message.envelopeFrom || message.headers.isDeliveryReport) {
    deps.logger.info('bounces not reported: null sender or a DSN', { messageId: attempt.messageId });
    return false;
  }
  const suppressed = dsnSuppression(message.verdicts);
  if (suppressed) {
    deps.logger.info('bounces not reported: the sender is not authenticated', {
      messageId: attempt.messageId,
      reason: suppressed,
    });
    return false;
  }
  const now = attempt.now();
  const claim = await deps.ledger.claim(attempt.messageId, 'DSN', attempt.owner, now + attempt.leaseMs, now);
  if (!claim.claimed && claim.entry.state !== 'CLAIMED') return false;
  if (!claim.claimed) {
    const result = {
      messageId: attempt.messageId,
      recipients: message.outcomes,
      dsnSent: false,
      rawDeleted: false,
    };
    throw new DeliveryIncompleteError(
      `message ${attempt.messageId}: another attempt is sending the DSN`,
      result,
    );
  }
  const raw = composeDsn({
    reportingMta: deps.reportingMta,
    to: message.envelopeFrom,
    arrivalDate: message.arrivedAt,
    date: now,
    messageId: attempt.messageId,
    originalSubject: message.headers.subject,
    bounces,
    originalHeaders: message.headers.rawHeaderBlock,
  });
  try {
    await deps.mailSender.sendRaw({ envelopeFrom: '', recipients: [message.envelopeFrom], raw });
  } catch (error) {
    await deps.ledger.release(attempt.messageId, 'DSN', attempt.owner);
    throw error;
  }
  await deps.ledger.settle(attempt.messageId, 'DSN', attempt.owner, {
    state: 'SENT',
    recipient: message.envelopeFrom,
  });
  return true;
}

/**
 * The bounces recorded among a message's ledger entries (the DECISION and DSN targets hold SENT records).
 * @example
 * const bounces = recordedBounces((await ledger.read(messageId)).entries);
 */
export function recordedBounces(entries: readonly LedgerEntry[]): Bounce[] {
  return entries.flatMap((entry) =>
    entry.record?.state === 'BOUNCED'
      ? [
          {
            recipient: entry.record.recipient,
            status: entry.record.status ?? '5.1.1',
            diagnostic: entry.record.reason ?? '',
          },
        ]
      : [],
  );
}

/**
 * Step 1 of inbound delivery: the recorded outcomes of a completed message, reported as duplicates.
 * @example
 * const outcomes = duplicates((await ledger.read(messageId)).entries);
 */
export function duplicates(entries: readonly LedgerEntry[]): RecipientOutcome[] {
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

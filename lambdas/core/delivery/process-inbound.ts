import { randomUUID } from 'node:crypto';
import { HARD_QUOTAS } from '../config/quotas';
import { composeDsn } from './dsn';
import { DeliveryIncompleteError, RawMessageMissingError } from './errors';
import { splitAddressList } from './header-block';
import { parseMessageHeaders } from './parse-headers';
import type {
  DeliveryLedger,
  DeliveryLogger,
  LedgerRecord,
  MailSender,
  MessageDelivery,
  RawMessageRef,
  RawMessageSource,
  RecipientDecider,
  RecipientDirectory,
  Verdicts,
} from './ports';
import { mailboxTargetKey, resolveRecipients } from './recipients';
import { mapLimit, settleBounce, settleMailbox, toOutcome, type SettleContext, type Settled } from './settle';
import type {
  Bounce,
  InboundResult,
  MessageHeaders,
  RecipientOutcome,
  SesReceiptEvent,
  SesReceiptRecord,
} from './types';

/** The ports and settings of inbound delivery. */
export interface InboundDeps {
  readonly rawSource: RawMessageSource;
  readonly ledger: DeliveryLedger;
  readonly directory: RecipientDirectory;
  readonly delivery: MessageDelivery;
  /** The per-recipient decision step (DMARC, flow rules); {@link spamVerdictDecider} when none apply. */
  readonly decider: RecipientDecider;
  readonly mailSender: MailSender;
  readonly logger: DeliveryLogger;
  /** Host name written as Reporting-MTA and used in the DSN's From address. */
  readonly reportingMta: string;
  /** @default - Date.now */
  readonly now?: () => number;
  /** How long a claim on a recipient holds before another attempt may take it over. @default - 5 minutes */
  readonly leaseMs?: number;
  /** @default - 40 MB (HARD_QUOTAS.messageMimeBytes) */
  readonly maxMessageBytes?: number;
  /** Quota for mailboxes the directory reports none for. @default - 50 GB */
  readonly defaultQuotaBytes?: number;
  /** Deliveries in flight at once. @default - 8 */
  readonly concurrency?: number;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Processes every record of an SES receipt event (normally one).
 * @example
 * export const lambdaHandler = (event: SESEvent) => processInboundEvent(event, deps);
 */
export async function processInboundEvent(
  event: SesReceiptEvent,
  deps: InboundDeps,
): Promise<InboundResult[]> {
  const results: InboundResult[] = [];
  for (const record of event.Records) results.push(await processInboundRecord(record, deps));
  return results;
}

/**
 * Delivers one inbound message, exactly once per recipient however often the event is replayed.
 * Primary course:
 * 1. read the envelope and verdicts from the SES record; a message the ledger marks complete is a duplicate;
 * 2. a virus verdict of FAIL drops the message (no delivery, no DSN);
 * 3. open the raw message once; above 40 MB (announced size, else bytes read) every recipient bounces with 5.3.4;
 * 4. parse the needed headers and a snippet (never throws on malformed MIME);
 * 5. resolve recipients (aliases, nested groups, resources); unknown → 5.1.1, disabled → 5.2.1, beyond 500 → 5.5.3;
 * 6. take the per-recipient decision for the mailboxes not yet settled (DMARC and flow rules plug in here);
 * 7. settle each target under a ledger claim: deliver (over quota → 5.2.2), drop or bounce;
 * 8. if any target is still pending, throw {@link DeliveryIncompleteError} so the event is retried;
 * 9. send one DSN for every bounced recipient to the envelope sender, unless it is the null sender or the message
 *    is itself a DSN;
 * 10. mark the message complete, then delete the raw message.
 * @throws DeliveryIncompleteError when a recipient could not be settled (retry, then DLQ)
 * @throws RawMessageMissingError when the raw message is gone before delivery completed
 * @example
 * const result = await processInboundRecord(event.Records[0], deps);
 */
export async function processInboundRecord(
  record: SesReceiptRecord,
  deps: InboundDeps,
): Promise<InboundResult> {
  const { mail, receipt } = record.ses;
  const messageId = mail.messageId;
  const now = deps.now ?? Date.now;
  const envelopeFrom = mail.source === '<>' ? '' : mail.source.trim();
  const ref: RawMessageRef = {
    messageId,
    bucketName: receipt.action?.type === 'S3' ? receipt.action.bucketName : undefined,
    objectKey: receipt.action?.type === 'S3' ? receipt.action.objectKey : undefined,
  };
  const arrivedAt = Date.parse(receipt.timestamp ?? mail.timestamp ?? '') || now();
  const verdicts = readVerdicts(record);
  const finish = async (
    recipients: readonly RecipientOutcome[],
    dsnSent: boolean,
  ): Promise<InboundResult> => {
    await deps.ledger.complete(messageId);
    await deps.rawSource.delete(ref);
    return { messageId, recipients, dsnSent, rawDeleted: true };
  };
  // 1. replay of a completed message
  if (await deps.ledger.isComplete(messageId)) return finish(await duplicates(deps.ledger, messageId), false);
  // 2. virus
  if (verdicts.virus === 'FAIL') {
    deps.logger.warn('virus verdict FAIL: message dropped', { messageId, envelopeFrom });
    return finish(
      receipt.recipients.map((recipient) => ({ recipient, outcome: 'dropped', reason: 'virus' })),
      false,
    );
  }
  // 3. raw message
  const raw = await deps.rawSource.open(ref);
  if (!raw) {
    if (await deps.ledger.isComplete(messageId))
      return finish(await duplicates(deps.ledger, messageId), false);
    throw new RawMessageMissingError(messageId);
  }
  const maxBytes = deps.maxMessageBytes ?? HARD_QUOTAS.messageMimeBytes;
  const tooLarge = raw.sizeBytes !== undefined && raw.sizeBytes > maxBytes;
  const read = await raw.read(tooLarge ? HEAD_BYTES : maxBytes);
  // 4. headers
  const headers = parseMessageHeaders(read.bytes);
  const context: SettleContext = {
    messageId,
    ledger: deps.ledger,
    delivery: deps.delivery,
    logger: deps.logger,
    owner: randomUUID(),
    now,
    leaseMs: deps.leaseMs ?? 5 * 60_000,
  };
  const settled: Settled[] = [];
  if (tooLarge || !read.complete) {
    deps.logger.warn('message larger than the MIME size limit', {
      messageId,
      sizeBytes: raw.sizeBytes,
      maxBytes,
    });
    const diagnostic = `smtp; 552 5.3.4 Message size exceeds the limit of ${maxBytes} bytes`;
    const bounces: Bounce[] = receipt.recipients.map((recipient) => ({
      recipient,
      status: '5.3.4',
      diagnostic,
    }));
    settled.push(...(await mapLimit(bounces, 8, (bounce) => settleBounce(context, bounce))));
  } else {
    // 5. recipients
    const resolved = await resolveRecipients(receipt.recipients, deps.directory, {
      defaultQuotaBytes: deps.defaultQuotaBytes ?? HARD_QUOTAS.mailboxQuotaMaxMegabytes * 1024 * 1024,
      maxRecipients: HARD_QUOTAS.recipientsPerMessage,
    });
    settled.push(...(await mapLimit(resolved.bounces, 8, (bounce) => settleBounce(context, bounce))));
    // 6. decisions, for the mailboxes not settled by an earlier attempt
    const finalTargets = new Set(
      (await deps.ledger.list(messageId)).filter((e) => e.state !== 'CLAIMED').map((e) => e.target),
    );
    const targets = resolved.targets.filter(
      (t) => !finalTargets.has(mailboxTargetKey(t.organizationId, t.mailboxId)),
    );
    const decisions = await deps.decider.decide({
      messageId,
      envelopeFrom,
      headers,
      verdicts,
      recipients: targets,
    });
    // 7. settle each mailbox
    const to = splitAddressList(headers.to);
    const summary = { subject: headers.subject, from: headers.from, to, snippet: headers.snippet };
    const request = { messageId, raw: read.bytes, receivedAt: arrivedAt, summary };
    settled.push(
      ...(await mapLimit(targets, deps.concurrency ?? 8, (target, index) =>
        settleMailbox(context, target, decisions[index] ?? { action: 'DELIVER', folder: 'INBOX' }, request),
      )),
    );
  }
  // 8. anything left for a retry?
  const outcomes = settled.map((entry) => entry.outcome);
  const failed = settled.find((entry) => entry.outcome.outcome === 'pending');
  if (failed) {
    const result = { messageId, recipients: outcomes, dsnSent: false, rawDeleted: false };
    throw new DeliveryIncompleteError(`message ${messageId}: some recipients are not settled yet`, result, {
      cause: failed.error,
    });
  }
  // 9. one DSN for every bounce recorded, by this attempt or an earlier one
  const dsnSent = await sendDsn(deps, context, { envelopeFrom, arrivedAt, headers, outcomes });
  // 10. complete
  deps.logger.info('inbound message processed', { messageId, outcomes: outcomes.map((o) => o.outcome) });
  return finish(outcomes, dsnSent);
}

/** Step 9: sends the DSN under its own ledger claim; throws DeliveryIncompleteError while another attempt holds it. */
async function sendDsn(
  deps: InboundDeps,
  context: SettleContext,
  message: {
    envelopeFrom: string;
    arrivedAt: number;
    headers: MessageHeaders;
    outcomes: readonly RecipientOutcome[];
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

/** Step 1: the recorded outcomes of a completed message, reported as duplicates. */
async function duplicates(ledger: DeliveryLedger, messageId: string): Promise<RecipientOutcome[]> {
  const entries = await ledger.list(messageId);
  return entries.flatMap((entry): RecipientOutcome[] =>
    entry.target === 'DSN' || !entry.record
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

/** The SES verdicts in upper case; a missing verdict counts as GRAY. */
function readVerdicts(record: SesReceiptRecord): Verdicts {
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

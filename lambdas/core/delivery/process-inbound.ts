import { randomUUID } from 'node:crypto';
import { HARD_QUOTAS } from '../config/quotas';
import type { ContentLocation } from '../message-flow/types';
import { readDecision } from './decision-record';
import { offerAutoReply } from './auto-reply-step';
import { offerScheduling } from './scheduling-step';
import { contentKey, contentLoader, decideOnce, resolveAdded, type DecidedMessage } from './decision-step';
import { duplicates, readVerdicts, recordedBounces, sendDsn } from './dsn-step';
import { InboundEvents, type InboundEventDeps } from './event-step';
import { DeliveryConfigurationError, DeliveryIncompleteError, RawMessageMissingError } from './errors';
import { splitAddressList } from './header-block';
import {
  journalDelivered,
  journalingOrganizations,
  screenJournalHeader,
  type InboundJournal,
} from './journal-step';
import { parseMessageHeaders } from './parse-headers';
import type {
  DeliveryLedger,
  DeliveryLogger,
  LedgerEntry,
  LedgerSnapshot,
  MailSender,
  MessageDelivery,
  RawMessageRef,
  AutoReplier,
  RawMessageSource,
  RecipientDecider,
  RecipientDirectory,
  SchedulingInbox,
} from './ports';
import { addressTargetKey, mailboxTargetKey, resolveRecipients } from './recipients';
import { mapLimit, settleBounce, settleMailbox, type SettleContext, type Settled } from './settle';
import type { Bounce, InboundResult, RecipientOutcome, SesReceiptEvent, SesReceiptRecord } from './types';

/** The ports and settings of inbound delivery (email events and mail metrics: {@link InboundEventDeps}). */
export interface InboundDeps extends InboundEventDeps {
  readonly rawSource: RawMessageSource;
  readonly ledger: DeliveryLedger;
  readonly directory: RecipientDirectory;
  readonly delivery: MessageDelivery;
  /** The per-recipient decision step (DMARC, flow rules); {@link spamVerdictDecider} when none apply. */
  readonly decider: RecipientDecider;
  readonly mailSender: MailSender;
  /** Answers mail delivered to the Inbox of a user on vacation. @default - none: nothing is answered */
  readonly autoReplier?: AutoReplier;
  /** Applies iMIP messages to the recipient's calendar after delivery. @default - none: mail only */
  readonly scheduling?: SchedulingInbox;
  /** Journals delivered mail and screens `X-WM-Journal-Report`. @default - none: the header is stripped, nothing journaled */
  readonly journal?: InboundJournal;
  readonly logger: DeliveryLogger;
  /** Host name written as Reporting-MTA and used in the DSN's From address. */
  readonly reportingMta: string;
  /**
   * Reads replacement content (PutRawMessageContent) that a decision delivers instead of the original
   * (`RawMessageStore.get`). @default - none: a decision carrying replaced content fails the attempt
   */
  readonly replacements?: { get(location: ContentLocation): Promise<Uint8Array> };
  /** @default - Date.now */
  readonly now?: () => number;
  /** How long the claim on sending the DSN holds before another attempt may take it over. @default - 5 minutes */
  readonly leaseMs?: number;
  /**
   * How long the claim on the message's decision holds (it covers synchronous Run Lambda rules).
   * @default - 15 minutes (the longest a Lambda function runs)
   */
  readonly decisionLeaseMs?: number;
  /** @default - 40 MB (HARD_QUOTAS.messageMimeBytes) */
  readonly maxMessageBytes?: number;
  /** Quota for mailboxes the directory reports none for. @default - 50 GB */
  readonly defaultQuotaBytes?: number;
  /** Deliveries in flight at once. @default - 8 */
  readonly concurrency?: number;
}

const HEAD_BYTES = 64 * 1024;

/** A ledger snapshot's entries; none before the ledger was read. */
const entriesOf = (snapshot?: LedgerSnapshot): readonly LedgerEntry[] =>
  // Stryker disable next-line ArrayDeclaration: every use filters entries by target or state, which a stand-in lacks
  snapshot?.entries ?? [];

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
 * 1. a virus verdict of FAIL drops the message (no delivery, no DSN);
 * 2. open the raw message once (gone: a completed message is a replay, answered from the ledger); above 40 MB
 *    (announced size, else bytes read) every recipient bounces with 5.3.4;
 * 3. remove any `X-WM-Journal-Report` header (unless the message is one of this deployment's own journal records,
 *    see {@link screenJournalHeader}); parse the needed headers and a snippet (never throws on malformed MIME);
 * 4. resolve recipients (aliases, nested groups, resources); unknown → 5.1.1, disabled → 5.2.1, beyond 500 → 5.5.3;
 * 5. when the message has several targets, read its ledger once, to skip what an earlier attempt settled (a message
 *    it marks complete is a replay); a single target needs no read: its conditional write finds out;
 * 6. take the per-recipient decision (DMARC, flow rules, Run Lambda rules); a decision with outside effects is
 *    persisted and reused by replays and retries (see {@link decideOnce}); resolve the recipients it added (Bcc);
 * 7. settle each target not yet final: deliver — the replaced content where the decision carries one — with the
 *    target's ledger record in the same write (over quota → 5.2.2), or record the drop or bounce; when a single
 *    delivery is all the message needs, that write also completes the message; asynchronous work runs alongside;
 *    a delivery to the Inbox of a user whose vacation response is on may be answered ({@link offerAutoReply}), and
 *    an iMIP message delivered to an Inbox is applied to the mailbox's calendar ({@link offerScheduling});
 * 8. if any target is still pending, throw {@link DeliveryIncompleteError} so the event is retried; else add one
 *    journal record per journaling organization the message reached (before the message is complete, so a replay
 *    never skips it; see {@link journalDelivered});
 * 9. send one DSN for every bounced recipient to the envelope sender, unless it is the null sender, the message
 *    is itself a DSN, or the verdicts do not vouch for the sender (spam, DMARC failure, SPF and DKIM unaligned);
 * 10. run the decision's after-delivery hook, mark the message complete (unless step 7 did), then delete the raw
 *    message unless the decision retains it (a Run Lambda rule was handed its Message Flow id).
 * A warm delivery to one recipient makes 3 S3 requests (read, store, delete) and 2 DynamoDB requests (the mailbox
 * model's transactional read, then the delivery transaction); a message with several targets adds one ledger read,
 * and one S3 and two DynamoDB requests per further mailbox.
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
  // Stryker disable next-line StringLiteral: any non-date text parses to NaN, as '' does
  const arrivedAt = Date.parse(receipt.timestamp ?? mail.timestamp ?? '') || now();
  const verdicts = readVerdicts(record);
  const finish = async (
    recipients: readonly RecipientOutcome[],
    dsnSent: boolean,
    options: { retainRaw?: boolean; completed?: boolean } = {},
  ): Promise<InboundResult> => {
    if (!options.completed) await deps.ledger.complete(messageId);
    if (!options.retainRaw) await deps.rawSource.delete(ref);
    return { messageId, recipients, dsnSent, rawDeleted: !options.retainRaw };
  };
  const replay = (entries: readonly LedgerEntry[]) =>
    finish(duplicates(entries), false, { retainRaw: readDecision(entries)?.retainRaw, completed: true });
  // 1. virus
  if (verdicts.virus === 'FAIL') {
    deps.logger.warn('virus verdict FAIL: message dropped', { messageId, envelopeFrom });
    return finish(
      receipt.recipients.map((recipient) => ({ recipient, outcome: 'dropped', reason: 'virus' })),
      false,
    );
  }
  // 2. raw message
  const raw = await deps.rawSource.open(ref);
  if (!raw) {
    const latest = await deps.ledger.read(messageId);
    if (latest.complete) return replay(latest.entries);
    throw new RawMessageMissingError(messageId);
  }
  const maxBytes = deps.maxMessageBytes ?? HARD_QUOTAS.messageMimeBytes;
  const tooLarge = raw.sizeBytes !== undefined && raw.sizeBytes > maxBytes;
  const read = await raw.read(tooLarge ? HEAD_BYTES : maxBytes);
  // 3. headers
  const received = await screenJournalHeader(deps.journal, read.bytes, receipt.recipients);
  const headers = parseMessageHeaders(received.raw);
  const events = new InboundEvents(deps, {
    sesMessageId: messageId,
    envelopeFrom,
    headers,
    verdicts,
    arrivedAt,
  });
  const context: SettleContext = {
    messageId,
    ledger: deps.ledger,
    delivery: deps.delivery,
    logger: deps.logger,
  };
  const owner = randomUUID();
  const settled: Settled[] = [];
  let decided: DecidedMessage | undefined;
  let journal = async (_outcomes: readonly RecipientOutcome[]): Promise<void> => {};
  let snapshot: LedgerSnapshot | undefined;
  /** Step 5: the ledger, read at most once (`undefined` when it is not needed yet). */
  const readLedger = async () => {
    snapshot ??= await deps.ledger.read(messageId);
    return snapshot;
  };
  const finalIn = (entries: readonly LedgerEntry[]) =>
    // Stryker disable next-line MethodExpression,ConditionalExpression,StringLiteral: only the DSN and DECISION targets are ever claimed, and no recipient's target key equals theirs
    new Set(entries.filter((entry) => entry.state !== 'CLAIMED').map((entry) => entry.target));
  if (tooLarge || !read.complete) {
    deps.logger.warn('message larger than the MIME size limit', {
      messageId,
      sizeBytes: raw.sizeBytes,
      maxBytes,
    });
    const ledger = receipt.recipients.length > 1 ? await readLedger() : undefined;
    if (ledger?.complete) return replay(ledger.entries);
    const finalTargets = finalIn(entriesOf(ledger));
    const diagnostic = `smtp; 552 5.3.4 Message size exceeds the limit of ${maxBytes} bytes`;
    const bounces: Bounce[] = receipt.recipients
      .filter((recipient) => !finalTargets.has(addressTargetKey(recipient)))
      .map((recipient) => ({ recipient, status: '5.3.4', diagnostic }));
    settled.push(...(await mapLimit(bounces, 8, (bounce) => settleBounce(context, bounce))));
  } else {
    // 4. recipients
    const resolveOptions = {
      defaultQuotaBytes: deps.defaultQuotaBytes ?? HARD_QUOTAS.mailboxQuotaMaxMegabytes * 1024 * 1024,
      maxRecipients: HARD_QUOTAS.recipientsPerMessage,
    };
    const resolved = await resolveRecipients(receipt.recipients, deps.directory, resolveOptions);
    const journaling = await journalingOrganizations(deps.journal, resolved.targets, received.ownRecord);
    // 5. the ledger
    const several = resolved.targets.length + resolved.bounces.length > 1;
    const ledger = several ? await readLedger() : undefined;
    if (ledger?.complete) return replay(ledger.entries);
    let finalTargets = finalIn(entriesOf(ledger));
    const newBounces = resolved.bounces.filter(
      (bounce) => !finalTargets.has(addressTargetKey(bounce.recipient)),
    );
    settled.push(...(await mapLimit(newBounces, 8, (bounce) => settleBounce(context, bounce))));
    // 6. the decision
    decided = await decideOnce(
      {
        ...context,
        decider: deps.decider,
        owner,
        now,
        leaseMs: deps.decisionLeaseMs ?? 15 * 60_000,
      },
      { messageId, envelopeFrom, headers, verdicts, recipients: resolved.targets, raw: ref },
      entriesOf(ledger),
    );
    if (decided.earlier && !ledger) {
      // A decision an earlier attempt stored: this is a retry or a replay, which the ledger tells apart.
      const latest = await readLedger();
      if (latest.complete) return replay(latest.entries);
      finalTargets = finalIn(latest.entries);
    }
    const added = await resolveAdded(
      deps.directory,
      deps.logger,
      messageId,
      decided.added,
      resolved.targets,
      resolveOptions,
    );
    const decisionFor = decided.decisionFor;
    const work = [
      ...resolved.targets.map((target) => ({ target, decision: decisionFor(target) })),
      ...added,
    ].filter(({ target }) => !finalTargets.has(mailboxTargetKey(target.organizationId, target.mailboxId)));
    events.begin(
      resolved.targets,
      work.map(({ target }) => target),
    );
    events.decided(decided.events);
    // 7. settle each mailbox, with the replaced content where a synchronous Lambda rule put one
    const load = contentLoader((location) => {
      if (!deps.replacements)
        throw new DeliveryConfigurationError(
          'InboundDeps.replacements is required to deliver replaced content',
        );
      return deps.replacements.get(location);
    });
    const contents = new Map<string, Buffer>();
    for (const { decision } of work)
      // Stryker disable next-line ConditionalExpression: only a DELIVER decision can carry content (RecipientDecision)
      if (decision.action === 'DELIVER' && decision.content)
        contents.set(contentKey(decision.content), await load(decision.content));
    const completesMessage =
      work.length === 1 &&
      settled.length === 0 &&
      recordedBounces(entriesOf(snapshot)).length === 0 &&
      !decided.afterDelivery &&
      !decided.retainRaw &&
      journaling.size === 0;
    const alongside = decided.alongside?.();
    settled.push(
      ...(await mapLimit(work, deps.concurrency ?? 8, async ({ target, decision }) => {
        const replaced = decision.action === 'DELIVER' && decision.content;
        const bytes = replaced ? (contents.get(contentKey(replaced)) as Buffer) : received.raw;
        const shown = replaced ? parseMessageHeaders(bytes) : headers;
        const to = splitAddressList(shown.to);
        const summary = { subject: shown.subject, from: shown.from, to, snippet: shown.snippet };
        const threading = {
          messageId: shown.messageId,
          inReplyTo: shown.inReplyTo,
          references: shown.references,
        };
        const request = { messageId, raw: bytes, receivedAt: arrivedAt, summary, threading };
        const result = await settleMailbox(context, target, decision, request, completesMessage);
        events.settled(target, result.outcome);
        await offerAutoReply(deps, result, target, {
          messageId,
          envelopeFrom,
          arrivedAt,
          headers: shown,
          verdicts,
        });
        await offerScheduling(deps, result, decision, target, {
          messageId,
          raw: bytes,
          headers: shown,
          verdicts,
        });
        return result;
      })),
    );
    await alongside;
    await events.flush();
    const targets = [...resolved.targets, ...added.map(({ target }) => target)];
    journal = (outcomes) =>
      journalDelivered(deps.journal, deps.ledger, journaling, {
        messageId,
        raw: received.raw,
        envelopeFrom,
        targets,
        outcomes,
      });
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
  await journal(outcomes);
  // 9. one DSN for every bounce recorded, by this attempt or an earlier one (read again if a race hid some)
  const raced = outcomes.some((outcome) => outcome.outcome === 'duplicate');
  const earlier = raced ? (await deps.ledger.read(messageId)).entries : entriesOf(snapshot);
  const bounces = [
    ...recordedBounces(earlier),
    ...(raced
      ? []
      : settled.flatMap(({ outcome }) => (outcome.outcome === 'bounced' ? [asBounce(outcome)] : []))),
  ];
  const attempt = { messageId, owner, now, leaseMs: deps.leaseMs ?? 5 * 60_000 };
  const dsnSent = await sendDsn(deps, attempt, {
    envelopeFrom,
    arrivedAt,
    headers,
    bounces,
    outcomes,
    verdicts,
  });
  // 10. complete
  await decided?.afterDelivery?.();
  deps.logger.info('inbound message processed', { messageId, outcomes: outcomes.map((o) => o.outcome) });
  return finish(outcomes, dsnSent, {
    retainRaw: decided?.retainRaw,
    completed: settled.some((entry) => entry.completedMessage),
  });
}

function asBounce(outcome: RecipientOutcome & { outcome: 'bounced' }): Bounce {
  return { recipient: outcome.recipient, status: outcome.status, diagnostic: outcome.reason };
}

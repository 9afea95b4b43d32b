import type { DeliveryLogger, MailSender } from '../delivery/ports';
import { mapLimit } from '../delivery/settle';
import { failureReport } from './failure-report';
import type { JournalContentStore, JournalOutbox, PendingJournalRecord } from './ports';

/** How long delivery to the journaling address is retried before the report address hears of it. */
export const JOURNAL_RETRY_WINDOW_MS = 12 * 60 * 60_000;

/** After this long, a record whose failure report cannot be sent either is dropped (logged as an error). */
export const JOURNAL_DROP_AFTER_MS = 2 * JOURNAL_RETRY_WINDOW_MS;

/** Some records of a run failed for a reason other than a refusal (they are retried; the run counts as failed). */
export class JournalDeliveryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JournalDeliveryError';
  }
}

/** What {@link deliverDueJournalRecords} uses. */
export interface JournalDeliveryDeps {
  readonly outbox: JournalOutbox;
  readonly contents: JournalContentStore;
  /** SES v2 in the cloud; locally this deployment's domains through the SMTP ingress, others to the outbox folder. */
  readonly mailSender: MailSender;
  readonly logger: DeliveryLogger;
  readonly now: () => number;
  /** The journal report MAC key: failure reports are signed like records. */
  readonly macKey: () => Promise<Uint8Array>;
  /** Records read per query. @default - 100 */
  readonly batchSize?: number;
  /** Queries per run: a longer backlog waits for the next run. @default - 10 */
  readonly maxBatches?: number;
  /** Records sent at once. @default - 8 */
  readonly concurrency?: number;
}

/** What one run did. */
export interface JournalDeliveryRun {
  readonly delivered: number;
  readonly retrying: number;
  readonly givenUp: number;
}

/**
 * The wait before attempt `attempt + 1`: one minute, doubling, at most an hour.
 * @example
 * retryDelayMs(1); // 60_000
 */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000);
}

/**
 * Delivers the journal records that are due (a scheduled job: EventBridge in the cloud, a timer locally), a batch at
 * a time, several at once, at most `maxBatches` batches per run (the rest waits for the next run).
 * Primary course, per record:
 * 1. claim the attempt, which also schedules the next one (so a worker that dies mid-send leaves a retry behind, and
 *    two runs at once never send one record twice);
 * 2. send the report to the journaling address from the reserved sender: never through sending limits or flow rules;
 * 3. delivered: remove the record and its bytes;
 * 4. refused while younger than 12 hours: leave it for its next attempt (back-off from one minute to an hour);
 * 5. refused at 12 hours or later (or its bytes are gone): send one failure report, without the journaled content,
 *    to the report address from the null sender, then remove the record; when the report cannot be sent either,
 *    keep trying at the record's pace, and after 24 hours drop the record with an error log.
 * Any other failure of one record (storage) does not stop the others; the run then throws
 * {@link JournalDeliveryError} at its end, so the failure is alarmed, and the record is retried at its next attempt.
 * @example
 * await deliverDueJournalRecords({ outbox, contents, mailSender, logger, now: Date.now });
 */
export async function deliverDueJournalRecords(deps: JournalDeliveryDeps): Promise<JournalDeliveryRun> {
  const now = deps.now();
  const run = { delivered: 0, retrying: 0, givenUp: 0 };
  const batchSize = deps.batchSize ?? 100;
  const failures: unknown[] = [];
  for (let batch = 0; batch < (deps.maxBatches ?? 10); batch += 1) {
    const due = await deps.outbox.due(now, batchSize);
    const outcomes = await mapLimit(due, deps.concurrency ?? 8, (record) =>
      deliverOne(deps, record, now).catch((error: unknown) => void failures.push(error)),
    );
    for (const outcome of outcomes) if (outcome) run[outcome] += 1;
    if (due.length < batchSize) break;
  }
  if (failures.length > 0)
    throw new JournalDeliveryError(`${failures.length} journal records failed; they are retried`, {
      cause: failures[0],
    });
  return run;
}

/** One record's attempt; `undefined` when another run claimed it first. */
async function deliverOne(
  deps: JournalDeliveryDeps,
  record: PendingJournalRecord,
  now: number,
): Promise<keyof JournalDeliveryRun | undefined> {
  const attempt = record.attempts + 1;
  if (!(await deps.outbox.claim(record.recordId, record.attempts, now + retryDelayMs(attempt))))
    return undefined;
  const content = await deps.contents.get(record.contentKey);
  const error = content ? await send(deps, record, content) : new Error('journal record content missing');
  if (!error) {
    await finish(deps, record);
    return 'delivered';
  }
  if (content && now - record.createdAt < JOURNAL_RETRY_WINDOW_MS) {
    deps.logger.warn('Journal record not delivered yet; retrying', {
      organizationId: record.organizationId,
      recordId: record.recordId,
      attempts: attempt,
      error: error.name,
    });
    return 'retrying';
  }
  await giveUp(deps, { ...record, attempts: attempt }, now);
  return 'givenUp';
}

async function send(
  deps: JournalDeliveryDeps,
  record: PendingJournalRecord,
  content: Buffer,
): Promise<Error | undefined> {
  try {
    await deps.mailSender.sendRaw({
      envelopeFrom: record.from,
      recipients: [record.journalingAddress],
      raw: content,
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error('send failed');
  }
}

async function giveUp(deps: JournalDeliveryDeps, record: PendingJournalRecord, now: number): Promise<void> {
  const facts = {
    organizationId: record.organizationId,
    recordId: record.recordId,
    attempts: record.attempts,
  };
  try {
    await deps.mailSender.sendRaw({
      envelopeFrom: '',
      recipients: [record.reportAddress],
      raw: failureReport(record, now, await deps.macKey()),
    });
  } catch (error) {
    if (now - record.createdAt < JOURNAL_DROP_AFTER_MS) throw error;
    deps.logger.error('Journal record dropped: neither its journaling nor its report address accepted mail', {
      ...facts,
      error: error instanceof Error ? error.name : 'Unknown',
    });
    await finish(deps, record);
    return;
  }
  deps.logger.error('Journal record given up on; failure report sent', facts);
  await finish(deps, record);
}

async function finish(deps: JournalDeliveryDeps, record: PendingJournalRecord): Promise<void> {
  await deps.outbox.remove(record.recordId);
  await deps.contents.delete(record.contentKey);
}

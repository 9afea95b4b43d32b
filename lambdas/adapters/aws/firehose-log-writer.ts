import { PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../core/log-delivery';

/** Most records per PutRecordBatch call. */
export const FIREHOSE_MAX_BATCH_RECORDS = 500;
/** Most bytes per PutRecordBatch call (4 MiB). */
export const FIREHOSE_MAX_BATCH_BYTES = 4 * 1024 * 1024;
/** Most bytes per record (1,000 KiB). */
export const FIREHOSE_MAX_RECORD_BYTES = 1000 * 1024;

/** Records Firehose did not take after every attempt, or a record too large for it. */
export class FirehoseDeliveryError extends Error {
  constructor(
    message: string,
    /** How many records were not delivered. */
    readonly undelivered: number,
  ) {
    super(message);
    this.name = 'FirehoseDeliveryError';
  }
}

/** Options of {@link FirehoseLogWriter}. */
export interface FirehoseLogWriterOptions {
  /** Calls per batch, the first included, before the records still failing are given up. @default 3 */
  readonly attempts?: number;
  /** Waits between attempts, in ms (doubling). @default 100 */
  readonly backoffMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Writes log records to an Amazon Data Firehose stream, one record per log record (a JSON line), with
 * PutRecordBatch in batches within its limits (500 records, 4 MiB). Records the stream refused (`FailedPutCount`,
 * throttling) are sent again, only those, with a doubling backoff; what still fails rejects with
 * {@link FirehoseDeliveryError} (the caller logs it; audit logging never fails a request).
 * @example
 * const writer = new FirehoseLogWriter(new FirehoseClient({}));
 * await writer.write({ kind: 'Firehose', deliveryStreamArn }, records);
 */
export class FirehoseLogWriter implements LogRecordWriter {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly firehose: FirehoseClient,
    options: FirehoseLogWriterOptions = {},
  ) {
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 100;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (destination.kind !== 'Firehose')
      throw new FirehoseDeliveryError(`Not a Firehose destination: ${destination.kind}.`, records.length);
    const encoded = records.map((record) => Buffer.from(`${JSON.stringify(record)}\n`, 'utf8'));
    if (encoded.some((data) => data.length > FIREHOSE_MAX_RECORD_BYTES))
      throw new FirehoseDeliveryError('A record is larger than Firehose accepts.', records.length);
    for (const batch of batches(encoded)) await this.send(destination.deliveryStreamArn, batch);
  }

  private async send(streamArn: string, batch: Buffer[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: streamArn.replace(/^.*:deliverystream\//, ''),
          Records: pending.map((Data) => ({ Data })),
        }),
      );
      if (!answer.FailedPutCount) return;
      const responses = answer.RequestResponses ?? [];
      pending = pending.filter((_, index) => responses[index]?.ErrorCode !== undefined);
      if (pending.length === 0) return;
      if (attempt >= this.attempts)
        throw new FirehoseDeliveryError(`Firehose refused ${pending.length} records.`, pending.length);
      await this.sleep(this.backoffMs * 2 ** (attempt - 1));
    }
  }
}

/** Splits records into PutRecordBatch calls within the record and byte limits. */
function batches(records: readonly Buffer[]): Buffer[][] {
  const result: Buffer[][] = [];
  let current: Buffer[] = [];
  let bytes = 0;
  for (const record of records) {
    if (current.length === FIREHOSE_MAX_BATCH_RECORDS || bytes + record.length > FIREHOSE_MAX_BATCH_BYTES) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

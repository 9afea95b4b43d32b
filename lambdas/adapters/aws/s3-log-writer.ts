import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../core/log-delivery';

/** A destination the S3 writer was given that is not a bucket (a wiring mistake). */
export class NotAnS3DestinationError extends Error {
  constructor(kind: string) {
    super(`The S3 log writer cannot write to a ${kind} destination.`);
    this.name = 'NotAnS3DestinationError';
  }
}

/** Options of {@link S3LogWriter}. */
export interface S3LogWriterOptions {
  /** Epoch ms, for object keys. @default Date.now */
  readonly now?: () => number;
}

const two = (value: number) => String(value).padStart(2, '0');

/**
 * Writes log records to S3 the way vended log delivery does: one gzip-compressed JSON-lines object per batch, at
 * `<keyPrefix><yyyy>/<mm>/<dd>/<HH>/<epoch ms>-<uuid>.log.gz` (UTC; audit logs' prefix is
 * `AWSLogs/<account>/WorkMail/<logType>/`), so Athena or `aws s3 cp … - | gunzip` reads them. The bucket's default
 * encryption (SSE-S3, or SSE-KMS with a customer key) applies.
 * @example
 * const writer = new S3LogWriter(new S3Client({}));
 * await writer.write({ kind: 'S3', bucketArn: 'arn:aws:s3:::audit-archive', keyPrefix }, records);
 */
export class S3LogWriter implements LogRecordWriter {
  private readonly now: () => number;

  constructor(
    private readonly s3: S3Client,
    options: S3LogWriterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (destination.kind !== 'S3') throw new NotAnS3DestinationError(destination.kind);
    if (records.length === 0) return;
    const at = this.now();
    const date = new Date(at);
    const folder = [
      date.getUTCFullYear(),
      two(date.getUTCMonth() + 1),
      two(date.getUTCDate()),
      two(date.getUTCHours()),
    ].join('/');
    const body = gzipSync(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    await this.s3.send(
      new PutObjectCommand({
        Bucket: destination.bucketArn.replace(/^arn:aws[\w-]*:s3:::/, ''),
        Key: `${destination.keyPrefix ?? 'AWSLogs/'}${folder}/${at}-${randomUUID()}.log.gz`,
        Body: body,
        ContentType: 'application/x-ndjson',
        ContentEncoding: 'gzip',
      }),
    );
  }
}

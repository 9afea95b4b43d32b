import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../core/log-delivery';

/** The last part of a destination's ARN: log group, bucket or delivery stream name. */
function destinationName(destination: LogDestination): string {
  switch (destination.kind) {
    case 'CloudWatchLogs':
      return /:log-group:(.+):\*$/.exec(destination.logGroupArn)?.[1] ?? destination.logGroupArn;
    case 'S3':
      return destination.bucketArn.replace(/^arn:aws[\w-]*:s3:::/, '');
    case 'Firehose':
      return destination.deliveryStreamArn.replace(/^.*:deliverystream\//, '');
  }
}

/**
 * The local runtime's log destinations: one JSON-lines file per destination, at
 * `<directory>/<kind>/<name>.jsonl` (`/` in a log group name becomes `%2F`), so `tail -f` and `jq` read what a
 * CloudWatch Logs Insights query would. Appends to one file are serialized, so batches never interleave.
 * @example
 * const writer = new JsonLinesLogWriter('.mailwright/logs');
 * await writer.write({ kind: 'CloudWatchLogs', logGroupArn }, [{ traceId, event }]);
 */
export class JsonLinesLogWriter implements LogRecordWriter {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly directory: string) {}

  /** The file that holds `destination`'s records. */
  fileOf(destination: LogDestination): string {
    const name = encodeURIComponent(destinationName(destination));
    return join(this.directory, destination.kind, `${name}.jsonl`);
  }

  async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const file = this.fileOf(destination);
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    const previous = this.tails.get(file) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await mkdir(join(this.directory, destination.kind), { recursive: true });
        await appendFile(file, text, 'utf8');
      });
    this.tails.set(file, next);
    try {
      await next;
    } finally {
      if (this.tails.get(file) === next) this.tails.delete(file);
    }
  }
}

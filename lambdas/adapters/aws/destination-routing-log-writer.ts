import type { LogDestination, LogRecord, LogRecordWriter } from '../../core/log-delivery';

/** One writer per destination kind. */
export type WritersByKind = Readonly<Record<LogDestination['kind'], LogRecordWriter>>;

/**
 * Sends each write to the writer of its destination's kind: CloudWatch Logs, S3 or Firehose. The CloudWatch Logs
 * writer is given, so the email event log's adapter serves audit logs too.
 * @example
 * const writer = new DestinationRoutingLogWriter({
 *   CloudWatchLogs: cloudWatchLogsWriter,
 *   S3: new S3LogWriter(s3),
 *   Firehose: new FirehoseLogWriter(firehose),
 * });
 */
export class DestinationRoutingLogWriter implements LogRecordWriter {
  constructor(private readonly writers: WritersByKind) {}

  write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    return this.writers[destination.kind].write(destination, records);
  }
}

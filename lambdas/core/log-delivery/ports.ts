import type { LogDestination, LogRecord } from './types';

/**
 * Writes log records to a destination. Adapters: the local runtime's JSON-lines files
 * ({@link JsonLinesLogWriter}); in the cloud CloudWatch Logs `PutLogEvents` (through the configured role), S3 and
 * Firehose. A failed write rejects; callers that must never fail (mail delivery) catch and log it.
 */
export interface LogRecordWriter {
  /** Appends `records`, in order, to `destination`. */
  write(destination: LogDestination, records: readonly LogRecord[]): Promise<void>;
}

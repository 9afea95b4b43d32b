/**
 * The email event log's composition for every function that emits email events (inbound, JMAP and the
 * IMAP/submission container, send events): configurations from the Directory table, records to CloudWatch Logs
 * through the role each organization names. One STS client and one log stream name per container.
 */
import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CloudWatchLogsLogWriter } from '../../adapters/aws/cloudwatch-logs-log-writer';
import { DynamoDbEmailMonitoringConfigurationStore } from '../../adapters/aws/dynamodb-email-monitoring-configuration-store';
import type { DeliveryLogger } from '../../core/delivery';
import { EmailEventLog } from '../../core/email-events';

/** Writes every organization's records; its sessions and created streams are shared by the container's logs. */
const writer = new CloudWatchLogsLogWriter({
  sts: new STSClient({}),
  streamName: `mailwright/${new Date().toISOString().slice(0, 10)}/${randomUUID()}`,
  logsClient: (region, credentials) => new CloudWatchLogsClient({ region, credentials }),
});

/** What {@link emailEventLogWiring} needs. */
export interface EmailEventPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  /** The function's redacted operational logger (write failures are reported there). */
  readonly logger: DeliveryLogger;
}

/**
 * The organizations' email event logs.
 * @example
 * const events = emailEventLogWiring({ documents, directoryTable: config.directoryTable, logger: deliveryLogger });
 */
export function emailEventLogWiring(pieces: EmailEventPieces): EmailEventLog {
  return new EmailEventLog({
    configurations: new DynamoDbEmailMonitoringConfigurationStore(pieces.documents, pieces.directoryTable),
    writer,
    logger: pieces.logger,
  });
}

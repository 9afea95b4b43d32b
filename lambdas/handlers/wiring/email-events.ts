/**
 * The email event log's composition for every function that emits email events (inbound, JMAP and the
 * IMAP/submission container, send events): configurations from the Directory table, records to CloudWatch Logs
 * through the role each organization names (the container's one {@link logWriter}).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEmailMonitoringConfigurationStore } from '../../adapters/aws/dynamodb-email-monitoring-configuration-store';
import type { DeliveryLogger } from '../../core/delivery';
import { EmailEventLog } from '../../core/email-events';
import { logWriter } from './log-delivery';

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
    writer: logWriter,
    logger: pieces.logger,
  });
}

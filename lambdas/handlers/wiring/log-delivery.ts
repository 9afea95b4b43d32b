/**
 * Where organizations' email event and audit log records go in the cloud: one writer per container that routes each
 * record to the destination kind the organization configured — CloudWatch Logs (through the role an email
 * monitoring configuration names, else the function's own), S3 or Firehose.
 */
import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CloudWatchLogsLogWriter } from '../../adapters/aws/cloudwatch-logs-log-writer';
import { DestinationRoutingLogWriter } from '../../adapters/aws/destination-routing-log-writer';
import { DynamoDbAuditLogDeliveryStore } from '../../adapters/aws/dynamodb-audit-log-delivery-store';
import { FirehoseLogWriter } from '../../adapters/aws/firehose-log-writer';
import { S3LogWriter } from '../../adapters/aws/s3-log-writer';
import type { DeploymentSettings } from '../../core/api/deps';
import { AuditLog } from '../../core/audit-logs/audit-log';
import { organizationArn } from '../../core/directory/organization-arn';
import type { MetricsRecorder } from '../../core/metrics';

/** Writes every organization's records; its role sessions and created log streams are shared by the container. */
export const logWriter = new DestinationRoutingLogWriter({
  CloudWatchLogs: new CloudWatchLogsLogWriter({
    sts: new STSClient({}),
    streamName: `mailwright/${new Date().toISOString().slice(0, 10)}/${randomUUID()}`,
    logsClient: (region, credentials) => new CloudWatchLogsClient({ region, credentials }),
  }),
  S3: new S3LogWriter(new S3Client({})),
  Firehose: new FirehoseLogWriter(new FirehoseClient({})),
});

/** What {@link auditLogWiring} needs. */
export interface AuditLogPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  readonly settings: Pick<DeploymentSettings, 'region' | 'accountId'>;
  /** AuthenticationFailure, AccessDenied, ActionDenied and AvailabilityProviderFailure are counted here. */
  readonly metrics: MetricsRecorder;
  /** Where write failures are reported (log type and error name only). */
  readonly logger: { error(message: string, fields: Record<string, unknown>): void };
}

/**
 * The organizations' audit logs (sign-ins, rule evaluations, mailbox access, tokens, availability providers).
 * @example
 * const audit = auditLogWiring({ documents, directoryTable: config.directoryTable, settings, metrics, logger });
 */
export function auditLogWiring(pieces: AuditLogPieces): AuditLog {
  return new AuditLog({
    deliveries: new DynamoDbAuditLogDeliveryStore(pieces.documents, pieces.directoryTable),
    writer: logWriter,
    organizationArn: (organizationId) => organizationArn(pieces.settings, organizationId),
    metrics: pieces.metrics,
    logger: pieces.logger,
  });
}

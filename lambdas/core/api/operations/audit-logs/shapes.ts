import { Type } from '@sinclair/typebox';
import { destinationArnOf } from '../../../audit-logs/destination-arn';
import type { AuditLogDelivery } from '../../../audit-logs/types';

/** Shapes of the audit log delivery extension operations. */

/** One of WorkMail's five audit log types. */
export const LogType = Type.Union([
  Type.Literal('WORKMAIL_MAILBOX_ACCESS_LOGS'),
  Type.Literal('ACCESS_CONTROL_LOGS'),
  Type.Literal('AUTHENTICATION_LOGS'),
  Type.Literal('WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS'),
  Type.Literal('WORKMAIL_AVAILABILITY_PROVIDER_LOGS'),
]);

/** A log group, bucket or delivery stream ARN. */
export const DestinationArn = Type.String({ minLength: 1, maxLength: 2048 });

/** Where a log type is delivered, as the operations return it. */
export const AuditLogDeliveryShape = Type.Object({
  LogType,
  DestinationArn,
  DestinationType: Type.Union([Type.Literal('CloudWatchLogs'), Type.Literal('S3'), Type.Literal('Firehose')]),
});

/** The wire form of a delivery. */
export function toDeliveryShape(delivery: AuditLogDelivery) {
  return {
    LogType: delivery.logType,
    DestinationArn: destinationArnOf(delivery.destination),
    DestinationType: delivery.destination.kind,
  };
}

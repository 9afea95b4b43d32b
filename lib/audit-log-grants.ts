import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcards, nagText } from './nag';

/** The log groups audit records may go to (WorkMail's own log groups are named `/aws/workmail/…`). */
export const AUDIT_LOG_GROUPS = '/aws/workmail/*';
/** Firehose streams audit records may go to: names containing `workmail` or `mailwright`, as for roles. */
export const AUDIT_DELIVERY_STREAMS = ['*workmail*', '*WorkMail*', '*mailwright*', '*Mailwright*'] as const;

/**
 * Lets a function that writes audit records (the admin API, JMAP and CalDAV, the mail access task) deliver them
 * where organizations configured them (PutAuditLogDelivery), as itself: CloudWatch Logs log groups under
 * `/aws/workmail/`, the `AWSLogs/<account>/WorkMail/` keys of buckets of this account (`s3:ResourceAccount`), and
 * Firehose streams of this account and Region whose names contain `workmail` or `mailwright`.
 * @param scope - any construct of the stack (for its account, Region and partition)
 * @param grantee - the function or task role
 * @example
 * grantWriteAuditLogs(this, fn);
 */
export function grantWriteAuditLogs(scope: Construct, grantee: iam.IGrantable): iam.Grant {
  const { partition, region, account } = Stack.of(scope);
  const group = `arn:${partition}:logs:${region}:${account}:log-group:${AUDIT_LOG_GROUPS}`;
  const groups = [group, `${group}:log-stream:*`];
  const objects = `arn:${partition}:s3:::*/AWSLogs/${account}/WorkMail/*`;
  const streams = AUDIT_DELIVERY_STREAMS.map(
    (name) => `arn:${partition}:firehose:${region}:${account}:deliverystream/${name}`,
  );
  acknowledgeWildcards(
    grantee,
    [...groups, objects, ...streams].map((arn) => `Resource::${nagText(scope, arn)}`),
    'Organizations choose their audit log destinations at runtime (PutAuditLogDelivery); writes are limited to ' +
      "WorkMail's log group names, the AWSLogs/<account>/WorkMail/ keys of this account's buckets, and named streams.",
  );
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resourceArns: groups,
  })
    .combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['s3:PutObject'],
        resourceArns: [objects],
        conditions: { StringEquals: { 's3:ResourceAccount': account } },
      }),
    )
    .combine(
      iam.Grant.addToPrincipal({ grantee, actions: ['firehose:PutRecordBatch'], resourceArns: streams }),
    );
}

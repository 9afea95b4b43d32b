import type { LogDestination } from '../log-delivery';
import type { AuditLogType } from './types';

const LOG_GROUP = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:([\w./#-]{1,512})(?::\*)?$/;
const BUCKET = /^arn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;
const STREAM = /^arn:aws:firehose:([a-z0-9-]+):(\d{12}):deliverystream\/([\w.-]{1,64})$/;

/** The deployment an audit destination must belong to. */
export interface DestinationOwner {
  readonly region: string;
  readonly accountId: string;
  /** The deployment's own buckets: never an audit destination (they hold mail). */
  readonly reservedBuckets: readonly string[];
}

/** A destination ARN read, or why it cannot be one (the message names the rule, not stored content). */
export type DestinationReading =
  | { readonly ok: true; readonly destination: LogDestination }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads an audit log destination from its ARN: a CloudWatch Logs log group (`arn:aws:logs:…:log-group:<name>`,
 * with or without `:*`), an S3 bucket (`arn:aws:s3:::<bucket>`) or a Firehose delivery stream. Log groups and
 * streams must be in the deployment's Region and account (S3 bucket ARNs name neither); the deployment's own
 * buckets are refused. S3 objects go under `AWSLogs/<account>/WorkMail/<logType>/`, as vended logs put them.
 * @example
 * const reading = auditDestinationOf('arn:aws:s3:::audit-archive', 'AUTHENTICATION_LOGS', settings);
 * if (!reading.ok) throw new InvalidParameterException(reading.problem);
 */
export function auditDestinationOf(
  arn: string,
  logType: AuditLogType,
  owner: DestinationOwner,
): DestinationReading {
  const sameDeployment = (region: string, account: string) =>
    region === owner.region && account === owner.accountId;
  const elsewhere = {
    ok: false,
    problem: `The destination must be in Region ${owner.region} and account ${owner.accountId}.`,
  } as const;
  const logGroup = LOG_GROUP.exec(arn);
  if (logGroup) {
    const [, region, account, name] = logGroup;
    if (!sameDeployment(region, account)) return elsewhere;
    return {
      ok: true,
      destination: {
        kind: 'CloudWatchLogs',
        logGroupArn: `arn:aws:logs:${region}:${account}:log-group:${name}:*`,
      },
    };
  }
  const stream = STREAM.exec(arn);
  if (stream) {
    const [, region, account] = stream;
    return sameDeployment(region, account)
      ? { ok: true, destination: { kind: 'Firehose', deliveryStreamArn: arn } }
      : elsewhere;
  }
  const bucket = BUCKET.exec(arn);
  if (bucket) {
    return owner.reservedBuckets.includes(bucket[1])
      ? { ok: false, problem: "The destination may not be one of the deployment's own buckets." }
      : {
          ok: true,
          destination: {
            kind: 'S3',
            bucketArn: arn,
            keyPrefix: `AWSLogs/${owner.accountId}/WorkMail/${logType}/`,
          },
        };
  }
  return {
    ok: false,
    problem:
      'The destination must be the ARN of a CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream.',
  };
}

/**
 * The ARN a destination is shown by.
 * @example
 * destinationArnOf({ kind: 'S3', bucketArn: 'arn:aws:s3:::audit-archive' }); // 'arn:aws:s3:::audit-archive'
 */
export function destinationArnOf(destination: LogDestination): string {
  switch (destination.kind) {
    case 'CloudWatchLogs':
      return destination.logGroupArn;
    case 'S3':
      return destination.bucketArn;
    case 'Firehose':
      return destination.deliveryStreamArn;
  }
}

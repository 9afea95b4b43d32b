/**
 * Where an organization's email event or audit log records are delivered, as the admin configured it. WorkMail writes
 * email events to CloudWatch Logs only, and audit logs to CloudWatch Logs, S3 or Firehose (security-and-logging §5).
 */
export type LogDestination =
  | {
      readonly kind: 'CloudWatchLogs';
      /** `arn:aws:logs:<region>:<account>:log-group:<name>:*` */
      readonly logGroupArn: string;
      /** The role assumed to write (email event logs name one); @default - the deployment's own role */
      readonly roleArn?: string;
      /**
       * The external id given when assuming the role (the organization's id, so that the role's trust policy can
       * admit one organization only). @default - none
       */
      readonly externalId?: string;
    }
  | {
      readonly kind: 'S3';
      /** `arn:aws:s3:::<bucket>`; records land under `AWSLogs/<account>/…`. */
      readonly bucketArn: string;
      /**
       * Where in the bucket objects go, ending in `/`: audit logs use `AWSLogs/<account>/WorkMail/<logType>/`.
       * @default 'AWSLogs/'
       */
      readonly keyPrefix?: string;
    }
  | {
      readonly kind: 'Firehose';
      /** `arn:aws:firehose:<region>:<account>:deliverystream/<name>` */
      readonly deliveryStreamArn: string;
    };

/** One log record: a JSON object, written as one line (CloudWatch Logs event, S3 object line, Firehose record). */
export type LogRecord = Readonly<Record<string, unknown>>;

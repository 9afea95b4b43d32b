import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantKeyViaSqs } from './key-grants';

/** Properties of {@link Observability}. */
export interface ObservabilityProps {
  /** How long every log group keeps its lines. @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** An address subscribed to the alarm topic (it must confirm the subscription). @default - no subscription */
  readonly alarmEmail?: string;
  /** What happens to log groups and the operations key when they leave the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Operational plumbing shared by every capability: log groups with a retention, encrypted with the logs key, the
 * alarm topic, and the operations key that encrypts the topic and the dead-letter queues (never mail content or
 * mailbox keys).
 * @example
 * const observability = new Observability(this, 'Observability', { alarmEmail: 'ops@example.com' });
 * observability.alarmAtLeast(this, 'ErrorsAlarm', fn.metricErrors(), 'The function failed');
 */
export class Observability extends Construct {
  /** Every alarm of the stack notifies this topic. */
  readonly alarmTopic: sns.ITopic;
  /** Encrypts the alarm topic and the dead-letter queues. */
  readonly operationsKey: kms.IKey;
  /** Encrypts every log group of the stack; only CloudWatch Logs may use it, and only for this account's log groups. */
  readonly logsKey: kms.IKey;
  /** Every dead-letter queue made by {@link deadLetterQueue}, for the dashboard. */
  readonly deadLetterQueues: sqs.IQueue[] = [];
  private readonly logRetention: logs.RetentionDays;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: ObservabilityProps = {}) {
    super(scope, id);
    this.logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    const operationsKey = new kms.Key(this, 'OperationsKey', {
      description: 'Mailwright operations key: alarm topic and dead-letter queues',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: this.removalPolicy,
    });
    // CloudWatch alarms publish to the encrypted topic, so the alarm service needs the data key.
    operationsKey.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.operationsKey = operationsKey;
    this.logsKey = this.createLogsKey();

    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: operationsKey, enforceSSL: true });
    if (props.alarmEmail !== undefined)
      topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.alarmTopic = topic;
  }

  /**
   * Creates a log group with the stack's retention, encrypted with the logs key.
   * @param id - construct ID, e.g. `ApiFunctionLogs`
   * @param logGroupName - a fixed name, for a group a service would otherwise create itself (without retention or
   *   key); @default - a name CloudFormation generates
   */
  logGroup(id: string, logGroupName?: string): logs.ILogGroup {
    return new logs.LogGroup(this, id, {
      logGroupName,
      retention: this.logRetention,
      encryptionKey: this.logsKey,
      removalPolicy: this.removalPolicy,
    });
  }

  /**
   * An alarm in `scope` that fires when `metric` reaches `threshold` in one period (no data is no alarm), sending its
   * ALARM and OK transitions to the alarm topic.
   * @example
   * observability.alarmAtLeast(this, 'ErrorsAlarm', fn.metricErrors({ period: Duration.minutes(5) }), 'It failed');
   */
  alarmAtLeast(
    scope: Construct,
    id: string,
    metric: cloudwatch.IMetric,
    alarmDescription: string,
    threshold = 1,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      metric,
      alarmDescription,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new cwActions.SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }

  /**
   * A dead-letter queue in `scope` (construct IDs `DeadLetterQueue`, `DeadLetterQueueGrants`, `DeadLetterAlarm`):
   * encrypted with the operations key, TLS only, kept 14 days, alarming on its first message. `writer` may use the
   * key through SQS for this queue only; failure destinations take the key-less view, so that CDK adds no
   * unconditioned key grant.
   * @param what - what fails into the queue, for the nag acknowledgement (e.g. `the inbound function`)
   * @example
   * const { destination } = observability.deadLetterQueue(this, fn, 'the inbound function', 'Inbound mail events failed');
   */
  deadLetterQueue(
    scope: Construct,
    writer: iam.IGrantable,
    what: string,
    alarmDescription: string,
  ): { readonly queue: sqs.IQueue; readonly destination: sqs.IQueue } {
    const queue = new sqs.Queue(scope, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.operationsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is the dead-letter destination of ${what}; nothing consumes it automatically.`,
    });
    grantKeyViaSqs(this.operationsKey, writer, queue);
    this.deadLetterQueues.push(queue);
    this.alarmAtLeast(
      scope,
      'DeadLetterAlarm',
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      alarmDescription,
    );
    const destination = sqs.Queue.fromQueueAttributes(scope, 'DeadLetterQueueGrants', {
      queueArn: queue.queueArn,
      queueUrl: queue.queueUrl,
      queueName: queue.queueName,
    });
    return { queue, destination };
  }

  /**
   * The logs key: CloudWatch Logs of this Region may use it only with the encryption context of a log group of this
   * account and Region (its documented key policy), so no other service or account can.
   */
  private createLogsKey(): kms.Key {
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'LogsKey', {
      description: 'Mailwright logs key: every log group of the stack',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: this.removalPolicy,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    return key;
  }
}

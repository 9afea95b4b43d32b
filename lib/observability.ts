import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Properties of {@link Observability}. */
export interface ObservabilityProps {
  /** How long Lambda and API access logs are kept. @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** An address subscribed to the alarm topic (it must confirm the subscription). @default - no subscription */
  readonly alarmEmail?: string;
  /** What happens to log groups and the operations key when they leave the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Operational plumbing shared by every capability: log groups with a retention, the alarm topic, and the
 * operations key that encrypts the topic and the dead-letter queues (never mail content or mailbox keys).
 * @example
 * const observability = new Observability(this, 'Observability', { alarmEmail: 'ops@example.com' });
 * observability.alarm(fn.metricErrors().createAlarm(this, 'Errors', { threshold: 1, evaluationPeriods: 1 }));
 */
export class Observability extends Construct {
  /** Every alarm of the stack notifies this topic. */
  readonly alarmTopic: sns.ITopic;
  /** Encrypts the alarm topic and the dead-letter queues. */
  readonly operationsKey: kms.IKey;
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

    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: operationsKey, enforceSSL: true });
    if (props.alarmEmail !== undefined)
      topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.alarmTopic = topic;
  }

  /**
   * Creates a log group with the stack's retention.
   * @param id - construct ID, e.g. `ApiFunctionLogs`
   */
  logGroup(id: string): logs.ILogGroup {
    return new logs.LogGroup(this, id, { retention: this.logRetention, removalPolicy: this.removalPolicy });
  }

  /** Sends the alarm's ALARM and OK transitions to the alarm topic. */
  alarm(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new cwActions.SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}

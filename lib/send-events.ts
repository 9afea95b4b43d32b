import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import type { Storage } from './storage';
import { grantWriteEmailEvents } from './email-event-grants';

/** Namespace of the metrics the send-events function's log lines are counted in. */
export const SEND_EVENT_METRICS_NAMESPACE = 'Mailwright';

/** Properties of {@link SendEvents}. */
export interface SendEventsProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the function (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * What happens to users' mail after SES took it: an SES configuration set (the JMAP function sends through it)
 * publishes deliveries, bounces, complaints and delivery delays to an SNS topic encrypted with the operations key,
 * whose subscriber function puts a non-delivery report into the sender's Inbox and writes the organization's email
 * events (OUTGOING_EMAIL_SENT, OUTGOING_EMAIL_BOUNCED) (core/send-events).
 *
 * Primary course: 1. SES publishes the event, with the send's message tags (organization and mailbox ids). 2. SNS
 * invokes the function (Event); Lambda retries twice. 3. After the retries the event goes to the dead-letter queue,
 * and the alarm fires. The function's log lines are counted as the metrics `OutgoingEmailBounced` (recipients) and
 * `OutgoingEmailComplaints` in the `Mailwright` namespace.
 * @example
 * const sendEvents = new SendEvents(this, 'SendEvents', { storage, observability, environment: config });
 * new UserApi(this, 'UserApi', { …, configurationSet: sendEvents.configurationSet });
 */
export class SendEvents extends Construct {
  /** The configuration set users' outside mail goes out through. */
  readonly configurationSet: ses.IConfigurationSet;
  /** Where SES publishes the events. */
  readonly topic: sns.ITopic;
  /** The function that turns events into reports. */
  readonly function: lambda.IFunction;
  /** Events that failed every attempt. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: SendEventsProps) {
    super(scope, id);
    const { storage, observability } = props;
    const { partition, region, account } = Stack.of(this);

    const configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    this.configurationSet = configurationSet;
    // A named topic: the key policy below names its ARN, which a Ref would turn into a key ↔ topic cycle.
    const topicName = `${Stack.of(this).stackName}-send-events`;
    const topic = new sns.Topic(this, 'Topic', {
      topicName,
      masterKey: observability.operationsKey,
      enforceSSL: true,
    });
    this.topic = topic;
    // SES publishes to the encrypted topic, so it needs the data key: for this topic, from this configuration set.
    observability.operationsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': account,
            'aws:SourceArn': `arn:${partition}:ses:${region}:${account}:configuration-set/${configurationSet.configurationSetName}`,
            'kms:EncryptionContext:aws:sns:topicArn': `arn:${partition}:sns:${region}:${account}:${topicName}`,
          },
        },
      }),
    );
    configurationSet.addEventDestination('ToTopic', {
      destination: ses.EventDestination.snsTopic(topic),
      events: [
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });

    const logGroup = observability.logGroup('SendEventsFunctionLogs');
    const fn = new MailwrightFunction(this, 'Function', {
      entry: 'lambdas/handlers/send-events.ts',
      description: 'Mailwright send events: SES bounces and delays of sent mail become reports in the Inbox',
      logGroup,
      timeout: Duration.minutes(1),
      environment: props.environment,
      tracing: props.tracing,
    });
    const { queue, destination } = observability.deadLetterQueue(
      this,
      fn,
      'the send-events function',
      'SES sending events failed every retry and wait in the dead-letter queue (senders got no report)',
    );
    this.deadLetterQueue = queue;
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(destination),
    });
    storage.grantDeliverReports(fn);
    grantWriteEmailEvents(this, fn);
    topic.addSubscription(new subscriptions.LambdaSubscription(fn));
    this.function = fn;

    const count = (metricId: string, message: string, metricName: string, metricValue: string) =>
      new logs.MetricFilter(this, metricId, {
        logGroup,
        filterPattern: logs.FilterPattern.stringValue('$.message', '=', message),
        metricNamespace: SEND_EVENT_METRICS_NAMESPACE,
        metricName,
        metricValue,
      });
    count('BouncedRecipients', 'Outgoing email bounced', 'OutgoingEmailBounced', '$.recipients');
    count('Complaints', 'Outgoing email complaint', 'OutgoingEmailComplaints', '1');

    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'The send-events function failed (it will retry; see its logs)',
    );
  }
}

import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import { grantSendRawMail } from './ses-grants';
import type { Storage } from './storage';

/** Properties of {@link Journaling}. */
export interface JournalingProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the function (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /** Who produces journal records: the inbound function, the JMAP function, the mail access task role. */
  readonly recorders: readonly iam.IGrantable[];
  /** Minutes between delivery runs of due journal records. @default 1 */
  readonly deliveryIntervalMinutes?: number;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * Email journaling's delivery: an outbox of journal records in the Directory table (written by the mail paths this
 * construct grants it to), delivered by a scheduled function through SES v2 with back-off for 12 hours, then one
 * failure report to the organization's report address.
 *
 * Primary course: 1. An EventBridge rule invokes the delivery function every minute. 2. It sends what is due and
 * reschedules what is refused. 3. A run that fails is retried twice by Lambda, then lands in the dead-letter queue
 * (alarmed); records stay in the outbox, so the next run carries on. 4. Errors raise the errors alarm.
 * @example
 * new Journaling(this, 'Journaling', { storage, observability, environment, recorders: [inbound.function] });
 */
export class Journaling extends Construct {
  /** The scheduled function that delivers due journal records. */
  readonly deliveryFunction: lambda.IFunction;
  /** The schedule of deliveries. */
  readonly deliveryRule: events.Rule;
  /** Failed delivery runs, after Lambda's retries. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: JournalingProps) {
    super(scope, id);
    const { storage, observability } = props;
    const minutes = props.deliveryIntervalMinutes ?? 1;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
      throw new Error(
        `Journaling '${id}': deliveryIntervalMinutes must be a whole number from 1 to 60, got ${minutes}`,
      );
    }

    const fn = new MailwrightFunction(this, 'DeliveryFunction', {
      entry: 'lambdas/handlers/journal-delivery.ts',
      description: 'Mailwright journaling: delivers journal records to journaling addresses, with retries',
      logGroup: observability.logGroup('JournalDeliveryFunctionLogs'),
      // Sends up to 100 records of up to 40 MB each, one at a time.
      memorySizeMb: 1024,
      timeout: Duration.minutes(5),
      environment: props.environment,
      tracing: props.tracing,
    });
    const { queue, destination } = observability.deadLetterQueue(
      this,
      fn,
      'the journal delivery function',
      'Journal delivery runs failed every retry (records stay in the outbox; see the logs)',
    );
    this.deadLetterQueue = queue;
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.minutes(30),
      onFailure: new destinations.SqsDestination(destination),
    });
    storage.grantJournalDelivery(fn);
    grantSendRawMail(this, fn);
    for (const recorder of props.recorders) storage.grantJournalRecording(recorder);
    this.deliveryFunction = fn;

    this.deliveryRule = new events.Rule(this, 'DeliverySchedule', {
      description: 'Delivers due journal records',
      schedule: events.Schedule.rate(Duration.minutes(minutes)),
      targets: [new targets.LambdaFunction(fn)],
    });

    observability.alarmAtLeast(
      this,
      'DeliveryErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'Journal delivery failed (records are retried; see its logs)',
    );
  }
}

import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import type { Storage } from './storage';

/** Properties of {@link Retention}. */
export interface RetentionProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the functions (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /** Minute of every hour (0–59) at which the planner runs. @default 20 */
  readonly plannerMinute?: number;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * Retention policies in the cloud (docs/retention.md): an hourly planner and a worker per mailbox batch.
 *
 * Primary course: 1. An EventBridge rule invokes the planner every hour. 2. The planner queries the age index of
 * every organization that has or had a policy and invokes the worker asynchronously once per mailbox with that
 * mailbox's expired message ids; it stops starting pages after 10 minutes and the next run continues. 3. The
 * worker applies its batch through the mailbox model (conditional on folder and age, so repeats change nothing).
 * 4. Lambda retries a failed batch twice, then puts it in the dead-letter queue, whose first message raises an
 * alarm; so does any planner or worker error.
 * @example
 * new Retention(this, 'Retention', { storage, observability, environment: config });
 */
export class Retention extends Construct {
  /** Queries the age index and fans out one batch per mailbox. */
  readonly plannerFunction: lambda.IFunction;
  /** Applies one mailbox's batch. */
  readonly workerFunction: lambda.IFunction;
  /** Batches that failed every attempt. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The hourly schedule of the planner. */
  readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    const { storage, observability } = props;
    const minute = props.plannerMinute ?? 20;
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
      throw new Error(`Retention '${id}': plannerMinute must be a whole minute from 0 to 59, got ${minute}`);
    }

    const worker = new MailwrightFunction(this, 'WorkerFunction', {
      entry: 'lambdas/handlers/retention-worker.ts',
      description: 'Mailwright retention: applies one mailbox batch of expired messages',
      logGroup: observability.logGroup('WorkerFunctionLogs'),
      timeout: Duration.minutes(5),
      environment: props.environment,
      tracing: props.tracing,
    });
    storage.grantRetentionSweep(worker);
    const { queue, destination } = observability.deadLetterQueue(
      this,
      worker,
      'the retention worker',
      'Retention batches failed every retry (their messages are found again by the next run; see the logs)',
    );
    this.deadLetterQueue = queue;
    worker.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(destination),
    });
    this.workerFunction = worker;

    const planner = new MailwrightFunction(this, 'PlannerFunction', {
      entry: 'lambdas/handlers/retention-planner.ts',
      description: 'Mailwright retention: finds expired messages and hands them to the worker per mailbox',
      logGroup: observability.logGroup('PlannerFunctionLogs'),
      timeout: Duration.minutes(15),
      environment: { ...props.environment, MAILWRIGHT_RETENTION_WORKER: worker.functionName },
      tracing: props.tracing,
    });
    storage.grantRetentionPlanning(planner);
    // The unqualified function only (grantInvoke would add every version and alias, `<arn>:*`).
    iam.Grant.addToPrincipal({
      grantee: planner,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [worker.functionArn],
    });
    this.plannerFunction = planner;

    this.schedule = new events.Rule(this, 'PlannerSchedule', {
      description: 'Hourly retention planning (policies take effect within 48 hours at most)',
      schedule: events.Schedule.cron({ minute: String(minute) }),
      targets: [new targets.LambdaFunction(planner, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    observability.alarmAtLeast(
      this,
      'PlannerErrorsAlarm',
      planner.metricErrors({ period: Duration.minutes(5) }),
      'Retention planning failed (the next hourly run retries; see its logs)',
    );
    observability.alarmAtLeast(
      this,
      'WorkerErrorsAlarm',
      worker.metricErrors({ period: Duration.minutes(5) }),
      'A retention batch failed (Lambda retries it; see the worker logs)',
    );
  }
}

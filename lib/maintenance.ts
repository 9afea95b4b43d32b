import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import type { Storage } from './storage';

/** Properties of {@link Maintenance}. */
export interface MaintenanceProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the maintenance functions (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /** Hour of the day (UTC, 0–23) at which the mailbox purge runs. @default 3 */
  readonly purgeHourUtc?: number;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * Scheduled housekeeping. Today: the daily mailbox purge, which destroys the mailboxes of users and resources
 * deregistered more than 30 days ago (and of deleted ones a crash left behind).
 *
 * Primary course: 1. An EventBridge rule invokes the purge function once a day. 2. The function purges what is due;
 * a run that leaves failures throws (Lambda retries the event twice). 3. Any error raises the errors alarm; the
 * next day's run retries what is left.
 * @example
 * new Maintenance(this, 'Maintenance', { storage, observability, environment: config });
 */
export class Maintenance extends Construct {
  /** The function that purges deregistered mailboxes. */
  readonly purgeFunction: lambda.IFunction;
  /** The daily schedule of the purge. */
  readonly purgeRule: events.Rule;

  constructor(scope: Construct, id: string, props: MaintenanceProps) {
    super(scope, id);
    const { storage, observability } = props;
    const hour = props.purgeHourUtc ?? 3;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new Error(`Maintenance '${id}': purgeHourUtc must be a whole hour from 0 to 23, got ${hour}`);
    }

    const fn = new MailwrightFunction(this, 'PurgeFunction', {
      entry: 'lambdas/handlers/purge-mailboxes.ts',
      description: 'Mailwright maintenance: purges mailboxes deregistered more than 30 days ago',
      logGroup: observability.logGroup('PurgeFunctionLogs'),
      timeout: Duration.minutes(15),
      environment: props.environment,
      tracing: props.tracing,
    });
    storage.grantMailboxPurge(fn);
    this.purgeFunction = fn;

    this.purgeRule = new events.Rule(this, 'PurgeSchedule', {
      description: 'Daily purge of mailboxes deregistered more than 30 days ago',
      schedule: events.Schedule.cron({ minute: '0', hour: String(hour) }),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });

    observability.alarmAtLeast(
      this,
      'PurgeErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'The mailbox purge failed (some mailboxes are past retention; see its logs)',
    );
  }
}

import { Aws, CfnOutput, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MailwrightFunction } from './mailwright-function';
import { acknowledgeWildcards } from './nag';
import type { Observability } from './observability';
import type { Storage } from './storage';

/** Properties of {@link MailboxExport}. */
export interface MailboxExportProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the worker (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * The IAM roles export jobs may name (`RoleArn`), as ARN patterns. Each role's trust policy must also name the
   * worker's role and require the organization id as `sts:ExternalId` (docs/export.md).
   * @default - any role of this account: `arn:<partition>:iam::<account>:role/*`
   */
  readonly exportRoleArns?: readonly string[];
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * The mailbox export worker (StartMailboxExportJob). Nothing must finish inside one invocation.
 *
 * Primary course: 1. The admin API stores the job and invokes the worker asynchronously. 2. The worker assumes the
 * job's role, writes the zip part by part with a checkpoint after each, and about 3 minutes before its 15-minute
 * limit invokes itself asynchronously to continue from the checkpoint. 3. A failed invocation is retried twice by
 * Lambda (from the checkpoint); then the event lands in the dead-letter queue and its alarm fires. 4. Every 30
 * minutes the schedule hands RUNNING jobs (exports and imports) without recent progress to a new invocation, so no
 * job is lost.
 * @example
 * const exports = new MailboxExport(this, 'MailboxExport', { storage, observability, environment });
 * exports.grantStartJobs(adminApi.function);
 */
export class MailboxExport extends Construct {
  /** The worker's fixed name (its own policy names its ARN; the API's configuration names the function). */
  readonly functionName: string;
  readonly function: lambda.IFunction;
  /** Runs that failed every retry. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: MailboxExportProps) {
    super(scope, id);
    const { storage, observability } = props;
    this.functionName = Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    const fn = new MailwrightFunction(this, 'Function', {
      entry: 'lambdas/handlers/export-worker.ts',
      description: 'Mailwright mailbox export worker: writes mailbox zips to the caller bucket, part by part',
      functionName: this.functionName,
      logGroup: observability.logGroup('MailboxExportFunctionLogs'),
      // Holds up to three parts of 5 MiB or more (two uploading, one filling) and one message of up to 40 MB.
      memorySizeMb: 1024,
      timeout: Duration.minutes(15),
      environment: props.environment,
      tracing: props.tracing,
    });
    storage.grantMailboxExport(fn);
    // Imports (StartMailboxImportJob) store messages the way reports are delivered: no Directory or key-table write.
    storage.grantDeliverReports(fn);
    const ownArn = `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:${this.functionName}`;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [ownArn] }));
    const account = Stack.of(this).account;
    const roles = props.exportRoleArns ?? [`arn:${Aws.PARTITION}:iam::${account}:role/*`];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [...roles] }));
    acknowledgeWildcards(
      fn,
      props.exportRoleArns
        ? props.exportRoleArns.filter((arn) => arn.includes('*')).map((arn) => `Resource::${arn}`)
        : [
            `Resource::arn:<AWS::Partition>:iam::${Token.isUnresolved(account) ? '<AWS::AccountId>' : account}:role/*`,
          ],
      "Export jobs name the customer's role; each role's trust policy admits this role only with the organization " +
        'id as external id (docs/export.md).',
    );
    const { queue, destination } = observability.deadLetterQueue(
      this,
      fn,
      'the mailbox export worker',
      'A mailbox export run failed every retry (the schedule resumes the job from its checkpoint; see the logs)',
    );
    this.deadLetterQueue = queue;
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(destination),
    });
    new events.Rule(this, 'ResumeSchedule', {
      description: 'Hands mailbox export and import jobs without recent progress to a new worker run',
      schedule: events.Schedule.rate(Duration.minutes(30)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'A mailbox export run failed (it is retried from its checkpoint; see its logs)',
    );
    this.function = fn;
    if (fn.role) {
      new CfnOutput(Stack.of(this), 'MailboxExportWorkerRoleArn', {
        description: "The role export jobs' roles must trust (with the organization id as sts:ExternalId)",
        value: fn.role.roleArn,
      });
    }
  }

  /** Lets the admin API hand jobs to the worker (asynchronous invocations of its unqualified ARN only). */
  grantStartJobs(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.function.functionArn],
    });
  }
}

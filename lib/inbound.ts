import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONFIG_ENV } from '../lambdas/handlers/config';
import type { FlowRuleTargets } from './flow-rules';
import { MailwrightFunction } from './mailwright-function';
import { acknowledgeWildcards, nagText } from './nag';
import type { Observability } from './observability';
import { INBOUND_PREFIX, type Storage } from './storage';
import { grantWriteEmailEvents } from './email-event-grants';

/** Properties of {@link Inbound}. */
export interface InboundProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Run Lambda flow rules may invoke these functions. */
  readonly flowRuleTargets: FlowRuleTargets;
  /** Configuration of the inbound function (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Domains or addresses the receipt rule accepts mail for.
   * @default - every recipient of the identities verified in SES in this Region
   */
  readonly recipients?: readonly string[];
  /**
   * Name of the receipt rule set. Only one rule set per Region can be active, and CDK does not activate it: run
   * `aws ses set-active-receipt-rule-set --rule-set-name <name>` once after the first deploy.
   * @default - `<stack name>-inbound`
   */
  readonly receiptRuleSetName?: string;
  /** Reject mail from servers that do not use TLS. @default false - TLS optional, as in WorkMail */
  readonly requireTls?: boolean;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
}

/**
 * Mail reception: an SES receipt rule set whose rule writes raw mail to the `inbound` bucket and then invokes the
 * inbound function asynchronously; failed events land in an encrypted dead-letter queue, with alarms.
 *
 * Primary course: 1. SES accepts mail for `recipients` and scans it. 2. The S3 action writes it under `incoming/`.
 * 3. The Lambda action invokes the function (Event); Lambda retries twice. 4. After the retries the event goes to
 * the DLQ, and the DLQ-depth alarm fires.
 * @example
 * new Inbound(this, 'Inbound', { storage, observability, flowRuleTargets, environment: config });
 */
export class Inbound extends Construct {
  /** The function SES invokes for every received message. */
  readonly function: lambda.IFunction;
  /** Events that failed every attempt. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The receipt rule set (activate it once by hand; see {@link InboundProps.receiptRuleSetName}). */
  readonly ruleSet: ses.IReceiptRuleSet;
  /** Name of the receipt rule set. */
  readonly ruleSetName: string;

  constructor(scope: Construct, id: string, props: InboundProps) {
    super(scope, id);
    const { storage, observability } = props;
    this.ruleSetName = props.receiptRuleSetName ?? `${Stack.of(this).stackName}-inbound`;

    const fn = new MailwrightFunction(this, 'Function', {
      entry: 'lambdas/handlers/inbound.ts',
      description: 'Mailwright inbound: resolves recipients, applies flow rules, delivers to mailboxes',
      logGroup: observability.logGroup('InboundFunctionLogs'),
      // Holds one message of up to 40 MB while it parses, encrypts and stores it; 1769 MB is one full vCPU.
      memorySizeMb: 1769,
      timeout: Duration.minutes(5),
      environment: { ...props.environment, [CONFIG_ENV.inboundPrefix]: INBOUND_PREFIX },
      tracing: props.tracing,
    });
    const { queue, destination } = observability.deadLetterQueue(
      this,
      fn,
      'the inbound function',
      'Inbound mail events failed every retry and wait in the dead-letter queue',
    );
    this.deadLetterQueue = queue;
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(destination),
    });
    storage.grantReadInbound(fn);
    // Flow-rule reads (Directory) and in-flight records (Mailbox table) are part of the delivery grant.
    storage.grantDeliver(fn);
    grantWriteEmailEvents(this, fn);
    storage.grantReadReplacedContent(fn);
    props.flowRuleTargets.grantInvoke(fn);
    grantSendBounces(this, fn);
    this.function = fn;

    const ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: this.ruleSetName });
    const sesWrite = storage.grantSesWriteInbound(this.ruleSetName);
    const rule = ruleSet.addRule('Deliver', {
      receiptRuleName: 'mailwright-deliver',
      recipients: props.recipients?.length ? [...props.recipients] : undefined,
      scanEnabled: true,
      tlsPolicy: props.requireTls ? ses.TlsPolicy.REQUIRE : ses.TlsPolicy.OPTIONAL,
      actions: [
        new InboundBucketAction(storage, INBOUND_PREFIX),
        new sesActions.Lambda({ function: fn, invocationType: sesActions.LambdaInvocationType.EVENT }),
      ],
    });
    // SES test-writes to the bucket when the rule is created: the bucket policy must exist first.
    sesWrite.applyBefore(rule);
    this.ruleSet = ruleSet;

    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'The inbound function failed (it will retry; see its logs)',
    );
  }
}

/**
 * Bounces (DSNs for unknown recipients, full mailboxes, rule bounces) go out through SES v2 SendEmail with raw
 * content, from the organization's verified domains. SES has no grant method, and the identities are registered at
 * runtime, so the grant names them by ARN pattern in this account and Region.
 */
function grantSendBounces(scope: Construct, grantee: iam.IGrantable): iam.Grant {
  const { partition, region, account } = Stack.of(scope);
  const identities = `arn:${partition}:ses:${region}:${account}:identity/*`;
  acknowledgeWildcards(
    grantee,
    [`Resource::${nagText(scope, identities)}`],
    'Bounces are sent from the mail domains registered at runtime; their SES identities have no name at deploy time.',
  );
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resourceArns: [identities],
  });
}

/**
 * The receipt rule's S3 action. Unlike `ses-actions.S3`, it adds no bucket policy of its own: the storage construct
 * grants SES access with both `aws:SourceAccount` and `aws:SourceArn` conditions.
 */
class InboundBucketAction implements ses.IReceiptRuleAction {
  constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
  ) {}

  bind(): ses.ReceiptRuleActionConfig {
    return { s3Action: { bucketName: this.storage.inboundBucket.bucketName, objectKeyPrefix: this.prefix } };
  }
}

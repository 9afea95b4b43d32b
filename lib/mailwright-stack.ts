import { Stack, Validations, type RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { MailAccessSettings } from '../lambdas/core/autoconfig';
import type { SoftQuotas } from '../lambdas/core/config/quotas';
import { DEFAULT_METRICS_NAMESPACE } from '../lambdas/core/metrics';
import { parseAdminSignInSettings } from '../lambdas/core/sso/admin-grants';
import { CONFIG_ENV, metricsNamespaceProblem } from '../lambdas/handlers/config';
import { RECOVERABLE_ITEMS_DAYS_ENV } from '../lambdas/handlers/retention-config';
import { AdminApi } from './admin-api';
import { AvailabilityProviders } from './availability';
import { FlowRuleTargets } from './flow-rules';
import { Inbound } from './inbound';
import { MailAccess } from './mail-access';
import { Maintenance } from './maintenance';
import { Journaling } from './journaling';
import { Retention } from './retention';
import { MailboxExport } from './mailbox-export';
import { SearchIndexing } from './search-indexing';
import { SendEvents } from './send-events';
import { adoptImplicitLogGroups } from './implicit-log-groups';
import { Monitoring } from './monitoring';
import { Observability } from './observability';
import { Storage } from './storage';
import { UserApi } from './user-api';
import { WebApp } from './web-app';

/** Properties of {@link MailwrightStack}; `bin/mailwright.ts` fills them from CDK context. */
export interface MailwrightStackProps extends StackProps {
  /**
   * Default organization key (symmetric, this Region); its key policy must let SES write the inbound bucket.
   * @default - the key named by context `mailwright:organizationKeyArn`, else a new customer managed key with rotation
   */
  readonly organizationKey?: kms.IKey;
  /** Test mail domains are `<alias>.<testDomainSuffix>`; receive mail for them by verifying it in SES. @default 'mail.invalid' */
  readonly testDomainSuffix?: string;
  /** Domains or addresses the SES receipt rule accepts. @default - every recipient of the verified identities */
  readonly inboundRecipients?: readonly string[];
  /** Removal policy of tables, buckets, keys, secrets and logs. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Address subscribed to the alarm topic. @default - alarms publish to the topic only */
  readonly alarmEmail?: string;
  /** Retention of every log group (functions, API access and execution logs, mail access). @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /**
   * CloudWatch namespace of WorkMail's nine metrics (`AWS/` is reserved for AWS services); the functions get it as
   * `MAILWRIGHT_METRICS_NAMESPACE`. @default 'WorkMail'
   */
  readonly metricsNamespace?: string;
  /** Alarm when this share of outside recipients (percent) bounced in an hour. @default 5 */
  readonly bounceRateAlarmPercent?: number;
  /** Alarm when this many sign-ins fail in 5 minutes. @default 100 */
  readonly authenticationFailuresPer5Minutes?: number;
  /** Soft quota overrides. @default - DEFAULT_SOFT_QUOTAS */
  readonly quotas?: Partial<SoftQuotas>;
  /** Active X-Ray tracing on the functions and the API stage. @default false */
  readonly tracing?: boolean;
  /**
   * Point-in-time recovery window of the mailbox key table, in days (0–35); see `StorageProps.mailboxKeyRecoveryDays`.
   * @default 0 - deleted mail is unrecoverable as soon as its mailbox is destroyed
   */
  readonly mailboxKeyRecoveryDays?: number;
  /**
   * IAM role ARN patterns mailbox export jobs may name; see `MailboxExportProps.exportRoleArns`.
   * @default - any role of this account
   */
  readonly exportRoleArns?: readonly string[];
  /**
   * Where users' mail apps reach IMAP (`imapPort` STARTTLS, `imapTlsPort` implicit TLS) and SMTP submission
   * (`submissionPort`, `submissionTlsPort`) at `hostName`: the user API answers Thunderbird, Outlook and Apple
   * autoconfiguration with it, and `GetMailDomain` lists its SRV records (docs/client-setup.md). With `tlsSecretArn`
   * the stack also runs the IMAP and submission service there (ECS Fargate behind a Network Load Balancer,
   * docs/deploy.md); without it the settings must describe servers run elsewhere.
   * @default - no IMAP or submission: no autoconfiguration routes, no SRV records, no service
   */
  readonly mailAccess?: MailAccessStackProps;
  /** Days messages a retention policy deleted stay in Recoverable Items (1–730). @default 30 */
  readonly recoverableItemsDays?: number;
  /**
   * The web app's domain name (webmail at `/`, the admin console at `/admin`), e.g. `mail.example.com`; with
   * `webCertificateArn`, CloudFront serves it with TLS 1.2 or later (docs/deploy.md).
   * @default - CloudFront's `*.cloudfront.net` domain and certificate
   */
  readonly webDomainName?: string;
  /** ARN of an ACM certificate in us-east-1 covering `webDomainName`; required with it. */
  readonly webCertificateArn?: string;
  /**
   * The admin console's single sign-on through your workforce OpenID Connect issuer: a public client (PKCE, no
   * secret in the template) whose callback is `<user API URL>/admin/auth/callback`, the groups claim, and which
   * groups get which organizations (docs/single-sign-on.md#admin-console-sign-in). Checked at synth.
   * @default - none: admins sign in to the console with admin keys only
   */
  readonly adminSignIn?: AdminSignInStackProps;
}

/** The stack's `adminSignIn`: the JSON form of the local `--admin-sign-in` file, without a client secret. */
export interface AdminSignInStackProps {
  readonly issuer: string;
  readonly clientId: string;
  /** @default 'groups' */
  readonly groupsClaim?: string;
  /** How long a signed-in admin's key lasts (5–720). @default 60 */
  readonly keyLifetimeMinutes?: number;
  /** Each: a group, and `allOrganizations: true` or the `organizationIds` its members administer. */
  readonly grants: readonly {
    readonly group: string;
    readonly allOrganizations?: boolean;
    readonly organizationIds?: readonly string[];
  }[];
}

/** The stack's `mailAccess`: the published settings and, to run the service, its certificate and sizing. */
export interface MailAccessStackProps extends MailAccessSettings {
  /**
   * Complete ARN of a Secrets Manager secret `{"key": "<PEM>", "cert": "<PEM chain>"}` for `hostName`.
   * @default - no service is deployed (the settings are only published)
   */
  readonly tlsSecretArn?: string;
  /** @default - a new VPC with public subnets in 2 AZs and no NAT gateway (see `MailAccessProps.vpc`) */
  readonly vpc?: ec2.IVpc;
  /** @default 1 */
  readonly minTasks?: number;
  /** @default 4 */
  readonly maxTasks?: number;
  /** Open IMAP connections per task the service scales to. @default 2000 */
  readonly connectionsPerTask?: number;
}

/**
 * The whole Mailwright deployment: storage, observability, the admin API, the user API (JMAP), the events of sent
 * mail, inbound mail and scheduled maintenance (the mailbox purge), in one stack.
 * @example
 * new MailwrightStack(app, 'Mailwright', { inboundRecipients: ['example.com'] });
 */
export class MailwrightStack extends Stack {
  readonly storage: Storage;
  readonly observability: Observability;
  readonly adminApi: AdminApi;
  readonly userApi: UserApi;
  /** Bounces, complaints and delays of users' outside mail (SES configuration set → SNS → function). */
  readonly sendEvents: SendEvents;
  readonly inbound: Inbound;
  /** Keeps the mailboxes' search indexes up to date (Mailbox table stream → indexer function). */
  readonly searchIndexing: SearchIndexing;
  readonly maintenance: Maintenance;
  /** Retention policies: the hourly planner and the per-mailbox worker. */
  readonly retention: Retention;
  /** The mailbox export worker (StartMailboxExportJob). */
  readonly mailboxExport: MailboxExport;
  /** IMAP and SMTP submission for mail apps, when `mailAccess.tlsSecretArn` is given. */
  readonly mailAccess?: MailAccess;
  /** Email journaling: the outbox's scheduled delivery, with its dead-letter queue and alarms. */
  readonly journaling: Journaling;
  /** The dashboard, the bounce-rate and sign-in failure alarms. */
  readonly monitoring: Monitoring;
  /** Webmail and the admin console: S3 behind CloudFront, with the user API on the same origin. */
  readonly webApp: WebApp;

  constructor(scope: Construct, id: string, props: MailwrightStackProps = {}) {
    super(scope, id, props);
    const { removalPolicy } = props;
    this.observability = new Observability(this, 'Observability', {
      logRetention: props.logRetention,
      alarmEmail: props.alarmEmail,
      removalPolicy,
    });
    const keyArn: unknown = this.node.tryGetContext('mailwright:organizationKeyArn');
    const organizationKey =
      props.organizationKey ??
      (typeof keyArn === 'string' && keyArn
        ? kms.Key.fromKeyArn(this, 'OrganizationKey', keyArn)
        : undefined);
    this.storage = new Storage(this, 'Storage', {
      organizationKey,
      removalPolicy,
      mailboxKeyRecoveryDays: props.mailboxKeyRecoveryDays,
    });
    const metricsNamespace = props.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE;
    const namespaceProblem = metricsNamespaceProblem(metricsNamespace);
    if (namespaceProblem)
      throw new Error(`MailwrightStack '${id}': metricsNamespace '${metricsNamespace}': ${namespaceProblem}`);
    const recoverableDays = props.recoverableItemsDays;
    if (
      recoverableDays !== undefined &&
      (!Number.isInteger(recoverableDays) || recoverableDays < 1 || recoverableDays > 730)
    )
      throw new Error(
        `MailwrightStack '${id}': recoverableItemsDays must be 1 to 730 days, got ${recoverableDays}`,
      );
    const environment: Record<string, string> = {
      [CONFIG_ENV.accountId]: this.account,
      [CONFIG_ENV.directoryTable]: this.storage.directoryTable.tableName,
      [CONFIG_ENV.mailboxTable]: this.storage.mailboxTable.tableName,
      [CONFIG_ENV.keyTable]: this.storage.mailboxKeyTable.tableName,
      [CONFIG_ENV.inboundBucket]: this.storage.inboundBucket.bucketName,
      [CONFIG_ENV.storeBucket]: this.storage.storeBucket.bucketName,
      [CONFIG_ENV.exportsBucket]: this.storage.exportsBucket.bucketName,
      [CONFIG_ENV.accessLogsBucket]: this.storage.accessLogsBucket.bucketName,
      [CONFIG_ENV.defaultKeyArn]: this.storage.organizationKey.keyArn,
      [CONFIG_ENV.testDomainSuffix]: props.testDomainSuffix ?? 'mail.invalid',
      [CONFIG_ENV.quotas]: JSON.stringify(props.quotas ?? {}),
      [CONFIG_ENV.metricsNamespace]: metricsNamespace,
      ...(props.mailAccess
        ? { [CONFIG_ENV.mailAccess]: JSON.stringify(publishedSettings(props.mailAccess)) }
        : {}),
      ...(recoverableDays === undefined ? {} : { [RECOVERABLE_ITEMS_DAYS_ENV]: String(recoverableDays) }),
      POWERTOOLS_SERVICE_NAME: 'mailwright',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    this.mailboxExport = new MailboxExport(this, 'MailboxExport', {
      storage: this.storage,
      observability: this.observability,
      environment,
      exportRoleArns: props.exportRoleArns,
      tracing: props.tracing,
    });
    this.adminApi = new AdminApi(this, 'AdminApi', {
      storage: this.storage,
      observability: this.observability,
      environment: { ...environment, [CONFIG_ENV.exportWorkerFunction]: this.mailboxExport.functionName },
      tracing: props.tracing,
      removalPolicy,
    });
    this.mailboxExport.grantStartJobs(this.adminApi.function);
    const availabilityProviders = new AvailabilityProviders(this, 'AvailabilityProviders');
    // Test/GetAvailability (admin API) and Principal/getAvailability (JMAP) call CAP functions.
    availabilityProviders.grantInvoke(this.adminApi.function);
    // One set of flow-rule targets: inbound and outbound rules invoke the same organization-bound functions.
    const flowRuleTargets = new FlowRuleTargets(this, 'FlowRuleTargets');
    this.sendEvents = new SendEvents(this, 'SendEvents', {
      storage: this.storage,
      observability: this.observability,
      environment,
      tracing: props.tracing,
    });
    this.userApi = new UserApi(this, 'UserApi', {
      storage: this.storage,
      observability: this.observability,
      flowRuleTargets,
      environment: {
        ...environment,
        ...(props.adminSignIn ? { [CONFIG_ENV.adminSignIn]: adminSignInJson(id, props.adminSignIn) } : {}),
      },
      adminSignIn: props.adminSignIn !== undefined,
      configurationSet: this.sendEvents.configurationSet,
      autoconfig: props.mailAccess !== undefined,
      tracing: props.tracing,
    });
    availabilityProviders.grantInvoke(this.userApi.function);
    this.webApp = new WebApp(this, 'WebApp', {
      storage: this.storage,
      observability: this.observability,
      userApi: this.userApi,
      adminApi: this.adminApi.api,
      domainName: props.webDomainName,
      certificateArn: props.webCertificateArn,
      removalPolicy,
    });
    this.inbound = new Inbound(this, 'Inbound', {
      storage: this.storage,
      observability: this.observability,
      flowRuleTargets,
      environment,
      recipients: props.inboundRecipients,
      tracing: props.tracing,
    });
    this.searchIndexing = new SearchIndexing(this, 'SearchIndexing', {
      storage: this.storage,
      observability: this.observability,
      environment,
      tracing: props.tracing,
    });
    this.maintenance = new Maintenance(this, 'Maintenance', {
      storage: this.storage,
      observability: this.observability,
      environment,
      tracing: props.tracing,
    });
    this.retention = new Retention(this, 'Retention', {
      storage: this.storage,
      observability: this.observability,
      environment,
      tracing: props.tracing,
    });
    if (props.mailAccess?.tlsSecretArn) {
      const { tlsSecretArn, vpc, minTasks, maxTasks, connectionsPerTask } = props.mailAccess;
      this.mailAccess = new MailAccess(this, 'MailAccess', {
        storage: this.storage,
        observability: this.observability,
        flowRuleTargets,
        environment,
        configurationSet: this.sendEvents.configurationSet,
        settings: publishedSettings(props.mailAccess),
        tlsSecretArn,
        vpc,
        minTasks,
        maxTasks,
        connectionsPerTask,
      });
    }
    this.journaling = new Journaling(this, 'Journaling', {
      storage: this.storage,
      observability: this.observability,
      environment,
      recorders: [
        this.inbound.function,
        this.userApi.function,
        ...(this.mailAccess ? [this.mailAccess.service.taskDefinition.taskRole] : []),
      ],
      tracing: props.tracing,
    });
    const constructs = this.node.findAll();
    this.monitoring = new Monitoring(this, 'Monitoring', {
      observability: this.observability,
      metricsNamespace,
      bounceRateAlarmPercent: props.bounceRateAlarmPercent,
      authenticationFailuresPer5Minutes: props.authenticationFailuresPer5Minutes,
      functions: constructs.filter((construct) => construct instanceof lambda.Function),
      restApis: constructs.filter((construct) => construct instanceof apigateway.RestApi),
      deadLetterQueues: this.observability.deadLetterQueues,
    });
    adoptImplicitLogGroups(this, this.observability);
    this.acknowledgeStackFindings();
  }

  /** Findings that hold for every Mailwright function; each reason says why the pattern is intended. */
  private acknowledgeStackFindings(): void {
    const acknowledge = (id: string, reason: string) => Validations.of(this).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The AWS managed basic execution role only lets a function write its own logs.',
    );
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'The account-level API Gateway logging role needs exactly this AWS managed policy.',
    );
    acknowledge(
      'AwsSolutions-L1',
      'Functions run nodejs22.x, the newest runtime the project builds and tests against (esbuild target node22).',
    );
  }
}

/** What clients are told (autoconfiguration, SRV records): the settings without the service's own props. */
function publishedSettings(access: MailAccessStackProps): MailAccessSettings {
  const { hostName, imapPort, imapTlsPort, submissionPort, submissionTlsPort, autoconfigHostName } = access;
  return {
    hostName,
    imapPort,
    imapTlsPort,
    submissionPort,
    submissionTlsPort,
    ...(autoconfigHostName !== undefined ? { autoconfigHostName } : {}),
  };
}

/** The admin sign-in settings as the function reads them, refused at synth when they cannot be used. */
function adminSignInJson(stackId: string, settings: AdminSignInStackProps): string {
  try {
    parseAdminSignInSettings(settings);
  } catch (error) {
    throw new Error(`MailwrightStack '${stackId}': ${(error as Error).message}`, { cause: error });
  }
  return JSON.stringify(settings);
}

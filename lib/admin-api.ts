import { createHash } from 'node:crypto';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CONFIG_ENV } from '../lambdas/handlers/config';
import { grantKeyViaSecretsManager } from './key-grants';
import { MailwrightFunction } from './mailwright-function';
import { acknowledgeWildcards, nagText } from './nag';
import type { Observability } from './observability';
import type { Storage } from './storage';
import { grantWriteAuditLogs } from './audit-log-grants';

/** Properties of {@link AdminApi}. */
export interface AdminApiProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Configuration of the API function (what `loadConfig()` reads), without the secret names added here. */
  readonly environment: Readonly<Record<string, string>>;
  /** Steady-state requests per second across the API. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests above the rate. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** A regional WAF web ACL to associate with the API stage. @default - no WAF (SigV4 rejects unsigned calls) */
  readonly webAcl?: wafv2.CfnWebACL;
  /** Stage name, the first segment of the endpoint path. @default 'v1' */
  readonly stageName?: string;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
  /** What happens to the secrets when they leave the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The admin API: a REST API that proxies every path (including `/`) to the API function, which serves the WorkMail
 * JSON protocol, REST routes and the Message Flow API and verifies SigV4 itself. Also the bootstrap admin key and
 * the page-token key, both in Secrets Manager.
 * @example
 * const api = new AdminApi(this, 'AdminApi', { storage, observability, environment: config });
 */
export class AdminApi extends Construct {
  /** The function behind every route. */
  readonly function: lambda.IFunction;
  /**
   * The API function's role: bucket owners name it in the bucket policy of a PutRawMessageContent content bucket
   * (stack output `MessageFlowReaderRoleArn`).
   */
  readonly messageFlowReaderRole: iam.IRole;
  /** The REST API. */
  readonly api: apigateway.RestApi;
  /** `{ accessKeyId, secretAccessKey }` of the first admin key; the function stores it on cold start. */
  readonly bootstrapAdminSecret: secretsmanager.ISecret;
  /** HMAC key that makes NextTokens tamper-evident. */
  readonly pageTokenSecret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: AdminApiProps) {
    super(scope, id);
    const { storage, observability } = props;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    // The access key ID is not secret; derive a stable one per stack so redeploys keep it.
    const accessKeyId = `AKMW${createHash('sha256').update(this.node.addr).digest('hex').slice(0, 16).toUpperCase()}`;
    this.bootstrapAdminSecret = new secretsmanager.Secret(this, 'BootstrapAdminSecret', {
      description: 'Mailwright bootstrap admin access key: sign admin API calls with it, then replace it',
      encryptionKey: storage.organizationKey,
      removalPolicy,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ accessKeyId }),
        generateStringKey: 'secretAccessKey',
        passwordLength: 40,
        excludePunctuation: true,
      },
    });
    this.pageTokenSecret = new secretsmanager.Secret(this, 'PageTokenSecret', {
      description: 'Mailwright page-token HMAC key',
      encryptionKey: storage.organizationKey,
      removalPolicy,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    for (const secret of [this.bootstrapAdminSecret, this.pageTokenSecret]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation is an admin action: create a new admin key through the API and delete the bootstrap one; ' +
          'rotating the page-token key would only invalidate NextTokens in flight.',
      });
    }

    const stageName = props.stageName ?? 'v1';
    const fn = new MailwrightFunction(this, 'Function', {
      entry: 'lambdas/handlers/api.ts',
      description: 'Mailwright admin API: WorkMail JSON protocol, REST and Message Flow API',
      logGroup: observability.logGroup('ApiFunctionLogs'),
      memorySizeMb: 1024,
      environment: {
        ...props.environment,
        [CONFIG_ENV.bootstrapAdminSecret]: this.bootstrapAdminSecret.secretName,
        [CONFIG_ENV.pageTokenSecret]: this.pageTokenSecret.secretName,
        [CONFIG_ENV.apiBasePath]: `/${stageName}`,
      },
      tracing: props.tracing,
    });
    storage.grantDirectoryReadWrite(fn);
    storage.grantMailboxLifecycle(fn);
    storage.grantMessageFlow(fn);
    // No grant on the buckets PutRawMessageContent reads: each bucket owner opts in with a bucket policy naming
    // this role (output MessageFlowReaderRoleArn), and each organization lists its buckets
    // (PutMessageFlowConfiguration). Same-account S3 needs nothing more (docs/message-flow-api.md).
    storage.grantAdminSecretWrapping(fn);
    // VerifyJournalReport: the journal report MAC key derives from the delivery ledger's deployment key.
    storage.grantDeploymentKeys(fn);
    this.grantManageMailDomains(fn);
    grantWriteAuditLogs(this, fn);
    for (const secret of [this.bootstrapAdminSecret, this.pageTokenSecret])
      grantReadSecret(fn, secret, storage.organizationKey);
    this.function = fn;
    if (!fn.role) throw new Error('The API function has no execution role');
    this.messageFlowReaderRole = fn.role;

    this.api = new apigateway.LambdaRestApi(this, 'Api', {
      // API Gateway's metrics are per API name: a name of its own keeps the alarms and the dashboard apart.
      restApiName: `${Stack.of(this).stackName}-admin`,
      handler: fn,
      proxy: true,
      description: 'Mailwright admin API (SigV4 verified by Mailwright)',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // Every body reaches the function base64-encoded, so signatures are checked over the exact bytes sent.
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(observability.logGroup('ApiAccessLogs')),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: props.tracing ?? false,
        throttlingRateLimit: props.throttlingRateLimit ?? 50,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 100,
      },
    });
    // TLS 1.3 and TLS 1.2 with forward secrecy only (security-and-logging.md requirement 32).
    const cfnApi = this.api.node.defaultChild as apigateway.CfnRestApi;
    cfnApi.securityPolicy = 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09';
    cfnApi.endpointAccessMode = 'BASIC';
    this.acknowledgeApiFindings(props.webAcl !== undefined);
    if (props.webAcl) {
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAcl.attrArn,
      });
    }

    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'The admin API function failed (the caller got a 500)',
    );

    observability.alarmAtLeast(
      this,
      'ServerErrorsAlarm',
      this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The admin API answered 5xx (function errors, timeouts or throttled integrations)',
    );

    new CfnOutput(Stack.of(this), 'AdminApiEndpoint', {
      description: 'Pass to aws workmail --endpoint-url',
      value: this.api.url,
    });
    new CfnOutput(Stack.of(this), 'MessageFlowReaderRoleArn', {
      description:
        'Name this role in the bucket policy of a bucket whose objects PutRawMessageContent may read (s3:GetObject)',
      value: this.messageFlowReaderRole.roleArn,
    });
    new CfnOutput(Stack.of(this), 'BootstrapAdminSecretName', {
      description: 'aws secretsmanager get-secret-value --secret-id <this> gives the first admin key',
      value: this.bootstrapAdminSecret.secretName,
    });
  }

  /**
   * RegisterMailDomain and GetMailDomain create and read SES domain identities (SesDomainVerifier). SES has no
   * grant method for identities, so the grant names them by ARN pattern, in this account and Region only.
   */
  private grantManageMailDomains(grantee: iam.IGrantable): iam.Grant {
    const { partition, region, account } = Stack.of(this);
    const identities = `arn:${partition}:ses:${region}:${account}:identity/*`;
    acknowledgeWildcards(
      grantee,
      [`Resource::${nagText(this, identities)}`],
      'Mail domains are registered at runtime (RegisterMailDomain), so their SES identities have no name at deploy time.',
    );
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:CreateEmailIdentity', 'ses:GetEmailIdentity'],
      resourceArns: [identities],
    });
  }

  private acknowledgeApiFindings(hasWaf: boolean): void {
    const reason =
      'Callers sign with SigV4 for service workmail, which API Gateway IAM auth cannot verify; the API function ' +
      'verifies every signature against Mailwright admin keys and answers 403 otherwise (ARCHITECTURE.md §2).';
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-COG4', reason });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Requests are validated against the operation catalog schemas in the function (one validator for ' +
        'the JSON protocol, REST and Message Flow API); API Gateway only proxies.',
    });
    if (!hasWaf) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'WAF is optional (prop webAcl): unsigned requests are rejected before any work, and stage ' +
          'throttling bounds the rate.',
      });
    }
  }
}

/**
 * GetSecretValue on one secret, and kms:Decrypt through Secrets Manager for that secret only (`SecretARN`); CDK's
 * `grantRead` would let the role decrypt any secret under the key.
 */
function grantReadSecret(
  grantee: iam.IGrantable,
  secret: secretsmanager.ISecret,
  key: Storage['organizationKey'],
): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resourceArns: [secret.secretArn],
  }).combine(grantKeyViaSecretsManager(key, grantee, secret));
}

import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CONFIG_ENV } from '../lambdas/handlers/config';
import type { FlowRuleTargets } from './flow-rules';
import { MailwrightFunction } from './mailwright-function';
import type { Observability } from './observability';
import { grantSendRawMail } from './ses-grants';
import type { Storage } from './storage';
import { grantWriteEmailEvents } from './email-event-grants';
import { grantWriteAuditLogs } from './audit-log-grants';

/** Properties of {@link UserApi}. */
export interface UserApiProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** The functions outbound Run Lambda rules may invoke (the same as inbound's). */
  readonly flowRuleTargets: FlowRuleTargets;
  /** Configuration of the function (what `loadConfig()` reads). */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * The SES configuration set users' outside mail goes out through (`SendEvents`), so its bounces come back.
   * @default - none: an outside recipient's later bounce is lost
   */
  readonly configurationSet?: ses.IConfigurationSet;
  /** Steady-state requests per second across the API. @default 100 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests above the rate. @default 200 */
  readonly throttlingBurstLimit?: number;
  /** A regional WAF web ACL to associate with the API stage. @default - no WAF (users sign in on every request) */
  readonly webAcl?: wafv2.CfnWebACL;
  /** Stage name, the first segment of the endpoint path. @default 'v1' */
  readonly stageName?: string;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
  /**
   * Route mail app autoconfiguration to the function (Thunderbird's `config-v1.1.xml`, Outlook's autodiscover, the
   * Apple profile); the function reads the endpoints from its environment (`MAILWRIGHT_MAIL_ACCESS`).
   * @default false - not routed: the deployment offers no IMAP or submission
   */
  readonly autoconfig?: boolean;
  /**
   * Serve the admin console's single sign-on (`/admin/auth/…`): the function reads the settings from its
   * environment (`MAILWRIGHT_ADMIN_SIGN_IN`) and may mint and revoke short-lived admin keys.
   * @default false - not routed, and no admin key permission
   */
  readonly adminSignIn?: boolean;
}

/**
 * The API users' mail apps talk to: JMAP (session at `/.well-known/jmap`, everything else under `/jmap/`) and CalDAV /
 * CardDAV (`/.well-known/caldav`, `/.well-known/carddav`, everything else under `/dav/`) served by
 * its own function, apart from the admin API so that each has its own permissions, throttling and alarms. Users sign
 * in inside the function (directory password or personal access token), so the API itself has no authorizer.
 * @example
 * const users = new UserApi(this, 'UserApi', { storage, observability, environment: config });
 */
export class UserApi extends Construct {
  /** The JMAP function. */
  readonly function: lambda.IFunction;
  /** The REST API. */
  readonly api: apigateway.RestApi;
  private readonly jmapFunction: MailwrightFunction;

  constructor(scope: Construct, id: string, props: UserApiProps) {
    super(scope, id);
    const { storage, observability } = props;
    const fn = new MailwrightFunction(this, 'JmapFunction', {
      entry: 'lambdas/handlers/jmap.ts',
      description: 'Mailwright JMAP: users read, organise and sync their mail',
      logGroup: observability.logGroup('JmapFunctionLogs'),
      // scrypt (64 MiB) for password sign-ins, and whole messages decrypted in memory.
      memorySizeMb: 1024,
      environment: {
        ...props.environment,
        ...(props.configurationSet
          ? { [CONFIG_ENV.sesConfigurationSet]: props.configurationSet.configurationSetName }
          : {}),
      },
      tracing: props.tracing,
    });
    this.jmapFunction = fn;
    storage.grantMailAccess(fn);
    storage.grantWebSignIn(fn);
    if (props.adminSignIn) storage.grantAdminSignIn(fn);
    storage.grantSendMail(fn);
    grantWriteEmailEvents(this, fn);
    grantWriteAuditLogs(this, fn);
    props.flowRuleTargets.grantInvoke(fn);
    grantSendRawMail(this, fn, props.configurationSet);
    this.function = fn;

    this.api = new apigateway.RestApi(this, 'Api', {
      // API Gateway's metrics are per API name: a name of its own keeps the alarms and the dashboard apart.
      restApiName: `${Stack.of(this).stackName}-user`,
      description: 'Mailwright user API (JMAP; users sign in with a password or a personal access token)',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // Blob downloads are binary; every body reaches the function base64-encoded and leaves it as sent.
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        accessLogDestination: new apigateway.LogGroupLogDestination(
          observability.logGroup('UserApiAccessLogs'),
        ),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: props.tracing ?? false,
        throttlingRateLimit: props.throttlingRateLimit ?? 100,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
      },
    });
    const integration = new apigateway.LambdaIntegration(fn);
    const wellKnown = this.api.root.addResource('.well-known');
    wellKnown.addResource('jmap').addMethod('GET', integration);
    this.api.root.addResource('jmap').addResource('{proxy+}').addMethod('ANY', integration);
    // Single sign-on for the web app (docs/single-sign-on.md): login, callback, session and logout under /auth/.
    this.api.root.addResource('auth').addResource('{proxy+}').addMethod('ANY', integration);
    if (props.adminSignIn)
      this.api.root
        .addResource('admin')
        .addResource('auth')
        .addResource('{proxy+}')
        .addMethod('ANY', integration);
    // Users' own personal access tokens (docs/users.md): /account/tokens and /account/tokens/{id}.
    this.api.root.addResource('account').addResource('{proxy+}').addMethod('ANY', integration);
    // CalDAV and CardDAV (docs/calendars.md): discovery, then everything under /dav/.
    for (const service of ['caldav', 'carddav']) wellKnown.addResource(service).addMethod('ANY', integration);
    const dav = this.api.root.addResource('dav');
    dav.addMethod('ANY', integration);
    dav.addResource('{proxy+}').addMethod('ANY', integration);
    if (props.autoconfig) addAutoconfigRoutes(this.api, wellKnown, integration);
    const cfnApi = this.api.node.defaultChild as apigateway.CfnRestApi;
    cfnApi.securityPolicy = 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09';
    cfnApi.endpointAccessMode = 'BASIC';
    acknowledgeUserApiFindings(this.api, props.webAcl !== undefined);
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
      'The JMAP function failed (a user got a 500)',
    );
    new CfnOutput(Stack.of(this), 'JmapSessionUrl', {
      description: 'Give this to JMAP clients (with a custom domain, https://<domain>/.well-known/jmap)',
      value: this.api.urlForPath('/.well-known/jmap'),
    });
  }

  /**
   * Believe `CloudFront-Viewer-Address` and the viewer's host on requests that carry this secret (the web app
   * distribution's origin header): the function reads it once per container.
   */
  trustCloudFront(originSecret: secretsmanager.ISecret): void {
    this.jmapFunction.addEnvironment(CONFIG_ENV.cloudFrontOriginSecret, originSecret.secretArn);
    originSecret.grantRead(this.jmapFunction);
  }
}

/**
 * The paths mail apps ask for their settings (docs/client-setup.md); API Gateway matches paths case-sensitively, so
 * autodiscover is routed in both spellings Outlook uses.
 */
function addAutoconfigRoutes(
  api: apigateway.RestApi,
  wellKnown: apigateway.IResource,
  integration: apigateway.Integration,
): void {
  const configFile = (parent: apigateway.IResource) =>
    parent.addResource('config-v1.1.xml').addMethod('GET', integration);
  configFile(wellKnown.addResource('autoconfig').addResource('mail'));
  const mail = api.root.addResource('mail');
  configFile(mail);
  mail.addResource('mobileconfig').addMethod('GET', integration);
  for (const folder of ['autodiscover', 'Autodiscover'])
    api.root.addResource(folder).addResource(`${folder}.xml`).addMethod('POST', integration);
}

/** Findings that do not apply to an API whose users sign in inside the function; each reason says why. */
function acknowledgeUserApiFindings(api: apigateway.RestApi, hasWaf: boolean): void {
  const reason =
    'Users sign in on every request with their directory password or a personal access token (Basic or Bearer, ' +
    'as JMAP clients send them); the function verifies them and answers 401 otherwise (docs/users.md).';
  Validations.of(api).acknowledge({ id: 'AwsSolutions-APIG4', reason });
  Validations.of(api).acknowledge({ id: 'AwsSolutions-COG4', reason });
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-APIG2',
    reason: 'JMAP requests are validated by the JMAP layer in the function (RFC 8620 request errors).',
  });
  if (!hasWaf) {
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'WAF is optional (prop webAcl): sign-in failures back off per user and address, and stage throttling bounds the rate.',
    });
  }
}

import type { MailAccessSettings } from '../core/autoconfig';
import { resolveQuotas, type SoftQuotas } from '../core/config/quotas';
import { DEFAULT_METRICS_NAMESPACE } from '../core/metrics';
import { parseAdminSignInSettings, type AdminSignInSettings } from '../core/sso/admin-grants';

/** The environment variables of Mailwright's Lambdas; the CDK stack sets them, {@link loadConfig} reads them. */
export const CONFIG_ENV = {
  region: 'AWS_REGION',
  accountId: 'MAILWRIGHT_ACCOUNT_ID',
  directoryTable: 'MAILWRIGHT_DIRECTORY_TABLE',
  mailboxTable: 'MAILWRIGHT_MAILBOX_TABLE',
  keyTable: 'MAILWRIGHT_KEY_TABLE',
  inboundBucket: 'MAILWRIGHT_INBOUND_BUCKET',
  storeBucket: 'MAILWRIGHT_STORE_BUCKET',
  exportsBucket: 'MAILWRIGHT_EXPORTS_BUCKET',
  accessLogsBucket: 'MAILWRIGHT_ACCESS_LOGS_BUCKET',
  defaultKeyArn: 'MAILWRIGHT_DEFAULT_KEY_ARN',
  testDomainSuffix: 'MAILWRIGHT_TEST_DOMAIN_SUFFIX',
  quotas: 'MAILWRIGHT_QUOTAS',
  bootstrapAdminSecret: 'MAILWRIGHT_BOOTSTRAP_ADMIN_SECRET',
  pageTokenSecret: 'MAILWRIGHT_PAGE_TOKEN_SECRET',
  apiBasePath: 'MAILWRIGHT_API_BASE_PATH',
  inboundPrefix: 'MAILWRIGHT_INBOUND_PREFIX',
  reportingMta: 'MAILWRIGHT_REPORTING_MTA',
  sesConfigurationSet: 'MAILWRIGHT_SES_CONFIGURATION_SET',
  functionTimeoutSeconds: 'MAILWRIGHT_FUNCTION_TIMEOUT_SECONDS',
  mailAccess: 'MAILWRIGHT_MAIL_ACCESS',
  exportWorkerFunction: 'MAILWRIGHT_EXPORT_WORKER_FUNCTION',
  metricsNamespace: 'MAILWRIGHT_METRICS_NAMESPACE',
  cloudFrontOriginSecret: 'MAILWRIGHT_CLOUDFRONT_ORIGIN_SECRET',
  adminSignIn: 'MAILWRIGHT_ADMIN_SIGN_IN',
} as const;

/**
 * The admin API stage variable naming the web app's origin, whose admin console may call the API cross-origin. A
 * stage variable rather than a function variable: the web app's distribution is created after the API (its content
 * security policy names the API), and the stage can follow it where the function cannot.
 */
export const WEB_APP_ORIGIN_STAGE_VARIABLE = 'webAppOrigin';

/** The longest a Lambda function may run, in seconds (the default of {@link LambdaConfig.functionTimeoutSeconds}). */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/** Typed configuration of a Mailwright Lambda, read once per cold start. */
export interface LambdaConfig {
  readonly region: string;
  readonly accountId: string;
  readonly directoryTable: string;
  readonly mailboxTable: string;
  /** Wrapped mailbox keys. */
  readonly keyTable: string;
  readonly inboundBucket: string;
  readonly storeBucket: string;
  readonly exportsBucket: string;
  /** The stack's server access log bucket (a reserved bucket, never read); absent outside the stack. */
  readonly accessLogsBucket?: string;
  /** ARN of the default organization key. */
  readonly defaultKeyArn: string;
  readonly testDomainSuffix: string;
  /** SES inbound endpoint published as the MX of custom domains. */
  readonly inboundMxHost: string;
  readonly quotas: SoftQuotas;
  /** Secret names; present on the API function only. */
  readonly bootstrapAdminSecret?: string;
  readonly pageTokenSecret?: string;
  /** Path prefix of the API (the API Gateway stage, e.g. `/v1`); API function only. */
  readonly apiBasePath?: string;
  /** Object prefix under which SES writes raw mail in the inbound bucket. */
  readonly inboundPrefix: string;
  /** Host name bounces (DSNs) name as the reporting MTA; defaults to the test domain suffix. */
  readonly reportingMta: string;
  /**
   * SES configuration set users' mail goes out through, so its bounces, complaints and delays come back; JMAP
   * function only. Absent: sends use none and no bounce of an outside recipient comes back.
   */
  readonly sesConfigurationSet?: string;
  /**
   * This function's own timeout, in seconds (the CDK stack sets it from the function's `timeout`). Bounds work
   * that must end before Lambda stops the function: the inbound decision lease and synchronous flow-rule retries.
   * @default 900 - the Lambda maximum, when the variable is unset
   */
  readonly functionTimeoutSeconds: number;
  /** Where mail apps reach IMAP and submission (JSON {@link MailAccessSettings}); absent when not deployed. */
  readonly mailAccess?: MailAccessSettings;
  /** The mailbox export worker function (the API hands jobs to it; it hands itself the next run). */
  readonly exportWorkerFunction?: string;
  /** CloudWatch namespace of WorkMail's nine metrics. @default DEFAULT_METRICS_NAMESPACE ('WorkMail') */
  readonly metricsNamespace: string;
  /**
   * ARN of the secret the web app's CloudFront distribution sends the user API as a custom origin header; JMAP
   * function only. Absent: no request is taken as coming through CloudFront.
   */
  readonly cloudFrontOriginSecret?: string;
  /** The admin console's single sign-on (user API function only); absent when not configured. */
  readonly adminSignIn?: AdminSignInSettings;
}

/** A variable the function needs is missing or malformed (a deployment error, reported at cold start). */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly variable: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads the Lambda configuration from environment variables, failing fast with the variable's name.
 * @param env - the environment, e.g. `process.env`
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): LambdaConfig {
  const required = (key: keyof typeof CONFIG_ENV): string => {
    const value = env[CONFIG_ENV[key]];
    if (!value)
      throw new ConfigurationError(`Environment variable ${CONFIG_ENV[key]} is not set`, CONFIG_ENV[key]);
    return value;
  };
  const region = required('region');
  return {
    region,
    accountId: required('accountId'),
    directoryTable: required('directoryTable'),
    mailboxTable: required('mailboxTable'),
    keyTable: required('keyTable'),
    inboundBucket: required('inboundBucket'),
    storeBucket: required('storeBucket'),
    exportsBucket: required('exportsBucket'),
    accessLogsBucket: env[CONFIG_ENV.accessLogsBucket] || undefined,
    defaultKeyArn: required('defaultKeyArn'),
    testDomainSuffix: required('testDomainSuffix'),
    inboundMxHost: `inbound-smtp.${region}.amazonaws.com`,
    quotas: resolveQuotas(parseQuotas(env[CONFIG_ENV.quotas])),
    bootstrapAdminSecret: env[CONFIG_ENV.bootstrapAdminSecret] || undefined,
    pageTokenSecret: env[CONFIG_ENV.pageTokenSecret] || undefined,
    apiBasePath: env[CONFIG_ENV.apiBasePath] || undefined,
    inboundPrefix: env[CONFIG_ENV.inboundPrefix] || 'incoming/',
    reportingMta: env[CONFIG_ENV.reportingMta] || required('testDomainSuffix'),
    sesConfigurationSet: env[CONFIG_ENV.sesConfigurationSet] || undefined,
    functionTimeoutSeconds: parseTimeout(env[CONFIG_ENV.functionTimeoutSeconds]),
    mailAccess: parseMailAccess(env[CONFIG_ENV.mailAccess]),
    exportWorkerFunction: env[CONFIG_ENV.exportWorkerFunction] || undefined,
    metricsNamespace: parseMetricsNamespace(env[CONFIG_ENV.metricsNamespace]),
    cloudFrontOriginSecret: env[CONFIG_ENV.cloudFrontOriginSecret] || undefined,
    adminSignIn: parseAdminSignIn(env[CONFIG_ENV.adminSignIn]),
  };
}

/** CloudWatch's namespace rule: 1–255 of these characters; `AWS/` is reserved for AWS services. */
const METRICS_NAMESPACE = /^(?!AWS\/)[\w.\-/#: ]{1,255}$/;

/**
 * Why `namespace` cannot be a CloudWatch metrics namespace, or undefined when it can (the stack checks its prop with
 * it too).
 * @example
 * metricsNamespaceProblem('AWS/WorkMail'); // 'namespaces starting with AWS/ are reserved for AWS services'
 */
export function metricsNamespaceProblem(namespace: string): string | undefined {
  if (METRICS_NAMESPACE.test(namespace)) return undefined;
  return namespace.startsWith('AWS/')
    ? 'namespaces starting with AWS/ are reserved for AWS services'
    : 'a namespace is 1 to 255 letters, digits, spaces and . - _ / # :';
}

function parseMetricsNamespace(raw: string | undefined): string {
  if (!raw) return DEFAULT_METRICS_NAMESPACE;
  const problem = metricsNamespaceProblem(raw);
  if (problem)
    throw new ConfigurationError(`${CONFIG_ENV.metricsNamespace}: ${problem}`, CONFIG_ENV.metricsNamespace);
  return raw;
}

function parseTimeout(raw: string | undefined): number {
  if (!raw) return LAMBDA_MAX_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > LAMBDA_MAX_TIMEOUT_SECONDS)
    throw new ConfigurationError(
      `${CONFIG_ENV.functionTimeoutSeconds} must be a whole number of seconds from 1 to ` +
        `${LAMBDA_MAX_TIMEOUT_SECONDS}, got '${raw}'`,
      CONFIG_ENV.functionTimeoutSeconds,
    );
  return seconds;
}

function parseQuotas(raw: string | undefined): Partial<SoftQuotas> {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Partial<SoftQuotas>;
  } catch (cause) {
    throw new ConfigurationError(`${CONFIG_ENV.quotas} is not valid JSON`, CONFIG_ENV.quotas, { cause });
  }
}

function parseMailAccess(raw: string | undefined): MailAccessSettings | undefined {
  if (!raw) return undefined;
  const fail = (cause?: unknown) =>
    new ConfigurationError(
      `${CONFIG_ENV.mailAccess} must be JSON with hostName and the four ports`,
      CONFIG_ENV.mailAccess,
      { cause },
    );
  let parsed: Partial<Record<keyof MailAccessSettings, unknown>>;
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch (cause) {
    throw fail(cause);
  }
  const ports = ['imapPort', 'imapTlsPort', 'submissionPort', 'submissionTlsPort'] as const;
  const isPort = (value: unknown) =>
    Number.isInteger(value) && (value as number) > 0 && (value as number) < 65_536;
  const isHost = (value: unknown) => typeof value === 'string' && /^[a-zA-Z0-9.-]{1,253}$/.test(value);
  if (!isHost(parsed.hostName) || !ports.every((port) => isPort(parsed[port]))) throw fail();
  if (parsed.autoconfigHostName !== undefined && !isHost(parsed.autoconfigHostName)) throw fail();
  const { hostName, imapPort, imapTlsPort, submissionPort, submissionTlsPort, autoconfigHostName } =
    parsed as MailAccessSettings;
  return { hostName, imapPort, imapTlsPort, submissionPort, submissionTlsPort, autoconfigHostName };
}

function parseAdminSignIn(raw: string | undefined): AdminSignInSettings | undefined {
  if (!raw) return undefined;
  try {
    return parseAdminSignInSettings(JSON.parse(raw));
  } catch (cause) {
    throw new ConfigurationError(
      `${CONFIG_ENV.adminSignIn}: ${(cause as Error).message}`,
      CONFIG_ENV.adminSignIn,
      {
        cause,
      },
    );
  }
}

/**
 * The admin API function's composition root: Secrets Manager, the SES v2 domain verifier, admin keys, page tokens,
 * client tokens, personal access tokens, mailbox permissions and the Message Flow routes, built on the shared stores
 * of `./shared`. The API handler imports {@link httpApi} from here.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { LambdaFunctionInvoker } from '../../adapters/aws/lambda-function-invoker';
import { RegionalFunctionInvoker } from '../../adapters/aws/regional-function-invoker';
import { DynamoDbAdminKeyStore } from '../../adapters/aws/dynamodb-admin-key-store';
import { DynamoDbClientTokenStore } from '../../adapters/aws/dynamodb-client-token-store';
import { DynamoDbContentBucketStore } from '../../adapters/aws/dynamodb-content-bucket-store';
import { DynamoDbMailboxPermissionStore } from '../../adapters/aws/dynamodb-mailbox-permission-store';
import { DynamoDbJournalingConfigurationStore } from '../../adapters/aws/dynamodb-journaling-configuration-store';
import { DynamoDbEmailMonitoringConfigurationStore } from '../../adapters/aws/dynamodb-email-monitoring-configuration-store';
import { DynamoDbAuditLogDeliveryStore } from '../../adapters/aws/dynamodb-audit-log-delivery-store';
import { DynamoDbPersonalAccessTokenStore } from '../../adapters/aws/dynamodb-personal-access-token-store';
import { S3ContentSource } from '../../adapters/aws/s3-content-source';
import { SesDomainVerifier } from '../../adapters/aws/ses-domain-verifier';
import type { ApiDeps } from '../../core/api/deps';
import { DynamoDbDeploymentKeyStore } from '../../adapters/aws/dynamodb-deployment-key-store';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../../core/crypto';
import { journalReportKey } from '../../core/journaling/report-mac';
import { PageTokens } from '../../core/api/pagination';
import { AdminKeys } from '../../core/auth/admin-keys';
import { bootstrapAdminKey } from '../../core/auth/bootstrap';
import { sweepOrganization } from '../../core/retention/sweep';
import { adminSignatureVerifier, messageFlowHttpRoutes } from '../../http/message-flow';
import { createHttpApi } from '../../http/router';
import type { HttpHandler } from '../../http/types';
import { CONFIG_ENV, ConfigurationError } from '../config';
import { logger } from '../observability';
import { availabilityWiring } from './availability';
import { calendars } from './calendars';
import { exportJobServices, importJobServices } from './exports';
import {
  config,
  documents,
  entities,
  flowRules,
  inFlight,
  keyWrapper,
  mailboxLifecycle,
  metrics,
  organizations,
  rawMessages,
  s3,
  settings,
} from './shared';
import { auditLogWiring } from './log-delivery';
import { retentionPolicies, retentionSweepDeps } from './retention';
import { DynamoDbAccessControlRuleStore } from '../../adapters/aws/dynamodb-access-control-rule-store';
import { DynamoDbMobileDeviceAccessStore } from '../../adapters/aws/dynamodb-mobile-device-access-store';
import { DynamoDbImpersonationStore } from '../../adapters/aws/dynamodb-impersonation-store';
import { DynamoDbAdminAuditLog } from '../../adapters/aws/dynamodb-admin-audit-log';
import { DynamoDbIdentityProviderStore } from '../../adapters/aws/dynamodb-identity-provider-store';

const secrets = new SecretsManagerClient({});
const sesv2 = new SESv2Client({});
const clock = () => new Date();
/** The delivery ledger's deployment key: journal records are signed under a subkey of it (VerifyJournalReport). */
const ledgerKey = deploymentKeyLoader(
  new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
  keyWrapper,
  DELIVERY_LEDGER_KEY_NAME,
);
/** The S3 buckets each organization allows as PutRawMessageContent sources (Directory table). */
const contentBuckets = new DynamoDbContentBucketStore(documents, config.directoryTable);
/** Audit records of admin calls users see (DeletePersonalAccessToken) and of availability provider calls. */
const audit = auditLogWiring({
  documents,
  directoryTable: config.directoryTable,
  settings,
  metrics,
  logger: { error: (message, fields) => logger.error(message, { ...fields }) },
});

/** Stored admin keys; the verifier reads them through {@link adminKeys}. */
export const adminKeyStore = new DynamoDbAdminKeyStore(documents, config.directoryTable);
/** Admin keys with their encrypted secrets and the verifier's short cache. */
export const adminKeys = new AdminKeys(adminKeyStore, keyWrapper);

/** Reads a secret string by name (its names come from the configuration). */
async function readSecret(name: string | undefined, variable: string): Promise<string> {
  if (!name) throw new ConfigurationError(`Environment variable ${variable} is not set`, variable);
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: name }));
  if (!SecretString) throw new ConfigurationError(`Secret ${name} has no string value`, variable);
  return SecretString;
}

/**
 * Builds the HTTP API once per container: reads the page-token key, stores the bootstrap admin key (idempotent),
 * then composes {@link createHttpApi}. A failure is not cached, so the next invocation tries again.
 */
async function buildHttpApi(): Promise<HttpHandler> {
  const [pageTokenKey, bootstrap] = await Promise.all([
    readSecret(config.pageTokenSecret, CONFIG_ENV.pageTokenSecret),
    readSecret(config.bootstrapAdminSecret, CONFIG_ENV.bootstrapAdminSecret),
  ]);
  const { accessKeyId, secretAccessKey } = JSON.parse(bootstrap) as {
    accessKeyId?: string;
    secretAccessKey?: string;
  };
  const { outcome } = await bootstrapAdminKey(adminKeyStore, keyWrapper, {
    accessKeyId,
    secret: secretAccessKey,
  });
  if (outcome === 'revoked') {
    // Revoked through the API: it stays revoked; new credentials in the secret (another key id) make a new key.
    logger.warn('Bootstrap admin key is revoked and is not restored', { accessKeyId });
  } else {
    logger.info('Bootstrap admin key checked', { accessKeyId, outcome });
  }
  const deps: ApiDeps = {
    settings,
    organizations,
    entities,
    mailboxes: mailboxLifecycle,
    flowRules,
    contentBuckets,
    adminKeys,
    personalAccessTokens: new DynamoDbPersonalAccessTokenStore(documents, config.directoryTable),
    mailboxPermissions: new DynamoDbMailboxPermissionStore(documents, config.directoryTable),
    journaling: new DynamoDbJournalingConfigurationStore(documents, config.directoryTable),
    emailMonitoring: new DynamoDbEmailMonitoringConfigurationStore(documents, config.directoryTable),
    auditLogDeliveries: new DynamoDbAuditLogDeliveryStore(documents, config.directoryTable),
    audit,
    accessControlRules: new DynamoDbAccessControlRuleStore(documents, config.directoryTable),
    mobileDeviceAccess: new DynamoDbMobileDeviceAccessStore(documents, config.directoryTable),
    impersonation: new DynamoDbImpersonationStore(documents, config.directoryTable),
    adminAudit: new DynamoDbAdminAuditLog(documents, config.directoryTable),
    identityProviders: new DynamoDbIdentityProviderStore(documents, config.directoryTable, ledgerKey),
    journalReportKey: async () => journalReportKey(await ledgerKey()),
    retentionPolicies,
    retentionSweeper: (organizationId, options) =>
      sweepOrganization(retentionSweepDeps, organizationId, options),
    pageTokens: new PageTokens(Buffer.from(pageTokenKey, 'utf8')),
    clientTokens: new DynamoDbClientTokenStore(documents, config.directoryTable),
    domainVerifier: new SesDomainVerifier(sesv2),
    clock,
    exportJobs: exportJobServices,
    importJobs: importJobServices,
    availability: availabilityWiring({
      documents,
      directoryTable: config.directoryTable,
      sealKey: ledgerKey,
      settings,
      organizations,
      entities,
      calendars,
      // CAP functions may live in another Region: one client per Region, built on first use.
      invoker: new RegionalFunctionInvoker(
        (region) => new LambdaFunctionInvoker(new LambdaClient({ region })),
      ),
      logger: {
        info: (message, fields) => logger.info(message, fields),
        warn: (message, fields) => logger.warn(message, fields),
      },
      allowLoopbackHttp: false,
      audit,
    }),
  };
  const routes = messageFlowHttpRoutes({
    inFlight,
    rawMessages,
    // Only buckets of this account: S3 refuses a reference to another account's bucket (InvalidContentLocation).
    contentSource: new S3ContentSource({ client: s3, expectedBucketOwner: config.accountId }),
    contentBuckets,
    reservedBuckets: settings.reservedBuckets,
    logger,
    now: Date.now,
    verifyAdminSignature: adminSignatureVerifier(adminKeys, clock),
  });
  return createHttpApi(deps, {
    routes,
    basePath: config.apiBasePath,
    logger: { error: (message, fields) => logger.error(message, { ...fields }) },
  });
}

let httpApiPromise: Promise<HttpHandler> | undefined;

/**
 * The admin HTTP API of this container, built on first use.
 * @example
 * const response = await (await httpApi())(request);
 */
export function httpApi(): Promise<HttpHandler> {
  httpApiPromise ??= buildHttpApi().catch((error: unknown) => {
    httpApiPromise = undefined;
    throw error;
  });
  return httpApiPromise;
}

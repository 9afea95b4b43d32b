/**
 * The Lambda runtime's composition root: the only place cloud adapters and SDK clients are built, once per
 * container at module scope, from the typed configuration. Handlers import what they need from here: the API
 * function {@link httpApi}, the inbound function {@link inboundDeps}.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAdminKeyStore } from '../adapters/aws/dynamodb-admin-key-store';
import { DynamoDbClientTokenStore } from '../adapters/aws/dynamodb-client-token-store';
import { DynamoDbDeliveryLedger } from '../adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbDeploymentKeyStore } from '../adapters/aws/dynamodb-deployment-key-store';
import { DynamoDbEntityStore } from '../adapters/aws/dynamodb-entity-store';
import { DynamoDbFlowRuleStore } from '../adapters/aws/dynamodb-flow-rule-store';
import { DynamoDbInFlightMessageStore } from '../adapters/aws/dynamodb-in-flight-message-store';
import { DynamoDbMailboxStore } from '../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbOrganizationStore } from '../adapters/aws/dynamodb-organization-store';
import { KmsKeyWrapper } from '../adapters/aws/kms-key-wrapper';
import { LambdaFunctionInvoker } from '../adapters/aws/lambda-function-invoker';
import { S3BlobStore } from '../adapters/aws/s3-blob-store';
import { S3ContentSource } from '../adapters/aws/s3-content-source';
import { S3RawMessageSource } from '../adapters/aws/s3-raw-message-source';
import { S3RawMessageStore } from '../adapters/aws/s3-raw-message-store';
import { SesDomainVerifier } from '../adapters/aws/ses-domain-verifier';
import { SesV2MailSender } from '../adapters/aws/sesv2-mail-sender';
import type { ApiDeps, DeploymentSettings } from '../core/api/deps';
import { PageTokens } from '../core/api/pagination';
import { AdminKeys } from '../core/auth/admin-keys';
import { bootstrapAdminKey } from '../core/auth/bootstrap';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../core/crypto';
import { directoryRecipients, type DeliveryLogger, type InboundDeps } from '../core/delivery';
import { organizationArn } from '../core/directory/organization-arn';
import { systemClock } from '../core/flow-lambda';
import { CompiledRuleSetCache } from '../core/flow-rules';
import { FlowRuleDecider, inboundObjectLocation, organizationSettingsLookup } from '../core/inbound-rules';
import { MailboxService } from '../core/mailbox/service';
import { adminSignatureVerifier, messageFlowHttpRoutes } from '../http/message-flow';
import { createHttpApi } from '../http/router';
import type { HttpHandler } from '../http/types';
import { CONFIG_ENV, ConfigurationError, loadConfig } from './config';
import { logger } from './observability';

/** This function's configuration, read once at cold start. */
export const config = loadConfig(process.env);

const dynamodb = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({});
const kms = new KMSClient({});
const secrets = new SecretsManagerClient({});
const sesv2 = new SESv2Client({});
const lambda = new LambdaClient({});
const clock = () => new Date();

/** Deployment facts for ARNs, test domains and DNS records. */
export const settings: DeploymentSettings = {
  region: config.region,
  accountId: config.accountId,
  testDomainSuffix: config.testDomainSuffix,
  inboundMxHost: config.inboundMxHost,
  trustDomainsWithoutDns: false,
  quotas: config.quotas,
};

/** KMS Encrypt/Decrypt under the organization key (the default key when an organization names none). */
export const keyWrapper = new KmsKeyWrapper(kms, config.defaultKeyArn);
/** Organizations and mail domains (Directory table). */
export const organizations = new DynamoDbOrganizationStore(documents, config.directoryTable);
/** Users, groups, resources and their addresses (Directory table). */
export const entities = new DynamoDbEntityStore(documents, config.directoryTable);
/** Email flow rules (Directory table). */
export const flowRules = new DynamoDbFlowRuleStore(documents, config.directoryTable);
/** Stored admin keys; the verifier reads them through {@link adminKeys}. */
export const adminKeyStore = new DynamoDbAdminKeyStore(documents, config.directoryTable);
/** Admin keys with their encrypted secrets and the verifier's short cache. */
export const adminKeys = new AdminKeys(adminKeyStore, keyWrapper);
/** Encrypted mailboxes: lifecycle, delivery, reading (Mailbox table and `store` bucket). */
export const mailboxes = new MailboxService({
  store: new DynamoDbMailboxStore(documents, config.mailboxTable),
  blobs: new S3BlobStore(s3, config.storeBucket),
  keyWrapper,
  organizationKey: async (organizationId) => {
    const organization = await organizations.getOrganization(organizationId);
    return { arn: organizationArn(settings, organizationId), kmsKeyArn: organization?.kmsKeyArn };
  },
});
/** In-flight messages of the Message Flow API (Mailbox table, 24 h window). */
export const inFlight = new DynamoDbInFlightMessageStore(documents, config.mailboxTable);
/** Originals SES wrote and PutRawMessageContent replacements under `message-flow/` (inbound bucket). */
export const rawMessages = new S3RawMessageStore({ client: s3, bucket: config.inboundBucket });

/** Reads a secret string by name (API function only; its names come from the configuration). */
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
  logger.info('Bootstrap admin key checked', { accessKeyId, outcome });
  const deps: ApiDeps = {
    settings,
    organizations,
    entities,
    mailboxes,
    flowRules,
    adminKeys,
    pageTokens: new PageTokens(Buffer.from(pageTokenKey, 'utf8')),
    clientTokens: new DynamoDbClientTokenStore(documents, config.directoryTable),
    domainVerifier: new SesDomainVerifier(sesv2),
    clock,
  };
  const routes = messageFlowHttpRoutes({
    inFlight,
    rawMessages,
    // Only buckets of this account: S3 refuses a reference to another account's bucket (InvalidContentLocation).
    contentSource: new S3ContentSource({ client: s3, expectedBucketOwner: config.accountId }),
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

/** Delivery and flow-rule events, through the one Powertools logger. */
const deliveryLogger: DeliveryLogger = {
  info: (message, attributes) => logger.info(message, { ...attributes }),
  warn: (message, attributes) => logger.warn(message, { ...attributes }),
  error: (message, attributes) => logger.error(message, { ...attributes }),
};

/**
 * The inbound pipeline's ports. The decision (DMARC, flow rules, Run Lambda rules) is taken once per message and
 * stored in the ledger (`DECISION`); its claim lasts as long as the function may run, so a timed-out attempt's
 * claim has expired when Lambda retries, and each synchronous rule stops retrying a minute before that timeout.
 */
/** The delivery ledger's deployment key (Directory table, KMS-wrapped), unwrapped once per container on first use. */
const ledgerKey = deploymentKeyLoader(
  new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
  keyWrapper,
  DELIVERY_LEDGER_KEY_NAME,
);

export const inboundDeps: InboundDeps = {
  rawSource: new S3RawMessageSource({
    client: s3,
    bucket: config.inboundBucket,
    keyPrefix: config.inboundPrefix,
  }),
  ledger: new DynamoDbDeliveryLedger({ documents, tableName: config.mailboxTable, sealKey: ledgerKey }),
  directory: directoryRecipients(organizations, entities),
  delivery: mailboxes,
  decider: new FlowRuleDecider({
    rules: new CompiledRuleSetCache(flowRules),
    organizations: organizationSettingsLookup(organizations),
    invoker: new LambdaFunctionInvoker(lambda),
    inFlight,
    clock: systemClock,
    logger: deliveryLogger,
    originalLocation: inboundObjectLocation(config.inboundBucket, config.inboundPrefix),
    maxRuleTimeoutMinutes: Math.max(0, Math.floor(config.functionTimeoutSeconds / 60) - 1),
  }),
  replacements: rawMessages,
  decisionLeaseMs: config.functionTimeoutSeconds * 1000,
  mailSender: new SesV2MailSender({ client: sesv2 }),
  logger: deliveryLogger,
  reportingMta: config.reportingMta,
};

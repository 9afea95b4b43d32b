/**
 * The Lambda runtime's composition root: the only place cloud adapters and SDK clients are built, once per
 * container at module scope, from the typed configuration. Handlers import what they need from here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAdminKeyStore } from '../adapters/aws/dynamodb-admin-key-store';
import { DynamoDbClientTokenStore } from '../adapters/aws/dynamodb-client-token-store';
import { DynamoDbEntityStore } from '../adapters/aws/dynamodb-entity-store';
import { DynamoDbFlowRuleStore } from '../adapters/aws/dynamodb-flow-rule-store';
import { DynamoDbMailboxStore } from '../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbOrganizationStore } from '../adapters/aws/dynamodb-organization-store';
import { KmsKeyWrapper } from '../adapters/aws/kms-key-wrapper';
import { S3BlobStore } from '../adapters/aws/s3-blob-store';
import { SesDomainVerifier } from '../adapters/aws/ses-domain-verifier';
import type { ApiDeps, DeploymentSettings } from '../core/api/deps';
import { PageTokens } from '../core/api/pagination';
import { AdminKeys } from '../core/auth/admin-keys';
import { bootstrapAdminKey } from '../core/auth/bootstrap';
import { organizationArn } from '../core/directory/organization-arn';
import { MailboxService } from '../core/mailbox/service';
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
    clock: () => new Date(),
  };
  return createHttpApi(deps, {
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

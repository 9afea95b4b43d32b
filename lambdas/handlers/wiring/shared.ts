/**
 * What more than one Lambda function needs: the typed configuration, the DynamoDB, S3 and KMS clients, and the
 * stores and services built on them, once per container at module scope. Each function's own wiring module
 * (`./api`, `./inbound`) imports from here; the purge function needs nothing more and imports this module itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEntityStore } from '../../adapters/aws/dynamodb-entity-store';
import { DynamoDbFlowRuleStore } from '../../adapters/aws/dynamodb-flow-rule-store';
import { DynamoDbInFlightMessageStore } from '../../adapters/aws/dynamodb-in-flight-message-store';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { DynamoDbOrganizationStore } from '../../adapters/aws/dynamodb-organization-store';
import { KmsKeyWrapper } from '../../adapters/aws/kms-key-wrapper';
import { PowertoolsMetricsRecorder } from '../../adapters/aws/powertools-metrics-recorder';
import { S3BlobStore } from '../../adapters/aws/s3-blob-store';
import { S3RawMessageStore } from '../../adapters/aws/s3-raw-message-store';
import type { DeploymentSettings } from '../../core/api/deps';
import { organizationArn } from '../../core/directory/organization-arn';
import { MailboxService, type MailboxServiceDeps } from '../../core/mailbox/service';
import { discardingInFlight } from '../../core/message-flow';
import { loadConfig } from '../config';

/** This function's configuration, read once at cold start. */
export const config = loadConfig(process.env);

/**
 * WorkMail's nine metrics, as EMF lines on standard output under the configured namespace; the handlers' `flushMetrics`
 * middleware writes them at the end of each invocation, the mail access container every minute.
 */
export const metrics = new PowertoolsMetricsRecorder({ namespace: config.metricsNamespace });

/** The DynamoDB document client (undefined attributes removed) every table adapter shares. */
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
/** The S3 client every bucket adapter shares. */
export const s3 = new S3Client({});
const kms = new KMSClient({});

/** Deployment facts for ARNs, test domains and DNS records. */
export const settings: DeploymentSettings = {
  region: config.region,
  accountId: config.accountId,
  testDomainSuffix: config.testDomainSuffix,
  inboundMxHost: config.inboundMxHost,
  trustDomainsWithoutDns: false,
  quotas: config.quotas,
  reservedBuckets: [
    config.inboundBucket,
    config.storeBucket,
    config.exportsBucket,
    ...(config.accessLogsBucket ? [config.accessLogsBucket] : []),
  ],
  mailAccess: config.mailAccess,
};

/** KMS Encrypt/Decrypt under the organization key (the default key when an organization names none). */
export const keyWrapper = new KmsKeyWrapper(kms, config.defaultKeyArn);
/** Organizations and mail domains (Directory table). */
export const organizations = new DynamoDbOrganizationStore(documents, config.directoryTable);
/** Users, groups, resources and their addresses (Directory table). */
export const entities = new DynamoDbEntityStore(documents, config.directoryTable);
/** Email flow rules (Directory table): managed by the API, applied by the inbound pipeline. */
export const flowRules = new DynamoDbFlowRuleStore(documents, config.directoryTable);
/** What every MailboxService of a function shares: blobs, key wrapping, organization keys. */
export const mailboxServiceDeps: Omit<MailboxServiceDeps, 'store'> = {
  blobs: new S3BlobStore(s3, config.storeBucket),
  keyWrapper,
  organizationKey: async (organizationId) => {
    const organization = await organizations.getOrganization(organizationId);
    return { arn: organizationArn(settings, organizationId), kmsKeyArn: organization?.kmsKeyArn };
  },
};
/** Encrypted mailboxes: lifecycle, reading (Mailbox table and `store` bucket); inbound builds its own to deliver. */
export const mailboxes = new MailboxService({
  ...mailboxServiceDeps,
  store: new DynamoDbMailboxStore(documents, {
    mailboxTable: config.mailboxTable,
    keyTable: config.keyTable,
  }),
});
/** In-flight messages of the Message Flow API (Mailbox table, 24 h window). */
export const inFlight = new DynamoDbInFlightMessageStore(documents, config.mailboxTable);
/** Originals SES wrote and PutRawMessageContent replacements under `message-flow/` (inbound bucket). */
export const rawMessages = new S3RawMessageStore({ client: s3, bucket: config.inboundBucket });
/** The mailbox lifecycle the directory uses: destroying a mailbox first ends its in-flight Message Flow messages. */
export const mailboxLifecycle = discardingInFlight(mailboxes, { inFlight, rawMessages });

/**
 * The journal delivery function's composition root: journaling over the shared stores, the delivery ledger's
 * deployment key (records and failure reports are signed under a subkey of it) and SES v2 for sending.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbDeploymentKeyStore } from '../../adapters/aws/dynamodb-deployment-key-store';
import { SesV2MailSender } from '../../adapters/aws/sesv2-mail-sender';
import { DELIVERY_LEDGER_KEY_NAME, deploymentKeyLoader } from '../../core/crypto';
import { LogRedactor } from '../../core/logging';
import { logger } from '../observability';
import { journalingWiring } from './journaling';
import { config, documents, keyWrapper, organizations, s3 } from './shared';

/** Journal records leave through SES v2, apart from users' sending (no limits, no flow rules, no report-to). */
export const journalMailSender = new SesV2MailSender({ client: new SESv2Client({}) });

/** Journaling, keyed by the delivery ledger's deployment key (loaded once per container). */
export const journaling = journalingWiring({
  documents,
  directoryTable: config.directoryTable,
  s3,
  inboundBucket: config.inboundBucket,
  organizations,
  testDomainSuffix: config.testDomainSuffix,
  deploymentKey: deploymentKeyLoader(
    new DynamoDbDeploymentKeyStore(documents, config.directoryTable),
    keyWrapper,
    DELIVERY_LEDGER_KEY_NAME,
  ),
  logger: new LogRedactor().wrap({
    info: (message, attributes) => logger.info(message, { ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...attributes }),
    error: (message, attributes) => logger.error(message, { ...attributes }),
  }),
});

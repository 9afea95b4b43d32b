/**
 * Composition root of the inbound Lambda (to be merged into `wiring.ts` by its owner): builds the delivery adapters
 * once per container and adapts the directory stores onto the pipeline's RecipientDirectory port.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeliveryLedger } from '../adapters/aws/dynamodb-delivery-ledger';
import { S3RawMessageSource } from '../adapters/aws/s3-raw-message-source';
import { SesV2MailSender } from '../adapters/aws/sesv2-mail-sender';
import {
  spamVerdictDecider,
  type DirectoryRecipient,
  type InboundDeps,
  type RecipientDirectory,
} from '../core/delivery';
import type { EntityStore, OrganizationStore } from '../core/directory/ports';
import type { Entity } from '../core/directory/types';
import { logger } from './observability';
import { config, entities, mailboxes, organizations } from './wiring';

/** Environment variables only the inbound function reads. */
export const INBOUND_ENV = {
  objectKeyPrefix: 'MAILWRIGHT_INBOUND_PREFIX',
  reportingMta: 'MAILWRIGHT_REPORTING_MTA',
} as const;

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/**
 * The directory as inbound delivery sees it: domain owner → entity by address; group members one level deep.
 * @example
 * const directory = directoryRecipients(organizations, entities);
 */
export function directoryRecipients(
  orgs: Pick<OrganizationStore, 'findDomainOwner'>,
  store: EntityStore,
): RecipientDirectory {
  const toRecipient = (entity: Entity): DirectoryRecipient => ({
    organizationId: entity.organizationId,
    kind: entity.kind,
    entityId: entity.entityId,
    state: entity.state,
    email: entity.email,
    mailboxQuotaBytes:
      entity.mailboxQuotaMegabytes === undefined ? undefined : entity.mailboxQuotaMegabytes * 1024 * 1024,
  });
  return {
    async resolveAddress(address) {
      const organizationId = await orgs.findDomainOwner(
        address.slice(address.lastIndexOf('@') + 1).toLowerCase(),
      );
      const entity = organizationId
        ? await store.findByEmail(organizationId, address.toLowerCase())
        : undefined;
      return entity ? toRecipient(entity) : undefined;
    },
    async listMembers(organizationId, groupId) {
      const members = await store.listMembers(organizationId, groupId);
      const found = await Promise.all(
        members.map((member) => store.getEntity(organizationId, member.entityId)),
      );
      return found.flatMap((entity) => (entity ? [toRecipient(entity)] : []));
    },
  };
}

/** The inbound pipeline's ports, built once per container. */
export const inboundDeps: InboundDeps = {
  rawSource: new S3RawMessageSource({
    client: new S3Client({}),
    bucket: config.inboundBucket,
    keyPrefix: process.env[INBOUND_ENV.objectKeyPrefix] ?? 'incoming/',
  }),
  ledger: new DynamoDbDeliveryLedger({ documents, tableName: config.mailboxTable }),
  directory: directoryRecipients(organizations, entities),
  delivery: mailboxes,
  decider: spamVerdictDecider,
  mailSender: new SesV2MailSender({ client: new SESv2Client({}) }),
  logger: {
    info: (message, attributes) => logger.info(message, { ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...attributes }),
    error: (message, attributes) => logger.error(message, { ...attributes }),
  },
  reportingMta: process.env[INBOUND_ENV.reportingMta] ?? config.testDomainSuffix,
};

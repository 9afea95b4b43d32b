/**
 * Journaling's composition, shared by the inbound and mail functions, the journal delivery function and the local
 * runtime: the configuration store, the outbox (Directory table), the report bytes (inbound bucket, `journal/`) and
 * the recorder, whose MAC key is derived from the delivery ledger's deployment key. Builds no SDK client itself.
 */
import type { EmailEventLog } from '../../core/email-events';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbJournalOutbox } from '../../adapters/aws/dynamodb-journal-outbox';
import { DynamoDbJournalingConfigurationStore } from '../../adapters/aws/dynamodb-journaling-configuration-store';
import { S3JournalContentStore } from '../../adapters/aws/s3-journal-content-store';
import type { DeliveryLogger, MailSender } from '../../core/delivery';
import type { OrganizationStore } from '../../core/directory/ports';
import { deliverDueJournalRecords, type JournalDeliveryRun } from '../../core/journaling/deliver-records';
import { JournalRecorder } from '../../core/journaling/journal-recorder';
import { journalReportKey } from '../../core/journaling/report-mac';

/** What {@link journalingWiring} composes. */
export interface JournalingPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  readonly s3: S3Client;
  readonly inboundBucket: string;
  readonly organizations: Pick<OrganizationStore, 'getOrganization'>;
  readonly testDomainSuffix: string;
  /** The delivery ledger's deployment key, or its loader. */
  readonly deploymentKey: Uint8Array | (() => Promise<Uint8Array>);
  readonly logger: DeliveryLogger;
  /** Where JOURNALING_INITIATED goes. @default - nowhere */
  readonly events?: EmailEventLog;
}

/** The wired journaling pieces. */
export interface JournalingWiring {
  readonly recorder: JournalRecorder;
  /** One delivery run of the due journal records through `mailSender`, at `now`. */
  deliverDue(mailSender: MailSender, now: number): Promise<JournalDeliveryRun>;
}

/**
 * Builds journaling over the shared clients.
 * @example
 * const journaling = journalingWiring({ documents, directoryTable, s3, inboundBucket, organizations, … });
 */
export function journalingWiring(pieces: JournalingPieces): JournalingWiring {
  const outbox = new DynamoDbJournalOutbox(pieces.documents, pieces.directoryTable);
  const contents = new S3JournalContentStore(pieces.s3, pieces.inboundBucket);
  const { deploymentKey } = pieces;
  let key: Buffer | undefined;
  const macKey = async () =>
    (key ??= journalReportKey(typeof deploymentKey === 'function' ? await deploymentKey() : deploymentKey));
  const recorder = new JournalRecorder({
    configurations: new DynamoDbJournalingConfigurationStore(pieces.documents, pieces.directoryTable),
    outbox,
    contents,
    organizationAlias: async (organizationId) =>
      (await pieces.organizations.getOrganization(organizationId))?.alias,
    testDomainSuffix: pieces.testDomainSuffix,
    macKey,
    logger: pieces.logger,
    events: pieces.events,
  });
  return {
    recorder,
    deliverDue: (mailSender, now) =>
      deliverDueJournalRecords({
        outbox,
        contents,
        mailSender,
        logger: pieces.logger,
        now: () => now,
        macKey,
      }),
  };
}

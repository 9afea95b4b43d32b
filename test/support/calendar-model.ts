import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import type { CalendarModel } from '../../lambdas/core/calendar/calendar-model';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { calendarWiring } from '../../lambdas/handlers/wiring/calendar';
import { createTestTables, type TestTables } from './dynamodb';
import { testBucketNames, testS3Client } from './s3';

/** The calendar model as wired for the runtimes, over fresh tables, with mailboxes to provision. */
export interface CalendarTestModel {
  readonly model: CalendarModel;
  readonly tables: TestTables;
  readonly mailboxes: MailboxService;
  /** The controllable clock (epoch ms). */
  readonly clock: { now: number };
  close(): Promise<void>;
}

/** Builds the calendar model with `calendarWiring` over DynamoDB Local (master-key file as KMS). */
export async function calendarTestModel(): Promise<CalendarTestModel> {
  const { store: bucket } = testBucketNames('store');
  const [tables, s3, keyDir] = await Promise.all([
    createTestTables(),
    testS3Client(bucket),
    mkdtemp(join(tmpdir(), 'calendar-keys-')),
  ]);
  const keyWrapper = await MasterKeyWrapper.open(join(keyDir, 'master.key'));
  const clock = { now: Date.parse('2026-03-01T00:00:00Z') };
  const mailboxStore = new DynamoDbMailboxStore(tables.documents, tables);
  const organizationKey = async (organizationId: string) => ({
    arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
  });
  const mailboxes = new MailboxService({
    store: mailboxStore,
    blobs: new S3BlobStore(s3, bucket),
    keyWrapper,
    organizationKey,
    now: () => clock.now,
  });
  const model = calendarWiring({
    documents: tables.documents,
    mailboxTable: tables.mailboxTable,
    mailboxStore,
    keyWrapper,
    organizationKey,
    now: () => clock.now,
  });
  return {
    model,
    tables,
    mailboxes,
    clock,
    close: async () => {
      tables.client.destroy();
      s3.destroy();
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}

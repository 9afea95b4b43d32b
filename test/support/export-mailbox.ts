import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DynamoDbExportJobStore } from '../../lambdas/adapters/aws/dynamodb-export-job-store';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { S3ExportTarget } from '../../lambdas/adapters/aws/s3-export-target';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import type { ExportWorkerDeps } from '../../lambdas/core/export/export-worker';
import type { ExportSource } from '../../lambdas/core/export/ports';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { storeMessage } from '../../lambdas/core/mailbox/store-message';
import { createTestTables, type TestTables } from './dynamodb';
import { testBucketNames, testS3Client } from './s3';

/** A mailbox service, its model and the export worker's deps on fresh tables and buckets. */
export interface ExportBench {
  readonly tables: TestTables;
  readonly s3: S3Client;
  readonly buckets: { readonly store: string; readonly exports: string };
  readonly mailboxes: MailboxService;
  readonly model: MailboxModel;
  readonly store: DynamoDbMailboxStore;
  readonly worker: ExportWorkerDeps;
  readonly jobs: DynamoDbExportJobStore;
  readonly source: ExportSource;
}

/** Builds an {@link ExportBench} (master-key file in a temporary directory, the shared s3rver, no KMS). */
export async function exportBench(): Promise<ExportBench> {
  const buckets = testBucketNames('store', 'exports');
  const [tables, s3, keyWrapper] = await Promise.all([
    createTestTables(),
    testS3Client(buckets.store, buckets.exports),
    mkdtemp(join(tmpdir(), 'export-keys-')).then((dir) => MasterKeyWrapper.open(join(dir, 'master.key'))),
  ]);
  const store = new DynamoDbMailboxStore(tables.documents, tables);
  const blobs = new S3BlobStore(s3, buckets.store);
  const mailboxes = new MailboxService({
    store,
    blobs,
    keyWrapper,
    organizationKey: async (organizationId) => ({
      arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
    }),
  });
  const source: ExportSource = {
    listFolders: (organizationId, mailboxId) => store.listFolders(organizationId, mailboxId),
    listFolderUids: (...args) => store.listFolderUids(...args),
    openMessage: (...args) => mailboxes.openMessage(...args),
  };
  const jobs = new DynamoDbExportJobStore(tables.documents, tables.directoryTable);
  const target = new S3ExportTarget({
    clientFor: async () => s3,
    serverSideEncryption: false,
    abortsUploads: false,
  });
  return {
    tables,
    s3,
    buckets,
    mailboxes,
    model: new MailboxModel({ store, blobs }),
    store,
    jobs,
    source,
    worker: { jobs, target, source, now: Date.now },
  };
}

/** A new organization id and mailbox, provisioned with its system folders. */
export async function newMailbox(bench: ExportBench): Promise<{ organizationId: string; mailboxId: string }> {
  const organizationId = `m-${randomBytes(16).toString('hex')}`;
  const mailboxId = `S-1-1-${randomBytes(4).readUInt32BE()}`;
  await bench.mailboxes.provision(organizationId, mailboxId);
  await bench.model.folders(organizationId, mailboxId);
  return { organizationId, mailboxId };
}

/** A small RFC 5322 message, different each call. */
export function sampleMessage(index: number, bodyBytes = 200): Buffer {
  const body = randomBytes(Math.ceil(bodyBytes / 2))
    .toString('hex')
    .replace(/(.{76})/g, '$1\r\n');
  return Buffer.from(
    `From: sender${index}@example.com\r\nTo: owner@example.org\r\nSubject: Message ${index}\r\n` +
      `Message-ID: <m${index}.${randomBytes(4).toString('hex')}@example.com>\r\n` +
      `Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n${body}\r\n`,
  );
}

/**
 * Stores each message in its folder (through `storeMessage`, as JMAP import does) and returns, by zip path
 * (`<folder path>/<uid>.eml`), the SHA-256 of the bytes stored.
 */
export async function fillMailbox(
  bench: ExportBench,
  mailbox: { organizationId: string; mailboxId: string },
  messages: readonly { readonly folderId: string; readonly path: string; readonly raw: Buffer }[],
): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  const deps = { mailboxes: bench.mailboxes, store: bench.store, quotaBytes: async () => 10 * 1024 ** 3 };
  for (const message of messages) {
    const stored = await storeMessage(deps, {
      ...mailbox,
      raw: message.raw,
      folder: message.folderId,
      keywords: [],
      receivedAt: Date.now(),
    });
    if (!stored.ok) throw new Error(`not stored: ${stored.refusal.type}`);
    expected.set(`${message.path}/${stored.value.uid}.eml`, sha256(message.raw));
  }
  return expected;
}

/** Hex SHA-256. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes of an object, or undefined when there is none. */
export async function readObject(s3: S3Client, bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
    throw error;
  }
}

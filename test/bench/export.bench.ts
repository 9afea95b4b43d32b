import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbExportJobStore } from '../../lambdas/adapters/aws/dynamodb-export-job-store';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import {
  DIRECTORY_TABLE,
  KEY_TABLE,
  MAILBOX_TABLE,
  ensureTable,
} from '../../lambdas/adapters/aws/dynamodb-tables';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import { startExportJob } from '../../lambdas/core/export/jobs';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import type { ExportChildSetup } from './export-child';
import { startS3InChild } from './s3-child';

/** Messages of 4 MiB: few large messages seed a 1 GB mailbox quickly; the smaller mailbox has a tenth of them. */
const MESSAGE_BYTES = 4 * 1024 * 1024;
const LARGE_MESSAGES = 256;
const SMALL_MESSAGES = 26;
const TABLES = { directoryTable: 'directory', mailboxTable: 'mailbox', keyTable: 'keys' };

/**
 * Mailbox export: throughput (MB/s) and the exporting process's peak RSS for a 1 GiB mailbox and for one a tenth of
 * its size, each exported in a fresh process; `rssRatio` (large / small) near 1 shows the memory does not grow with
 * the mailbox.
 */
export async function benchExport(): Promise<Record<string, number>> {
  const [s3Engine, dynamo] = await Promise.all([
    startS3InChild(['store', 'exports']),
    startDynamoDbLocal({ inMemory: true }),
  ]);
  const keyDir = await mkdtemp(join(tmpdir(), 'export-bench-'));
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const s3 = s3LocalClient(s3Engine.endpoint);
  try {
    await Promise.all([
      ensureTable(client, TABLES.directoryTable, DIRECTORY_TABLE),
      ensureTable(client, TABLES.mailboxTable, MAILBOX_TABLE),
      ensureTable(client, TABLES.keyTable, KEY_TABLE),
    ]);
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = new DynamoDbMailboxStore(documents, TABLES);
    const blobs = new S3BlobStore(s3, 'store');
    const keyFile = join(keyDir, 'master.key');
    const mailboxes = new MailboxService({
      store,
      blobs,
      keyWrapper: await MasterKeyWrapper.open(keyFile),
      organizationKey: async (id) => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${id}` }),
    });
    const model = new MailboxModel({ store, blobs });
    const jobs = new DynamoDbExportJobStore(documents, TABLES.directoryTable);
    const exportMailbox = async (messages: number) => {
      const organizationId = `m-${randomBytes(16).toString('hex')}`;
      const mailboxId = `S-1-1-${messages}`;
      await mailboxes.provision(organizationId, mailboxId);
      await model.folders(organizationId, mailboxId);
      const body = randomBytes(MESSAGE_BYTES / 2)
        .toString('hex')
        .replace(/(.{998})/g, '$1\r\n');
      for (let index = 0; index < messages; index += 1) {
        const raw = Buffer.from(`Subject: ${index}\r\nMessage-ID: <${index}@bench>\r\n\r\n${body}`);
        await mailboxes.deliver({
          organizationId,
          mailboxId,
          messageId: `B${index}`,
          folder: index % 2 ? 'INBOX' : 'SENT_ITEMS',
          keywords: [],
          raw,
          receivedAt: Date.now(),
          summary: { subject: String(index) },
          quotaBytes: 1024 ** 4,
        });
      }
      const started = await startExportJob(
        { jobs, queue: { enqueue: async () => undefined }, source: store, clock: () => new Date() },
        {
          organizationId,
          entityId: mailboxId,
          destination: {
            roleArn: 'arn:aws:iam::1:role/r',
            kmsKeyArn: 'k',
            bucket: 'exports',
            prefix: 'bench',
          },
        },
      );
      if (!started.ok) throw new Error(started.refusal.type);
      const setup: ExportChildSetup = {
        dynamoDbEndpoint: dynamo.endpoint,
        s3Endpoint: s3Engine.endpoint,
        tables: TABLES,
        keyFile,
        organizationId,
        jobId: started.value.jobId,
        zipKey: started.value.zipKey,
      };
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'test/bench/export-child.ts', JSON.stringify(setup)],
        { maxBuffer: 1024 * 1024 },
      );
      return JSON.parse(stdout.trim().split('\n').pop()!) as {
        ms: number;
        maxRssKiB: number;
        zipBytes: number;
      };
    };
    const small = await exportMailbox(SMALL_MESSAGES);
    const large = await exportMailbox(LARGE_MESSAGES);
    const mbPerSecond = (run: typeof small) => Math.round((run.zipBytes / 1e6 / (run.ms / 1000)) * 10) / 10;
    return {
      smallZipMB: Math.round(small.zipBytes / 1e6),
      smallMBPerSecond: mbPerSecond(small),
      smallPeakRssMiB: Math.round(small.maxRssKiB / 1024),
      largeZipMB: Math.round(large.zipBytes / 1e6),
      largeMBPerSecond: mbPerSecond(large),
      largePeakRssMiB: Math.round(large.maxRssKiB / 1024),
      rssRatio: Math.round((large.maxRssKiB / small.maxRssKiB) * 100) / 100,
    };
  } finally {
    s3.destroy();
    client.destroy();
    await Promise.all([s3Engine.stop(), dynamo.stop()]);
    await rm(keyDir, { recursive: true, force: true });
  }
}

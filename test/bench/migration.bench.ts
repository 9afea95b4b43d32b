import { execFile } from 'node:child_process';
import type { PassThrough } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import yazl from 'yazl';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import type { MigrationChildSetup } from './migration-child';
import { startS3InChild } from './s3-child';

const FOLDERS = ['Inbox', 'Inbox/Projects', 'Sent Items', 'Archive/2025'];
/** The organization: 2,000 messages across folders, some of 10 MB. */
const SMALL_MESSAGES = 1990;
const SMALL_BYTES = 20 * 1024;
const LARGE_MESSAGES = 10;
const LARGE_BYTES = 10 * 1024 * 1024;
/** The largest message an import stores is 40 MiB. */
const HUGE_BYTES = 40 * 1024 * 1024 - 1024;

type Run = { ms: number; maxRssKiB: number; messages: number };

/**
 * The mailbox step of a migration: the verified, deduplicating copy of an export zip (read by ranged GETs, hashed,
 * checked against its summary log, rewritten as a streamed multipart upload) against a baseline measured in the same
 * run, a plain streamed S3 copy of the same object; each in a fresh process, for its peak RSS. On a 2,000-message
 * mailbox (10 of them 10 MB) and on one 40 MB message. The export and import jobs around it are the export
 * benchmark's and the import's, the same with or without the migration.
 */
export async function benchMigration(): Promise<Record<string, number>> {
  const s3Engine = await startS3InChild(['exports', 'imports']);
  const s3 = s3LocalClient(s3Engine.endpoint);
  try {
    const mailbox = await writeExport(s3, 'mailbox.zip', [
      ...Array.from({ length: SMALL_MESSAGES }, () => SMALL_BYTES),
      ...Array.from({ length: LARGE_MESSAGES }, () => LARGE_BYTES),
    ]);
    await writeExport(s3, 'huge.zip', [HUGE_BYTES]);
    const run = async (mode: MigrationChildSetup['mode'], key: string): Promise<Run> => {
      const setup: MigrationChildSetup = {
        s3Endpoint: s3Engine.endpoint,
        mode,
        source: { bucket: 'exports', key },
        target: { bucket: 'imports', key: `${mode}-${key}` },
      };
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'test/bench/migration-child.ts', JSON.stringify(setup)],
        { maxBuffer: 1024 * 1024 },
      );
      return JSON.parse(stdout.trim().split('\n').pop()!) as Run;
    };
    const copy = await run('copy', 'mailbox.zip');
    const transfer = await run('transfer', 'mailbox.zip');
    const hugeCopy = await run('copy', 'huge.zip');
    const hugeTransfer = await run('transfer', 'huge.zip');
    const mib = (kib: number) => Math.round(kib / 1024);
    const perSecond = (amount: number, ms: number) => Math.round((amount / (ms / 1000)) * 10) / 10;
    return {
      messages: transfer.messages,
      mailboxMB: Math.round(mailbox / 1e6),
      migrationMessagesPerSecond: perSecond(transfer.messages, transfer.ms),
      migrationMBPerSecond: perSecond(mailbox / 1e6, transfer.ms),
      migrationPeakRssMiB: mib(transfer.maxRssKiB),
      baselineCopyMBPerSecond: perSecond(mailbox / 1e6, copy.ms),
      baselineCopyPeakRssMiB: mib(copy.maxRssKiB),
      timeRatioVsCopy: Math.round((transfer.ms / copy.ms) * 100) / 100,
      message40MBPeakRssMiB: mib(hugeTransfer.maxRssKiB),
      message40MBBaselineCopyPeakRssMiB: mib(hugeCopy.maxRssKiB),
    };
  } finally {
    s3.destroy();
    await s3Engine.stop();
  }
}

/** Writes an export zip of messages of the given sizes (and its summary log) to the `exports` bucket; its size. */
async function writeExport(s3: S3Client, key: string, sizes: readonly number[]): Promise<number> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as unknown as PassThrough;
  const hash = createHash('sha384');
  let zipBytes = 0;
  output.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    zipBytes += chunk.length;
  });
  const upload = new Upload({
    client: s3,
    params: { Bucket: 'exports', Key: key, Body: output },
  }).done();
  let totalBytes = 0;
  sizes.forEach((size, index) => {
    const header = `Subject: message ${index}\r\nMessage-ID: <${index}.${key}@bench>\r\n\r\n`;
    const body = randomBytes(Math.ceil(size / 2))
      .toString('hex')
      .replace(/(.{76})/g, '$1\r\n');
    const raw = Buffer.from(`${header}${body}`).subarray(0, size);
    totalBytes += raw.length;
    zip.addBuffer(raw, `${FOLDERS[index % FOLDERS.length]}/${index + 1}.eml`, { compress: false });
  });
  zip.end();
  await upload;
  const summary = {
    totalMessages: String(sizes.length),
    totalBytes: String(totalBytes),
    totalFolders: '9',
    totalNonExportableItems: '0',
    sha384Hash: hash.digest('hex'),
    startTime: '0',
    endTime: '0',
  };
  await s3.send(
    new PutObjectCommand({
      Bucket: 'exports',
      Key: key.replace(/\.zip$/, '.summary.json'),
      Body: JSON.stringify(summary),
    }),
  );
  return zipBytes;
}

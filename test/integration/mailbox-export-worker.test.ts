import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExportJob } from '../../lambdas/core/export/export-worker';
import { cancelExportJob, startExportJob } from '../../lambdas/core/export/jobs';
import type { ExportTarget } from '../../lambdas/core/export/ports';
import {
  exportBench,
  fillMailbox,
  newMailbox,
  readObject,
  sampleMessage,
  type ExportBench,
} from '../support/export-mailbox';
import { patchStore } from './entity-kit';

const PART_BYTES = 64 * 1024;
const never = () => false;

interface ZipReading {
  entries: Record<string, string>;
  parsed: number;
  sha384: string;
  testzip: string | null;
}

async function readWithPython(zip: Buffer): Promise<ZipReading> {
  const path = join(await mkdtemp(join(tmpdir(), 'export-zip-')), 'export.zip');
  await writeFile(path, zip);
  const script = join(process.cwd(), 'test/integration/read-export-zip.py');
  return JSON.parse(execFileSync('python3', [script, path], { maxBuffer: 64 * 1024 * 1024 }).toString());
}

describe('Mailbox export worker (DynamoDB Local + s3rver)', () => {
  let bench: ExportBench;

  beforeAll(async () => {
    bench = await exportBench();
  });

  async function startJob(mailbox: { organizationId: string; mailboxId: string }) {
    const started = await startExportJob(
      {
        jobs: bench.jobs,
        queue: { enqueue: async () => undefined },
        source: bench.source,
        clock: () => new Date(),
      },
      {
        organizationId: mailbox.organizationId,
        entityId: mailbox.mailboxId,
        destination: {
          roleArn: 'arn:aws:iam::111122223333:role/Export',
          kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
          bucket: bench.buckets.exports,
          prefix: 'exports/',
        },
      },
    );
    if (!started.ok) throw new Error(started.refusal.type);
    return started.value;
  }

  /** A mailbox with messages in Inbox, Inbox/Projects/2026, Sent Items and Deleted Items. */
  async function seededMailbox(count: number) {
    const mailbox = await newMailbox(bench);
    const projects = await bench.model.createFolder(mailbox.organizationId, mailbox.mailboxId, {
      name: 'Projects',
      parentId: 'INBOX',
    });
    if (!projects.ok) throw new Error('folder');
    const year = await bench.model.createFolder(mailbox.organizationId, mailbox.mailboxId, {
      name: '2026',
      parentId: projects.value.folderId,
    });
    if (!year.ok) throw new Error('folder');
    const folders = [
      { folderId: 'INBOX', path: 'Inbox' },
      { folderId: year.value.folderId, path: 'Inbox/Projects/2026' },
      { folderId: 'SENT_ITEMS', path: 'Sent Items' },
      { folderId: 'DELETED_ITEMS', path: 'Deleted Items' },
    ];
    const messages = Array.from({ length: count }, (_, index) => ({
      ...folders[index % folders.length]!,
      raw: sampleMessage(index, 200 + (index % 7) * 300),
    }));
    const expected = await fillMailbox(bench, mailbox, messages);
    const totalBytes = messages.reduce((sum, message) => sum + message.raw.length, 0);
    return { mailbox, expected, totalBytes };
  }

  it('exports 1,000 messages in nested folders as a zip Python reads back byte for byte, with its summary', async () => {
    const { mailbox, expected, totalBytes } = await seededMailbox(1000);
    const job = await startJob(mailbox);

    const outcome = await runExportJob(
      { ...bench.worker, partSizeBytes: PART_BYTES },
      job.organizationId,
      job.jobId,
      never,
    );
    const zip = (await readObject(bench.s3, bench.buckets.exports, job.zipKey))!;
    const summary = JSON.parse(
      (await readObject(bench.s3, bench.buckets.exports, job.summaryKey))!.toString(),
    );
    const reading = await readWithPython(zip);
    const described = await bench.jobs.get(job.organizationId, job.jobId);

    expect(outcome).toBe('COMPLETED');
    expect(job.zipKey).toBe(`exports/${job.jobId}.zip`);
    expect(reading.testzip).toBeNull();
    expect(reading.entries).toEqual(Object.fromEntries(expected));
    expect(reading.parsed).toBe(1000);
    expect(summary).toEqual({
      totalMessages: '1000',
      totalBytes: String(totalBytes),
      totalFolders: '8',
      totalNonExportableItems: '0',
      sha384Hash: reading.sha384,
      startTime: String(job.startedAt),
      endTime: expect.stringMatching(/^\d{13}$/),
    });
    expect(Object.values(summary).every((value) => typeof value === 'string')).toBe(true);
    expect(described?.state).toBe('COMPLETED');
  }, 300_000);

  it('resumes after a worker dies midway and still writes a byte-identical export', async () => {
    const { mailbox, expected } = await seededMailbox(120);
    const job = await startJob(mailbox);
    let parts = 0;
    const dying = patchStore<ExportTarget>(bench.worker.target, {
      uploadPart: async (...args) => {
        if (++parts === 4) throw new Error('worker killed');
        return bench.worker.target.uploadPart(...args);
      },
    });
    const deps = { ...bench.worker, partSizeBytes: 8 * 1024, uploadConcurrency: 1 };

    await expect(
      runExportJob({ ...deps, target: dying }, job.organizationId, job.jobId, never),
    ).rejects.toThrow('worker killed');
    const checkpoint = (await bench.jobs.get(job.organizationId, job.jobId))!.checkpoint!;
    const outcome = await runExportJob(deps, job.organizationId, job.jobId, never);
    const zip = (await readObject(bench.s3, bench.buckets.exports, job.zipKey))!;
    const reading = await readWithPython(zip);
    const summary = JSON.parse(
      (await readObject(bench.s3, bench.buckets.exports, job.summaryKey))!.toString(),
    );

    expect(checkpoint.nextPart).toBe(4);
    expect(checkpoint.messagesDone).toBeGreaterThan(0);
    expect(outcome).toBe('COMPLETED');
    expect(reading.entries).toEqual(Object.fromEntries(expected));
    expect(summary.sha384Hash).toBe(createHash('sha384').update(zip).digest('hex'));
    expect(summary.totalMessages).toBe('120');
  }, 120_000);

  it('hands over at a checkpoint, and a cancelled job stops at the next run and aborts its upload', async () => {
    const { mailbox } = await seededMailbox(40);
    const job = await startJob(mailbox);
    const aborted: string[] = [];
    const target = patchStore<ExportTarget>(bench.worker.target, {
      abortUpload: async (_job, key, uploadId) => void aborted.push(`${key} ${uploadId}`),
    });
    const deps = { ...bench.worker, target, partSizeBytes: 8 * 1024 };

    const first = await runExportJob(deps, job.organizationId, job.jobId, () => true);
    const progress = (await bench.jobs.get(job.organizationId, job.jobId))!;
    await cancelExportJob({ jobs: bench.jobs, clock: () => new Date() }, job.organizationId, job.jobId);
    const second = await runExportJob(deps, job.organizationId, job.jobId, never);

    expect(first).toBe('CONTINUE');
    expect(progress.checkpoint!.messagesDone).toBeGreaterThan(0);
    expect(progress.checkpoint!.messagesDone).toBeLessThan(40);
    expect(second).toBe('STOPPED');
    expect((await bench.jobs.get(job.organizationId, job.jobId))!.state).toBe('CANCELLED');
    expect(aborted).toEqual([`${job.zipKey} ${progress.checkpoint!.uploadId}`]);
    expect(await readObject(bench.s3, bench.buckets.exports, job.zipKey)).toBeUndefined();
  }, 120_000);

  it('lets only one of two workers running the same job at once write it, and the zip stays whole', async () => {
    const { mailbox, expected } = await seededMailbox(60);
    const job = await startJob(mailbox);
    const deps = { ...bench.worker, partSizeBytes: 8 * 1024 };
    await runExportJob(deps, job.organizationId, job.jobId, () => true);

    const outcomes = await Promise.allSettled([
      runExportJob(deps, job.organizationId, job.jobId, never),
      runExportJob(deps, job.organizationId, job.jobId, never),
    ]);
    const zip = (await readObject(bench.s3, bench.buckets.exports, job.zipKey))!;
    const summary = JSON.parse(
      (await readObject(bench.s3, bench.buckets.exports, job.summaryKey))!.toString(),
    );

    expect(
      outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === 'COMPLETED'),
    ).toHaveLength(1);
    expect((await readWithPython(zip)).entries).toEqual(Object.fromEntries(expected));
    expect(summary.sha384Hash).toBe(createHash('sha384').update(zip).digest('hex'));
  }, 120_000);

  it('fails the job with the reason when the destination refuses', async () => {
    const mailbox = await newMailbox(bench);
    const job = await startJob(mailbox);
    const refusing = { ...job, destination: { ...job.destination, bucket: 'no-such-bucket-for-exports' } };
    const jobs = patchStore(bench.jobs, {
      get: async (organizationId: string, jobId: string) => {
        const stored = await bench.jobs.get(organizationId, jobId);
        return stored && { ...stored, destination: refusing.destination };
      },
    });

    const outcome = await runExportJob({ ...bench.worker, jobs }, job.organizationId, job.jobId, never);
    const ended = await bench.jobs.get(job.organizationId, job.jobId);

    expect(outcome).toBe('STOPPED');
    expect(ended).toMatchObject({ state: 'FAILED', errorInfo: expect.stringContaining('(NoSuchBucket)') });
  });

  it('exports an empty mailbox as an empty zip', async () => {
    const mailbox = await newMailbox(bench);
    const job = await startJob(mailbox);

    await runExportJob(bench.worker, job.organizationId, job.jobId, never);
    const reading = await readWithPython((await readObject(bench.s3, bench.buckets.exports, job.zipKey))!);

    expect(reading.entries).toEqual({});
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ZipEntries } from '../../lambdas/adapters/aws/s3-zip-entries';
import { fileZipEntries } from '../../lambdas/adapters/local/file-zip-entries';
import { runExportJob } from '../../lambdas/core/export/export-worker';
import { importMailboxZip } from '../../lambdas/core/export/import-zip';
import { startExportJob } from '../../lambdas/core/export/jobs';
import {
  exportBench,
  fillMailbox,
  newMailbox,
  readObject,
  sampleMessage,
  sha256,
  type ExportBench,
} from '../support/export-mailbox';

describe('Mailbox import from an export zip (DynamoDB Local + s3rver)', () => {
  let bench: ExportBench;

  beforeAll(async () => {
    bench = await exportBench();
  });

  /** Exports a mailbox and returns the zip's key and, by zip path, the SHA-256 of each entry. */
  async function exportOf(mailbox: { organizationId: string; mailboxId: string }) {
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
          roleArn: 'arn:aws:iam::1:role/r',
          kmsKeyArn: 'k',
          bucket: bench.buckets.exports,
          prefix: 'x',
        },
      },
    );
    if (!started.ok) throw new Error(started.refusal.type);
    const job = started.value;
    await runExportJob(
      { ...bench.worker, partSizeBytes: 16 * 1024 },
      job.organizationId,
      job.jobId,
      () => false,
    );
    const entries = new Map<string, string>();
    for await (const entry of s3ZipEntries(bench.s3, bench.buckets.exports, job.zipKey).entries())
      entries.set(entry.name, sha256(await entry.read()));
    return { key: job.zipKey, entries };
  }

  const importDeps = () => ({
    model: bench.model,
    store: { mailboxes: bench.mailboxes, store: bench.store, quotaBytes: async () => 1024 ** 3 },
  });

  it('re-imports an export into an empty mailbox with the same folders and messages, and a second run adds nothing', async () => {
    const source = await newMailbox(bench);
    const archive = await bench.model.createFolder(source.organizationId, source.mailboxId, {
      name: 'Archive',
    });
    if (!archive.ok) throw new Error('folder');
    const nested = await bench.model.createFolder(source.organizationId, source.mailboxId, {
      name: 'Clients',
      parentId: archive.value.folderId,
    });
    if (!nested.ok) throw new Error('folder');
    const folders = [
      { folderId: 'INBOX', path: 'Inbox' },
      { folderId: 'SENT_ITEMS', path: 'Sent Items' },
      { folderId: nested.value.folderId, path: 'Archive/Clients' },
    ];
    const raws = Array.from({ length: 30 }, (_, index) => sampleMessage(index, 4000));
    const bytes = raws.reduce((sum, raw) => sum + raw.length, 0);
    await fillMailbox(
      bench,
      source,
      raws.map((raw, index) => ({ ...folders[index % 3]!, raw })),
    );
    const exported = await exportOf(source);
    const target = await newMailbox(bench);

    const first = await importMailboxZip(
      importDeps(),
      target,
      s3ZipEntries(bench.s3, bench.buckets.exports, exported.key),
    );
    const second = await importMailboxZip(
      importDeps(),
      target,
      s3ZipEntries(bench.s3, bench.buckets.exports, exported.key),
    );
    const reexported = await exportOf(target);
    const usage = await bench.store.getMailbox(target.organizationId, target.mailboxId);

    expect(first).toEqual({ entries: 30, messages: 30, bytes, skipped: 0, stopped: false });
    expect(second).toEqual({ entries: 30, messages: 30, bytes, skipped: 0, stopped: false });
    expect(reexported.entries).toEqual(exported.entries);
    expect(usage?.messageCount).toBe(30);
  }, 120_000);

  it('fails an import job whose object is missing or is no zip, with the reason, no message stored, no longer running', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { DynamoDbImportJobStore } = await import('../../lambdas/adapters/aws/dynamodb-import-job-store');
    const { runImportJob, startImportJob } = await import('../../lambdas/core/export/import-jobs');
    await bench.s3.send(
      new PutObjectCommand({ Bucket: bench.buckets.exports, Key: 'not-a.zip', Body: 'just text, no zip' }),
    );
    const target = await newMailbox(bench);
    const jobs = new DynamoDbImportJobStore(bench.tables.documents, bench.tables.directoryTable);
    const services = { jobs, queue: { enqueue: async () => undefined } };
    const worker = {
      jobs,
      mailbox: importDeps(),
      zipOf: (job: { bucket: string; key: string }) => s3ZipEntries(bench.s3, job.bucket, job.key),
      now: Date.now,
    };

    const runningIds = async () => {
      const ids: string[] = [];
      for await (const running of jobs.running()) ids.push(running.jobId);
      return ids;
    };
    const ended = [];
    for (const key of ['missing.zip', 'not-a.zip']) {
      const job = await startImportJob(
        services,
        {
          organizationId: target.organizationId,
          entityId: target.mailboxId,
          bucket: bench.buckets.exports,
          key,
        },
        Date.now(),
      );
      const runningBefore = await runningIds();
      const outcome = await runImportJob(worker, job.organizationId, job.jobId, () => false);
      ended.push([outcome, await jobs.get(job.organizationId, job.jobId)]);
      expect(runningBefore).toContain(job.jobId);
      expect(await runningIds()).not.toContain(job.jobId);
    }
    const usage = await bench.store.getMailbox(target.organizationId, target.mailboxId);

    expect(ended).toEqual([
      [
        'STOPPED',
        expect.objectContaining({ state: 'FAILED', errorInfo: expect.stringContaining('NotFound') }),
      ],
      [
        'STOPPED',
        expect.objectContaining({ state: 'FAILED', errorInfo: expect.stringContaining('InvalidZip') }),
      ],
    ]);
    expect(usage?.messageCount).toBe(0);
  });

  it('resumes from the entry a crashed run reached, and reads a zip file from disk', async () => {
    const source = await newMailbox(bench);
    const raws = Array.from({ length: 6 }, (_, index) => sampleMessage(index));
    await fillMailbox(
      bench,
      source,
      raws.map((raw) => ({ folderId: 'INBOX', path: 'Inbox', raw })),
    );
    const exported = await exportOf(source);
    const path = join(await mkdtemp(join(tmpdir(), 'import-')), `${randomBytes(4).toString('hex')}.zip`);
    await writeFile(path, (await readObject(bench.s3, bench.buckets.exports, exported.key))!);
    const target = await newMailbox(bench);
    let reached = 0;

    await expect(
      importMailboxZip(importDeps(), target, fileZipEntries(path), {
        onEntry: async (next) => {
          reached = next;
          if (next === 4) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const resumed = await importMailboxZip(importDeps(), target, fileZipEntries(path), {
      fromEntry: reached,
    });
    const reexported = await exportOf(target);

    expect(resumed).toEqual({
      entries: 2,
      messages: 2,
      bytes: raws[4]!.length + raws[5]!.length,
      skipped: 0,
      stopped: false,
    });
    expect(reexported.entries).toEqual(exported.entries);
  }, 120_000);
});

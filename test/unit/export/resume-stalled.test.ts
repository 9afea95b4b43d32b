import { resumeStalledExports, resumeStalledImports } from '../../../lambdas/core/export/resume-stalled';
import type { ImportJob, ImportJobStore } from '../../../lambdas/core/export/import-jobs';
import type { ExportJobStore } from '../../../lambdas/core/export/ports';
import type { ExportJob } from '../../../lambdas/core/export/types';

const MINUTE = 60_000;
const NOW = 1_800_000_000_000;

function job(jobId: string, startedAt: number, savedAt?: number): ExportJob {
  return {
    organizationId: 'm-1',
    jobId,
    entityId: 'S-1',
    destination: { roleArn: 'r', kmsKeyArn: 'k', bucket: 'b', prefix: 'p' },
    zipKey: 'p/x.zip',
    summaryKey: 'p/x.summary.json',
    state: 'RUNNING',
    startedAt,
    messagesTotal: 10,
    ...(savedAt === undefined
      ? {}
      : {
          checkpoint: {
            uploadId: 'u',
            nextPart: 2,
            zipOffset: 1,
            entries: 1,
            afterUid: 1,
            hashState: '',
            messagesDone: 1,
            bytesDone: 1,
            savedAt,
          },
        }),
  };
}

describe('resumeStalledExports', () => {
  it('hands over RUNNING jobs whose last checkpoint (or start) is 30 minutes old, and no other', async () => {
    const jobs = new Map<string, ExportJob>([
      ['fresh', job('fresh', NOW - 60 * MINUTE, NOW - 29 * MINUTE)],
      ['stalled', job('stalled', NOW - 60 * MINUTE, NOW - 30 * MINUTE)],
      ['never-began', job('never-began', NOW - 31 * MINUTE)],
      ['just-started', job('just-started', NOW - MINUTE)],
      ['ended', { ...job('ended', NOW - 90 * MINUTE), state: 'CANCELLED' }],
    ]);
    const store = {
      async *running() {
        for (const jobId of jobs.keys()) yield { organizationId: 'm-1', jobId };
      },
      get: async (_organizationId: string, jobId: string) => jobs.get(jobId),
    } as unknown as ExportJobStore;
    const queued: string[] = [];

    const resumed = await resumeStalledExports(
      { jobs: store, queue: { enqueue: async (_org, jobId) => void queued.push(jobId) } },
      NOW,
    );

    expect(queued).toEqual(['stalled', 'never-began']);
    expect(resumed).toBe(2);
  });

  it('hands over RUNNING imports whose last progress (or start) is 30 minutes old, and no other', async () => {
    const importJob = (jobId: string, startedAt: number, updatedAt?: number): ImportJob => ({
      organizationId: 'm-1',
      jobId,
      entityId: 'S-1',
      bucket: 'b',
      key: 'k.zip',
      state: 'RUNNING',
      entriesDone: 0,
      messagesImported: 0,
      startedAt,
      ...(updatedAt === undefined ? {} : { updatedAt }),
    });
    const jobs = new Map<string, ImportJob>([
      ['fresh', importJob('fresh', NOW - 60 * MINUTE, NOW - 10 * MINUTE)],
      ['stalled', importJob('stalled', NOW - 60 * MINUTE, NOW - 45 * MINUTE)],
      ['never-progressed', importJob('never-progressed', NOW - 30 * MINUTE)],
      ['ended', { ...importJob('ended', NOW - 90 * MINUTE), state: 'COMPLETED' }],
    ]);
    const store = {
      async *running() {
        for (const jobId of jobs.keys()) yield { organizationId: 'm-1', jobId };
      },
      get: async (_organizationId: string, jobId: string) => jobs.get(jobId),
    } as unknown as ImportJobStore;
    const queued: string[] = [];

    await resumeStalledImports(
      { jobs: store, queue: { enqueue: async (_org, jobId) => void queued.push(jobId) } },
      NOW,
    );

    expect(queued).toEqual(['stalled', 'never-progressed']);
  });
});

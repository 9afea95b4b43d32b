import { startExportJob } from '../../../lambdas/core/export/jobs';
import type { ExportJobStore } from '../../../lambdas/core/export/ports';

describe('startExportJob', () => {
  it('ends a job FAILED, freeing its slot, when the workers cannot be handed it', async () => {
    const finished: unknown[] = [];
    const jobs = {
      start: async () => 'STARTED',
      finish: async (_organizationId: string, jobId: string, end: unknown) => {
        finished.push([jobId, end]);
        return true;
      },
    } as unknown as ExportJobStore;
    const queue = {
      enqueue: async () => {
        throw new Error('Lambda unavailable');
      },
    };

    const started = startExportJob(
      { jobs, queue, source: { listFolders: async () => [] }, clock: () => new Date(1_800_000_000_000) },
      {
        organizationId: 'm-1',
        entityId: 'S-1',
        destination: { roleArn: 'r', kmsKeyArn: 'k', bucket: 'b', prefix: 'p/' },
      },
    );

    await expect(started).rejects.toThrow('Lambda unavailable');
    expect(finished).toEqual([
      [expect.any(String), expect.objectContaining({ state: 'FAILED', endedAt: 1_800_000_000_000 })],
    ]);
  });
});

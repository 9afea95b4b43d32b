import type { ExportRunOutcome } from '../../../lambdas/core/export/export-worker';
import { LocalExportRunner } from '../../../lambdas/local/export-runner';

describe('LocalExportRunner', () => {
  it('runs a job again after each hand-over until it ends', async () => {
    const outcomes: ExportRunOutcome[] = ['CONTINUE', 'CONTINUE', 'COMPLETED'];
    let runs = 0;
    const runner = new LocalExportRunner({
      run: async () => outcomes[runs++]!,
      fail: async () => undefined,
      onError: () => undefined,
    });

    await runner.enqueue('m-1', 'job');
    await runner.idle();

    expect(runs).toBe(3);
  });

  it('resumes each job a previous process left running, once', async () => {
    const ran: string[] = [];
    const runner = new LocalExportRunner({
      run: async (_organizationId, jobId) => {
        ran.push(jobId);
        return 'COMPLETED';
      },
      fail: async () => undefined,
      onError: () => undefined,
    });
    async function* left() {
      yield { organizationId: 'm-1', jobId: 'a' };
      yield { organizationId: 'm-2', jobId: 'b' };
    }

    await runner.resume(left());
    await runner.idle();

    expect(ran.sort()).toEqual(['a', 'b']);
  });

  it('retries a failing run and fails the job after three failures in a row', async () => {
    const errors: unknown[] = [];
    const failed: string[] = [];
    const runner = new LocalExportRunner({
      run: async () => {
        throw new Error('S3 unavailable');
      },
      fail: async (_organizationId, jobId) => void failed.push(jobId),
      onError: (error) => errors.push(error),
    });

    await runner.enqueue('m-1', 'job');
    await runner.idle();

    expect(errors).toHaveLength(3);
    expect(failed).toEqual(['job']);
  });

  it('asks a run to hand over once stopped, and starts no new job then', async () => {
    let release = () => {};
    const handOvers: boolean[] = [];
    let runs = 0;
    const runner = new LocalExportRunner({
      run: async (_organizationId, _jobId, handOver) => {
        runs += 1;
        await new Promise<void>((resolve) => (release = resolve));
        handOvers.push(handOver());
        return 'CONTINUE';
      },
      fail: async () => undefined,
      onError: () => undefined,
    });
    await runner.enqueue('m-1', 'job');
    await new Promise((resolve) => setImmediate(resolve));

    const stopped = runner.stop();
    release();
    await stopped;
    await runner.enqueue('m-1', 'other');
    await runner.idle();

    expect(handOvers).toEqual([true]);
    expect(runs).toBe(1);
  });
});

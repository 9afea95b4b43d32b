import type { ExportWorkQueue } from '../core/export/ports';
import type { ExportRunOutcome } from '../core/export/export-worker';

/** Options of {@link LocalExportRunner}. */
export interface LocalExportRunnerOptions {
  /** One worker run of a job (see `runExportJob`); it hands over at its next checkpoint once `handOver()` is true. */
  readonly run: (organizationId: string, jobId: string, handOver: () => boolean) => Promise<ExportRunOutcome>;
  /** Ends a job whose runs kept failing. */
  readonly fail: (organizationId: string, jobId: string) => Promise<void>;
  /** Receives every failed run. */
  readonly onError: (error: unknown) => void;
  /** Failed runs in a row before the job is failed. @default 3 */
  readonly maxAttempts?: number;
}

/**
 * The local runtime's export workers: the work queue the admin API hands jobs to, run in this process. A run that
 * hands over is followed by the next at once; a failed run is retried (from its checkpoint), and a job whose runs
 * keep failing ends FAILED. Jobs left RUNNING by a stopped runtime are resumed with {@link LocalExportRunner.resume}.
 * @example
 * const runner = new LocalExportRunner({ run, fail, onError });
 * await runner.enqueue(organizationId, jobId);
 * await runner.idle();
 */
export class LocalExportRunner implements ExportWorkQueue {
  private readonly active = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly options: LocalExportRunnerOptions) {}

  async enqueue(organizationId: string, jobId: string): Promise<void> {
    const key = `${organizationId}#${jobId}`;
    if (this.stopped || this.active.has(key)) return;
    const done = this.work(organizationId, jobId).finally(() => this.active.delete(key));
    this.active.set(key, done);
  }

  /** Enqueues every job in `jobs` (the RUNNING jobs a previous process left). */
  async resume(
    jobs: AsyncIterable<{ readonly organizationId: string; readonly jobId: string }>,
  ): Promise<void> {
    for await (const job of jobs) await this.enqueue(job.organizationId, job.jobId);
  }

  /** Resolves once no job is being worked on. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all(this.active.values());
  }

  /** Takes no new job and lets the current runs hand over at their next checkpoint (a later start resumes them). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async work(organizationId: string, jobId: string): Promise<void> {
    await Promise.resolve(); // the API call that enqueued answers first
    const handOver = () => this.stopped;
    for (let failures = 0; !this.stopped;) {
      try {
        if ((await this.options.run(organizationId, jobId, handOver)) !== 'CONTINUE') return;
        failures = 0;
      } catch (error) {
        this.options.onError(error);
        failures += 1;
        if (failures >= (this.options.maxAttempts ?? 3)) {
          await this.options.fail(organizationId, jobId).catch(this.options.onError);
          return;
        }
      }
    }
  }
}

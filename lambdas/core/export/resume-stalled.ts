import type { ImportJobStore } from './import-jobs';
import type { ExportJobStore, ExportWorkQueue } from './ports';

/** A RUNNING job whose last checkpoint is older than this has lost its worker (runs hand over every ~12 minutes). */
export const STALLED_AFTER_MS = 30 * 60 * 1000;

/**
 * Hands every RUNNING job that made no checkpoint for {@link STALLED_AFTER_MS} to the workers again (its run was lost:
 * retries exhausted, or a hand-over that never arrived). Costs what the RUNNING jobs cost (a sparse index), never a
 * scan. A job that is in fact still running loses nothing: the second worker's checkpoint does not commit.
 * @returns the number of jobs handed over
 * @example
 * await resumeStalledExports({ jobs, queue }, Date.now());
 */
export async function resumeStalledExports(
  deps: { readonly jobs: ExportJobStore; readonly queue: ExportWorkQueue },
  now: number,
  stalledAfterMs: number = STALLED_AFTER_MS,
): Promise<number> {
  let resumed = 0;
  for await (const { organizationId, jobId } of deps.jobs.running()) {
    const job = await deps.jobs.get(organizationId, jobId);
    if (job?.state !== 'RUNNING') continue;
    const lastActive = job.checkpoint?.savedAt ?? job.startedAt;
    if (now - lastActive < stalledAfterMs) continue;
    await deps.queue.enqueue(organizationId, jobId);
    resumed += 1;
  }
  return resumed;
}

/**
 * Hands every RUNNING import job whose progress is {@link STALLED_AFTER_MS} old to the workers again (imports are
 * idempotent, so a job that is in fact still running stores nothing twice).
 * @returns the number of jobs handed over
 * @example
 * await resumeStalledImports({ jobs: importJobs, queue }, Date.now());
 */
export async function resumeStalledImports(
  deps: { readonly jobs: ImportJobStore; readonly queue: ExportWorkQueue },
  now: number,
  stalledAfterMs: number = STALLED_AFTER_MS,
): Promise<number> {
  let resumed = 0;
  for await (const { organizationId, jobId } of deps.jobs.running()) {
    const job = await deps.jobs.get(organizationId, jobId);
    if (job?.state !== 'RUNNING' || now - (job.updatedAt ?? job.startedAt) < stalledAfterMs) continue;
    await deps.queue.enqueue(organizationId, jobId);
    resumed += 1;
  }
  return resumed;
}

import { randomUUID } from 'node:crypto';
import type { ExportJobStore, ExportSource, ExportWorkQueue } from './ports';
import { EXPORT_LIMITS, type ExportDestination, type ExportJob, type ExportLimits } from './types';

/** What starting and cancelling jobs need. */
export interface ExportJobDeps {
  readonly jobs: ExportJobStore;
  readonly queue: ExportWorkQueue;
  readonly source: Pick<ExportSource, 'listFolders'>;
  readonly clock: () => Date;
  /** @default - {@link EXPORT_LIMITS} */
  readonly limits?: ExportLimits;
}

/** The job services the admin API is wired with (its clock is the API's). */
export type ExportJobServices = Omit<ExportJobDeps, 'clock'>;

/** A request to export one mailbox (the entity already resolved to its id). */
export interface StartExportRequest {
  readonly organizationId: string;
  readonly entityId: string;
  readonly description?: string;
  readonly destination: ExportDestination;
}

/** Why a job was not started or not cancelled. */
export type ExportRefusal =
  | { readonly type: 'organizationLimit' }
  | { readonly type: 'mailboxLimit' }
  | { readonly type: 'notFound' }
  | { readonly type: 'notRunning' };

/** A decision: its value, or the refusal. */
export type ExportResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: ExportRefusal };

/**
 * A job id that sorts by start time (base-36 epoch ms, 9 digits) and is unique (a UUID): listing the last 7 days is
 * then a key-range query.
 * @example
 * newJobId(1700000000000); // 'lozj6wow0-1b4e28ba-2fa1-4d2f-9c1a-…'
 */
export function newJobId(startedAtMs: number): string {
  return `${jobIdPrefix(startedAtMs)}-${randomUUID()}`;
}

/** The part of a job id that orders it by start time. */
export function jobIdPrefix(startedAtMs: number): string {
  return startedAtMs.toString(36).padStart(9, '0');
}

/**
 * Starts an export. Primary course: 1. count the mailbox's messages from its folders' counters (one query); 2. store
 * the RUNNING job, conditional on the organization's running jobs and the mailbox's last job (limits); 3. hand it to
 * the workers (a job that cannot be handed over ends FAILED).
 * @example
 * const started = await startExportJob(deps, { organizationId, entityId, destination });
 */
export async function startExportJob(
  deps: ExportJobDeps,
  request: StartExportRequest,
): Promise<ExportResult<ExportJob>> {
  const startedAt = deps.clock().getTime();
  const folders = await deps.source.listFolders(request.organizationId, request.entityId);
  const jobId = newJobId(startedAt);
  const base = request.destination.prefix.replace(/\/+$/, '');
  const job: ExportJob = {
    organizationId: request.organizationId,
    jobId,
    entityId: request.entityId,
    ...(request.description === undefined ? {} : { description: request.description }),
    destination: request.destination,
    zipKey: `${base}/${jobId}.zip`,
    summaryKey: `${base}/${jobId}.summary.json`,
    state: 'RUNNING',
    startedAt,
    messagesTotal: folders.reduce((sum, folder) => sum + folder.totalEmails, 0),
  };
  const outcome = await deps.jobs.start(job, deps.limits ?? EXPORT_LIMITS);
  if (outcome === 'ORGANIZATION_LIMIT') return { ok: false, refusal: { type: 'organizationLimit' } };
  if (outcome === 'MAILBOX_LIMIT') return { ok: false, refusal: { type: 'mailboxLimit' } };
  try {
    await deps.queue.enqueue(job.organizationId, job.jobId);
  } catch (error) {
    // A job no worker will ever see must not hold a slot as RUNNING.
    await deps.jobs.finish(job.organizationId, job.jobId, {
      state: 'FAILED',
      endedAt: deps.clock().getTime(),
      errorInfo: 'The job could not be handed to the export workers.',
    });
    throw error;
  }
  return { ok: true, value: job };
}

/**
 * Cancels a RUNNING job: it becomes CANCELLED at once and frees its slot; the worker stops at its next checkpoint
 * (which no longer commits) and aborts the upload.
 * @example
 * const cancelled = await cancelExportJob(deps, organizationId, jobId);
 */
export async function cancelExportJob(
  deps: Pick<ExportJobDeps, 'jobs' | 'clock'>,
  organizationId: string,
  jobId: string,
): Promise<ExportResult<void>> {
  const job = await deps.jobs.get(organizationId, jobId);
  if (!job) return { ok: false, refusal: { type: 'notFound' } };
  const cancelled = await deps.jobs.finish(organizationId, jobId, {
    state: 'CANCELLED',
    endedAt: deps.clock().getTime(),
  });
  return cancelled ? { ok: true, value: undefined } : { ok: false, refusal: { type: 'notRunning' } };
}

import { ExportTargetRefusedError } from './errors';
import { importMailboxZip, type MailboxImportDeps, type ZipEntries } from './import-zip';
import { newJobId } from './jobs';
import type { ExportWorkQueue } from './ports';
import type { ExportJobState } from './types';

/** A mailbox import job (extension operation StartMailboxImportJob), as stored. */
export interface ImportJob {
  readonly organizationId: string;
  readonly jobId: string;
  readonly entityId: string;
  readonly bucket: string;
  readonly key: string;
  /** The role to read the zip with; absent: Mailwright's own access (the local S3, or a bucket policy). */
  readonly roleArn?: string;
  readonly state: ExportJobState;
  /** Entries of the zip looked at so far: where a new run continues. */
  readonly entriesDone: number;
  readonly messagesImported: number;
  /** Bytes of those messages (absent on jobs recorded before it was counted). */
  readonly bytesImported?: number;
  readonly startedAt: number;
  /** Epoch ms of the last recorded progress: a RUNNING job whose progress is old has lost its worker. */
  readonly updatedAt?: number;
  readonly endedAt?: number;
  readonly errorInfo?: string;
}

/** Import job records, scoped to their organization. */
export interface ImportJobStore {
  create(job: ImportJob): Promise<void>;
  get(organizationId: string, jobId: string): Promise<ImportJob | undefined>;
  /** Records progress (and `updatedAt`) while the job is RUNNING; false otherwise. */
  saveProgress(
    job: ImportJob,
    progress: Pick<ImportJob, 'entriesDone' | 'messagesImported' | 'bytesImported' | 'updatedAt'>,
  ): Promise<boolean>;
  /** Every RUNNING import job (a sparse index sized by the running jobs): what to resume. */
  running(): AsyncIterable<{ readonly organizationId: string; readonly jobId: string }>;
  /** Ends a RUNNING job; false when it had ended. */
  finish(job: ImportJob, end: Pick<ImportJob, 'state' | 'endedAt' | 'errorInfo'>): Promise<boolean>;
}

/** The import job services the admin API is wired with. */
export interface ImportJobServices {
  readonly jobs: ImportJobStore;
  readonly queue: ExportWorkQueue;
}

/** Progress is recorded after this many entries (and at the end): a resumed run repeats at most these. */
const PROGRESS_EVERY = 25;

/**
 * Starts an import: stores the RUNNING job and hands it to the workers.
 * @example
 * const job = await startImportJob(services, { organizationId, entityId, bucket, key }, Date.now());
 */
export async function startImportJob(
  services: ImportJobServices,
  request: Pick<ImportJob, 'organizationId' | 'entityId' | 'bucket' | 'key' | 'roleArn'>,
  now: number,
): Promise<ImportJob> {
  const job: ImportJob = {
    ...request,
    jobId: newJobId(now),
    state: 'RUNNING',
    entriesDone: 0,
    messagesImported: 0,
    bytesImported: 0,
    startedAt: now,
  };
  await services.jobs.create(job);
  await services.queue.enqueue(job.organizationId, job.jobId);
  return job;
}

/**
 * One worker run of an import job: continues from its recorded entry, records progress every 25 entries, hands over
 * when `handOver()` says so, and ends the job COMPLETED, or FAILED when the bucket, object or role refuses (or the
 * object is no zip); other errors propagate and the next run continues from the recorded entry.
 * @returns 'CONTINUE' when another run must follow
 * @example
 * await runImportJob({ jobs, mailbox, zipOf }, organizationId, jobId, () => false);
 */
export async function runImportJob(
  deps: {
    readonly jobs: ImportJobStore;
    readonly mailbox: MailboxImportDeps;
    readonly zipOf: (job: ImportJob) => ZipEntries;
    readonly now: () => number;
  },
  organizationId: string,
  jobId: string,
  handOver: () => boolean,
): Promise<'COMPLETED' | 'CONTINUE' | 'STOPPED'> {
  const job = await deps.jobs.get(organizationId, jobId);
  if (job?.state !== 'RUNNING') return 'STOPPED';
  const mailbox = { organizationId, mailboxId: job.entityId };
  let result;
  try {
    result = await importMailboxZip(deps.mailbox, mailbox, deps.zipOf(job), {
      fromEntry: job.entriesDone,
      onEntry: async (next, counts) => {
        if (next % PROGRESS_EVERY !== 0) return true;
        const saved = await deps.jobs.saveProgress(job, {
          entriesDone: next,
          messagesImported: job.messagesImported + counts.messages,
          bytesImported: (job.bytesImported ?? 0) + counts.bytes,
          updatedAt: deps.now(),
        });
        return saved && !handOver();
      },
    });
  } catch (error) {
    if (!(error instanceof ExportTargetRefusedError)) throw error;
    await deps.jobs.finish(job, { state: 'FAILED', endedAt: deps.now(), errorInfo: error.message });
    return 'STOPPED';
  }
  const entriesDone = job.entriesDone + result.entries;
  const messagesImported = job.messagesImported + result.messages;
  const bytesImported = (job.bytesImported ?? 0) + result.bytes;
  if (result.stopped) return 'CONTINUE';
  await deps.jobs.saveProgress(job, { entriesDone, messagesImported, bytesImported, updatedAt: deps.now() });
  await deps.jobs.finish(job, { state: 'COMPLETED', endedAt: deps.now() });
  return 'COMPLETED';
}

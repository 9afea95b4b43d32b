/**
 * Mailbox export jobs (directory-and-mailboxes.md §12): one job writes one mailbox as a .zip of MIME messages, folder
 * by folder, to the caller's bucket, plus a summary log. Jobs run over many worker runs; each uploaded part is a
 * checkpoint the next run continues from.
 */

/** WorkMail's `MailboxExportJobState`. */
export type ExportJobState = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** Where the caller wants the export, as StartMailboxExportJob names it. */
export interface ExportDestination {
  readonly roleArn: string;
  readonly kmsKeyArn: string;
  readonly bucket: string;
  readonly prefix: string;
}

/** Where a worker run stopped: after which message of which folder, and what the zip holds so far. */
export interface ExportCheckpoint {
  /** The multipart upload of the zip. */
  readonly uploadId: string;
  /** The number the next part gets (parts 1 … nextPart − 1 are uploaded and recorded). */
  readonly nextPart: number;
  /** Bytes of the zip uploaded so far: where the next zip entry starts. */
  readonly zipOffset: number;
  /** Zip entries written so far (their central directory records are kept with the parts). */
  readonly entries: number;
  /** The folder being walked (folders are walked in folder-id order) and the last UID exported in it. */
  readonly folderId?: string;
  readonly afterUid: number;
  /** SHA-384 of the uploaded bytes so far, as hash-wasm's `save()` state, base64. */
  readonly hashState: string;
  readonly messagesDone: number;
  readonly bytesDone: number;
  /** Epoch ms when the checkpoint was recorded: a job whose checkpoint is old has lost its worker. */
  readonly savedAt: number;
}

/** One export job, as stored. */
export interface ExportJob {
  readonly organizationId: string;
  readonly jobId: string;
  /** The user or resource whose mailbox is exported (its mailbox id is its entity id). */
  readonly entityId: string;
  readonly description?: string;
  readonly destination: ExportDestination;
  /** Object key of the zip; the summary log is beside it. */
  readonly zipKey: string;
  readonly summaryKey: string;
  readonly state: ExportJobState;
  readonly errorInfo?: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt?: number;
  /** Messages in the mailbox when the job started (the folders' counters), for EstimatedProgress. */
  readonly messagesTotal: number;
  readonly checkpoint?: ExportCheckpoint;
}

/** The summary log written beside the zip; every value is a string, as WorkMail writes it. */
export interface ExportSummary {
  readonly totalMessages: string;
  readonly totalBytes: string;
  readonly totalFolders: string;
  readonly totalNonExportableItems: string;
  readonly sha384Hash: string;
  readonly startTime: string;
  readonly endTime: string;
}

/** Limits of §12: running jobs per organization, and the time between two jobs of one mailbox. */
export interface ExportLimits {
  readonly runningPerOrganization: number;
  readonly mailboxIntervalMs: number;
}

/** WorkMail's limits: 10 concurrent jobs per organization, one job per mailbox per 24 hours. */
export const EXPORT_LIMITS: ExportLimits = {
  runningPerOrganization: 10,
  mailboxIntervalMs: 24 * 60 * 60 * 1000,
};

/** How far back ListMailboxExportJobs reaches. */
export const EXPORT_LISTING_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * EstimatedProgress (0–100): messages done over the messages the folders counted at the start; 100 only once the
 * job completed.
 * @example
 * estimatedProgress(job); // 42
 */
export function estimatedProgress(job: ExportJob): number {
  if (job.state === 'COMPLETED') return 100;
  const done = job.checkpoint?.messagesDone ?? 0;
  if (job.messagesTotal === 0) return 0;
  return Math.min(99, Math.floor((done * 100) / job.messagesTotal));
}

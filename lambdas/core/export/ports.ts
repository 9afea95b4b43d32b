import type { Readable } from 'node:stream';
import type { FolderRecord } from '../mailbox/model-types';
import type { FolderUidPage, FolderUidRequest } from '../mailbox/types';
import type { ExportCheckpoint, ExportJob, ExportJobState, ExportLimits } from './types';

/** The job as the export target sees it: the destination, and the organization (the role's external id). */
export type ExportTargetJob = Pick<ExportJob, 'organizationId' | 'destination'>;

/** How {@link ExportJobStore.start} ended: stored, or refused by one of the limits. */
export type ExportStartOutcome = 'STARTED' | 'ORGANIZATION_LIMIT' | 'MAILBOX_LIMIT';

/** One page of jobs; `cursor` is the adapter's own position, absent on the last page. */
export interface ExportJobPage {
  readonly items: readonly ExportJob[];
  readonly cursor?: Record<string, unknown>;
}

/** An uploaded part of a job's zip: its ETag and the central directory records of the entries it ends. */
export interface ExportPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly centralDirectory: Buffer;
}

/**
 * Export job records, scoped to their organization. The limits are enforced by conditional writes in the same
 * transaction as the job, never by read-then-write.
 */
export interface ExportJobStore {
  /** Stores a new RUNNING job unless the organization runs `limits.runningPerOrganization` jobs or the mailbox had one within the interval. */
  start(job: ExportJob, limits: ExportLimits): Promise<ExportStartOutcome>;
  /** The job, if it exists in this organization (strongly consistent). */
  get(organizationId: string, jobId: string): Promise<ExportJob | undefined>;
  /** Jobs started at or after `sinceMs`, newest first (a key-range query). */
  listSince(
    organizationId: string,
    sinceMs: number,
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<ExportJobPage>;
  /**
   * Records `part` (when given) and moves the job to `checkpoint`, only while the job is RUNNING and its checkpoint
   * is still the one the caller continued from (`expectedNextPart`; undefined: none yet). False otherwise: the job
   * was cancelled, finished, or another worker got there first.
   */
  saveCheckpoint(
    job: ExportJob,
    checkpoint: ExportCheckpoint,
    part: ExportPart | undefined,
    expectedNextPart: number | undefined,
  ): Promise<boolean>;
  /** The recorded parts from `fromPart` on, in part order. */
  parts(organizationId: string, jobId: string, fromPart: number): AsyncIterable<ExportPart>;
  /** Every RUNNING job of every organization (a sparse index sized by the running jobs): what to resume. */
  running(): AsyncIterable<{ readonly organizationId: string; readonly jobId: string }>;
  /** Ends a RUNNING job and frees its slot; false when it was no longer RUNNING. */
  finish(
    organizationId: string,
    jobId: string,
    end: {
      readonly state: Exclude<ExportJobState, 'RUNNING'>;
      readonly endedAt: number;
      readonly errorInfo?: string;
    },
  ): Promise<boolean>;
}

/** Hands a job to the export workers (the queue in the cloud, the in-process runner locally). */
export interface ExportWorkQueue {
  enqueue(organizationId: string, jobId: string): Promise<void>;
}

/**
 * The caller's bucket, reached through the role the job names (locally: the local S3, no role). Objects are written
 * with SSE-KMS under the job's key.
 */
export interface ExportTarget {
  createUpload(job: ExportTargetJob, key: string): Promise<string>;
  uploadPart(
    job: ExportTargetJob,
    key: string,
    upload: { readonly uploadId: string; readonly partNumber: number },
    body: Buffer,
  ): Promise<string>;
  completeUpload(
    job: ExportTargetJob,
    key: string,
    uploadId: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<void>;
  /** Aborts the upload; an upload already gone is no error. */
  abortUpload(job: ExportTargetJob, key: string, uploadId: string): Promise<void>;
  putObject(job: ExportTargetJob, key: string, body: Buffer): Promise<void>;
}

/** The mailbox as the export reads it: folders, each folder in UID order, and each message's original bytes. */
export interface ExportSource {
  listFolders(organizationId: string, mailboxId: string): Promise<FolderRecord[]>;
  listFolderUids(
    organizationId: string,
    mailboxId: string,
    folderId: string,
    request: FolderUidRequest,
  ): Promise<FolderUidPage>;
  openMessage(organizationId: string, mailboxId: string, messageId: string): Promise<Readable>;
}

import type { ZipEntries } from '../export/import-zip';
import type { ExportDestination, ExportJobState, ExportSummary } from '../export/types';

/** An S3 object: a bucket and a key. */
export interface ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/** What a source export job is doing (DescribeMailboxExportJob). */
export interface ExportJobStatus {
  readonly state: ExportJobState;
  /** 0–100, as the source estimates it. */
  readonly estimatedProgress: number;
  /** Why the job failed, as the source says it. */
  readonly errorInfo?: string;
  /** The zip, once the job has run (from `S3Path`). */
  readonly zip?: ObjectLocation;
}

/** The source organization's export actions (WorkMail's, or another Mailwright's). */
export interface MailboxExportApi {
  /**
   * StartMailboxExportJob. `limitExceeded`: the source refused (10 running jobs per organization, or one job per
   * mailbox per 24 h). Repeating a `clientToken` returns the job it started.
   */
  start(request: {
    readonly organizationId: string;
    readonly entityId: string;
    readonly clientToken: string;
    readonly destination: ExportDestination;
  }): Promise<{ readonly jobId: string } | 'limitExceeded'>;
  describe(organizationId: string, jobId: string): Promise<ExportJobStatus>;
}

/** What a target import job is doing (MailwrightService.DescribeMailboxImportJob). */
export interface ImportJobStatus {
  readonly state: ExportJobState;
  readonly processedEntries: number;
  readonly importedMessages: number;
  /** Bytes of the messages imported (their MIME sizes). */
  readonly importedBytes: number;
  readonly errorInfo?: string;
}

/** The target organization's import actions (Mailwright's StartMailboxImportJob extension). */
export interface MailboxImportApi {
  /** StartMailboxImportJob; repeating a `clientToken` returns the job it started. */
  start(request: {
    readonly organizationId: string;
    readonly entityId: string;
    readonly clientToken: string;
    readonly zip: ObjectLocation;
    readonly roleArn?: string;
  }): Promise<string>;
  describe(organizationId: string, jobId: string): Promise<ImportJobStatus>;
}

/** A zip being written to an object as its entries come (stored entries, uploaded in parts: bounded memory). */
export interface ZipObjectWriter {
  add(entry: { readonly name: string; readonly modifiedAtMs: number; readonly bytes: Buffer }): Promise<void>;
  /** Ends the zip and completes the object. */
  finish(): Promise<void>;
  /** Gives the object up (no object appears). */
  abort(): Promise<void>;
}

/** The export objects as the migration reads and writes them (S3 through the migrating identity). */
export interface ExportObjects {
  /**
   * The summary log written beside a zip (`<job>.summary.json`); undefined when there is none, and the target's
   * counts of messages and bytes are then the only check.
   */
  readSummary(zip: ObjectLocation): Promise<ExportSummary | undefined>;
  /** SHA-384 of the whole object, hex, read as a stream. */
  sha384(zip: ObjectLocation): Promise<string>;
  /** The zip's entries, one message in memory at a time. */
  entries(zip: ObjectLocation): ZipEntries;
  /** A new zip at `location`. */
  createZip(location: ObjectLocation): ZipObjectWriter;
}

/** Where the progress of the mailbox step goes: bars on a terminal, plain lines otherwise. */
export interface MailboxProgress {
  /** The run starts with this many mailboxes. */
  start(mailboxes: number): void;
  /** A mailbox entered a phase, or moved on inside it (`percent` 0–100 when known). */
  update(address: string, phase: MailboxPhase, percent?: number): void;
  /** A mailbox is done (moved, unchanged or failed). */
  done(address: string, result: { readonly outcome: string; readonly error?: string }): void;
}

/** The phases of one mailbox's pass, in order. */
export type MailboxPhase = 'waiting' | 'exporting' | 'transferring' | 'importing';

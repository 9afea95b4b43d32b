import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbExportJobStore } from '../adapters/aws/dynamodb-export-job-store';
import { DynamoDbImportJobStore } from '../adapters/aws/dynamodb-import-job-store';
import { s3ZipEntries } from '../adapters/aws/s3-zip-entries';
import { S3ExportTarget } from '../adapters/aws/s3-export-target';
import { runExportJob } from '../core/export/export-worker';
import type { ExportJobServices } from '../core/export/jobs';
import { runImportJob, type ImportJobServices } from '../core/export/import-jobs';
import type { MailboxImportDeps } from '../core/export/import-zip';
import type { ExportSource } from '../core/export/ports';
import { LocalExportRunner } from './export-runner';

/** Mailbox exports on the local runtime: the admin API's job services and the in-process runner behind them. */
export interface LocalExports {
  readonly services: ExportJobServices;
  readonly runner: LocalExportRunner;
  /** Mailbox imports (extension): job records and their in-process runner. */
  readonly imports: ImportJobServices;
  readonly importRunner: LocalExportRunner;
}

const IMPORT_FAILED =
  'The import failed repeatedly (is the object a Mailwright or WorkMail export zip?); see the log.';

/**
 * Wires mailbox exports and imports for `npm start`: job records in the directory table, zips in the local S3 (no
 * role to assume, no KMS: s3rver has neither), and workers in this process.
 * @example
 * const exports = localExports({ documents, directoryTable, s3, source, onError });
 */
export function localExports(options: {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  readonly s3: S3Client;
  readonly source: ExportSource;
  /** Storing into mailboxes (imports); read when an import runs. */
  readonly mailbox: () => MailboxImportDeps;
  readonly onError: (error: unknown) => void;
}): LocalExports {
  const jobs = new DynamoDbExportJobStore(options.documents, options.directoryTable);
  const target = new S3ExportTarget({
    clientFor: async () => options.s3,
    serverSideEncryption: false,
    abortsUploads: false,
  });
  const worker = { jobs, target, source: options.source, now: Date.now };
  const runner = new LocalExportRunner({
    run: (organizationId, jobId, handOver) => runExportJob(worker, organizationId, jobId, handOver),
    fail: async (organizationId, jobId) => {
      await jobs.finish(organizationId, jobId, {
        state: 'FAILED',
        endedAt: Date.now(),
        errorInfo: 'The export failed repeatedly; see the server log.',
      });
    },
    onError: options.onError,
  });
  const importJobs = new DynamoDbImportJobStore(options.documents, options.directoryTable);
  const importRunner = new LocalExportRunner({
    run: (organizationId, jobId, handOver) =>
      runImportJob(
        {
          jobs: importJobs,
          mailbox: options.mailbox(),
          zipOf: (job) => s3ZipEntries(options.s3, job.bucket, job.key),
          now: Date.now,
        },
        organizationId,
        jobId,
        handOver,
      ),
    fail: async (organizationId, jobId) => {
      const job = await importJobs.get(organizationId, jobId);
      if (job)
        await importJobs.finish(job, { state: 'FAILED', endedAt: Date.now(), errorInfo: IMPORT_FAILED });
    },
    onError: options.onError,
  });
  return {
    services: { jobs, queue: runner, source: options.source },
    runner,
    imports: { jobs: importJobs, queue: importRunner },
    importRunner,
  };
}

import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbExportJobStore } from '../adapters/aws/dynamodb-export-job-store';
import { S3ExportTarget } from '../adapters/aws/s3-export-target';
import { runExportJob } from '../core/export/export-worker';
import type { ExportJobServices } from '../core/export/jobs';
import type { ExportSource } from '../core/export/ports';
import { LocalExportRunner } from './export-runner';

/** Mailbox exports on the local runtime: the admin API's job services and the in-process runner behind them. */
export interface LocalExports {
  readonly services: ExportJobServices;
  readonly runner: LocalExportRunner;
}

/**
 * Wires mailbox exports for `npm start`: job records in the directory table, the zip written to the local S3 (no role
 * to assume, no KMS: s3rver has neither), and workers in this process.
 * @example
 * const exports = localExports({ documents, directoryTable, s3, source, onError });
 */
export function localExports(options: {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  readonly s3: S3Client;
  readonly source: ExportSource;
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
  return { services: { jobs, queue: runner, source: options.source }, runner };
}

/**
 * Mailbox exports in the cloud: job records (Directory table), the work queue (asynchronous invocations of the export
 * worker function), the mailbox as the export reads it, and the caller's bucket reached through the role each job
 * names. The API function uses {@link exportJobServices}; the worker function also uses {@link exportWorker}.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { STSClient } from '@aws-sdk/nested-clients/sts';
import { DynamoDbExportJobStore } from '../../adapters/aws/dynamodb-export-job-store';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { LambdaExportWorkQueue } from '../../adapters/aws/lambda-export-work-queue';
import { S3ExportTarget } from '../../adapters/aws/s3-export-target';
import { exportRoleClients } from '../../adapters/aws/sts-export-role-clients';
import type { ExportWorkerDeps } from '../../core/export/export-worker';
import type { ExportJobServices } from '../../core/export/jobs';
import type { ExportSource, ExportWorkQueue } from '../../core/export/ports';
import { CONFIG_ENV, ConfigurationError } from '../config';
import { config, documents, mailboxes } from './shared';

const store = new DynamoDbMailboxStore(documents, {
  mailboxTable: config.mailboxTable,
  keyTable: config.keyTable,
});
/** The Lambda client that queues export runs (asynchronous invocations). */
export const lambda = new LambdaClient({});
const jobs = new DynamoDbExportJobStore(documents, config.directoryTable);
const source: ExportSource = {
  listFolders: (organizationId, mailboxId) => store.listFolders(organizationId, mailboxId),
  listFolderUids: (...args) => store.listFolderUids(...args),
  openMessage: (...args) => mailboxes.openMessage(...args),
};

/** The export worker function's queue: its own asynchronous invocations. */
export const exportQueue: ExportWorkQueue = {
  enqueue: (organizationId, jobId) => {
    if (!config.exportWorkerFunction) {
      const variable = CONFIG_ENV.exportWorkerFunction;
      throw new ConfigurationError(`Environment variable ${variable} is not set`, variable);
    }
    return new LambdaExportWorkQueue(lambda, config.exportWorkerFunction).enqueue(organizationId, jobId);
  },
};
/** What the admin API's export operations use. */
export const exportJobServices: ExportJobServices = { jobs, queue: exportQueue, source };

/** What the export worker function runs with: objects are written as the job's role, SSE-KMS with its key. */
export const exportWorker: ExportWorkerDeps = {
  jobs,
  source,
  target: new S3ExportTarget({
    clientFor: exportRoleClients(new STSClient({}), config.region),
    serverSideEncryption: true,
  }),
  now: Date.now,
};

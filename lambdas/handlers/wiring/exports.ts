/**
 * Mailbox exports in the cloud: job records (Directory table), the work queue (asynchronous invocations of the export
 * worker function), the mailbox as the export reads it, and the caller's bucket reached through the role each job
 * names. The API function uses {@link exportJobServices} and {@link importJobServices}; the worker function also
 * uses {@link exportWorker} and {@link importWorker}.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDbExportJobStore } from '../../adapters/aws/dynamodb-export-job-store';
import { DynamoDbImportJobStore } from '../../adapters/aws/dynamodb-import-job-store';
import { s3ZipEntries } from '../../adapters/aws/s3-zip-entries';
import { DynamoDbMailboxStore } from '../../adapters/aws/dynamodb-mailbox-store';
import { LambdaExportWorkQueue } from '../../adapters/aws/lambda-export-work-queue';
import { S3ExportTarget } from '../../adapters/aws/s3-export-target';
import { exportRoleClients } from '../../adapters/aws/sts-export-role-clients';
import type { ExportWorkerDeps } from '../../core/export/export-worker';
import type { ExportJobServices } from '../../core/export/jobs';
import type { ImportJob, ImportJobServices, ImportJobStore } from '../../core/export/import-jobs';
import type { MailboxImportDeps, ZipEntries } from '../../core/export/import-zip';
import { mailboxQuotaBytes } from '../../core/config/quotas';
import { MailboxModel } from '../../core/mailbox/mailbox-model';
import type { ExportSource, ExportWorkQueue } from '../../core/export/ports';
import { CONFIG_ENV, ConfigurationError } from '../config';
import { config, documents, entities, mailboxes, mailboxServiceDeps } from './shared';
import { ExportTargetRefusedError } from '../../core/export/errors';

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

/** The worker function's queue for one kind of job: its asynchronous invocations. */
function workerQueue(kind: 'export' | 'import'): ExportWorkQueue {
  return {
    enqueue: (organizationId, jobId) => {
      if (!config.exportWorkerFunction) {
        const variable = CONFIG_ENV.exportWorkerFunction;
        throw new ConfigurationError(`Environment variable ${variable} is not set`, variable);
      }
      return new LambdaExportWorkQueue(lambda, config.exportWorkerFunction, kind).enqueue(
        organizationId,
        jobId,
      );
    },
  };
}
const importJobs: ImportJobStore = new DynamoDbImportJobStore(documents, config.directoryTable);
const roleClients = exportRoleClients(new STSClient({}), config.region);
/** What the admin API's export operations use. */
export const exportJobServices: ExportJobServices = { jobs, queue: workerQueue('export'), source };
/** What the admin API's import operations use. */
export const importJobServices: ImportJobServices = { jobs: importJobs, queue: workerQueue('import') };

/** What the export worker function runs with: objects are written as the job's role, SSE-KMS with its key. */
export const exportWorker: ExportWorkerDeps = {
  jobs,
  source,
  target: new S3ExportTarget({
    clientFor: roleClients,
    serverSideEncryption: true,
  }),
  now: Date.now,
};

/** What an import run needs: storing into mailboxes, and the zip read as the job's role. */
export const importWorker = {
  jobs: importJobs,
  mailbox: {
    model: new MailboxModel({ store, blobs: mailboxServiceDeps.blobs }),
    store: {
      mailboxes,
      store,
      quotaBytes: async (organizationId, mailboxId) =>
        mailboxQuotaBytes(
          (await entities.getEntity(organizationId, mailboxId))?.mailboxQuotaMegabytes,
          config.quotas,
        ),
    },
  } satisfies MailboxImportDeps,
  zipOf: (job: ImportJob): ZipEntries => ({
    async *entries() {
      // Only through the organization's role (its trust policy names the organization as external id): reading with
      // the worker's own access would let one organization read what a bucket policy grants the worker for another.
      if (!job.roleArn) throw new ExportTargetRefusedError('RoleArnRequired');
      const client = await roleClients({
        organizationId: job.organizationId,
        destination: { roleArn: job.roleArn, kmsKeyArn: '', bucket: job.bucket, prefix: '' },
      });
      yield* s3ZipEntries(client, job.bucket, job.key).entries();
    },
  }),
  now: Date.now,
};

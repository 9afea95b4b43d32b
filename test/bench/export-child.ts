/**
 * One mailbox export in a fresh process, for the export benchmark: its peak RSS is the export's alone. Reads its
 * setup as JSON from argv[2], prints `{ ms, maxRssKiB, zipBytes }` as JSON.
 */
import '../../bin/silence-sdk-node-version-warning';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbExportJobStore } from '../../lambdas/adapters/aws/dynamodb-export-job-store';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { S3ExportTarget } from '../../lambdas/adapters/aws/s3-export-target';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import { runExportJob } from '../../lambdas/core/export/export-worker';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { s3LocalClient } from '../../lambdas/local/s3-local';

/** What the parent hands over. */
export interface ExportChildSetup {
  readonly dynamoDbEndpoint: string;
  readonly s3Endpoint: string;
  readonly tables: {
    readonly directoryTable: string;
    readonly mailboxTable: string;
    readonly keyTable: string;
  };
  readonly keyFile: string;
  readonly organizationId: string;
  readonly jobId: string;
  readonly zipKey: string;
}

const setup = JSON.parse(process.argv[2]!) as ExportChildSetup;
const dynamo = new DynamoDBClient({
  endpoint: setup.dynamoDbEndpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
const s3 = s3LocalClient(setup.s3Endpoint);
const store = new DynamoDbMailboxStore(documents, setup.tables);
const mailboxes = new MailboxService({
  store,
  blobs: new S3BlobStore(s3, 'store'),
  keyWrapper: await MasterKeyWrapper.open(setup.keyFile),
  organizationKey: async (id) => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${id}` }),
});
const started = performance.now();
const outcome = await runExportJob(
  {
    jobs: new DynamoDbExportJobStore(documents, setup.tables.directoryTable),
    target: new S3ExportTarget({
      clientFor: async () => s3,
      serverSideEncryption: false,
      abortsUploads: false,
    }),
    source: {
      listFolders: (organizationId, mailboxId) => store.listFolders(organizationId, mailboxId),
      listFolderUids: (...args) => store.listFolderUids(...args),
      openMessage: (...args) => mailboxes.openMessage(...args),
    },
    now: Date.now,
  },
  setup.organizationId,
  setup.jobId,
  () => false,
);
const ms = performance.now() - started;
if (outcome !== 'COMPLETED') throw new Error(`export ended ${outcome}`);
const { ContentLength } = await s3.send(new HeadObjectCommand({ Bucket: 'exports', Key: setup.zipKey }));
console.log(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, zipBytes: ContentLength }));
s3.destroy();
dynamo.destroy();

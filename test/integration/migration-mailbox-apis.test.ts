import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { MailwrightMailboxImportApi } from '../../lambdas/adapters/aws/mailwright-mailbox-import-api';
import { S3ExportObjects } from '../../lambdas/adapters/aws/s3-export-objects';
import { WorkMailMailboxExportApi } from '../../lambdas/adapters/aws/workmail-mailbox-export-api';
import { testBucketNames, testS3Client } from '../support/s3';

/** What the fake endpoint answers per X-Amz-Target: status and JSON body (the shapes real WorkMail sends). */
type Answers = Record<string, { status: number; body: Record<string, unknown> }>;

const DESTINATION = {
  roleArn: 'arn:aws:iam::111122223333:role/WorkMailExport',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/0f3c',
  bucket: 'acme-exports',
  prefix: 'migration',
};

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
}

describe('Migration mailbox APIs over the WorkMail JSON protocol', () => {
  let server: Server;
  let endpoint: string;
  let answers: Answers = {};
  const received: { target: string; signed: boolean; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const target = String(request.headers['x-amz-target']);
      received.push({
        target,
        signed: String(request.headers.authorization).startsWith('AWS4-HMAC-SHA256 Credential=AKID/'),
        body: await body(request),
      });
      const answer = answers[target] ?? { status: 500, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const created of clients) created.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const clients: WorkMailClient[] = [];
  const client = () => {
    const created = new WorkMailClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    clients.push(created);
    return created;
  };

  it('starts an export with the client token and destination, and reads a completed job as WorkMail describes it', async () => {
    answers = {
      'WorkMailService.StartMailboxExportJob': {
        status: 200,
        body: { JobId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' },
      },
      'WorkMailService.DescribeMailboxExportJob': {
        status: 200,
        body: {
          EntityId: 'S-1-1-11-1111111111-2222222222-3333333333-3333',
          RoleArn: DESTINATION.roleArn,
          KmsKeyArn: DESTINATION.kmsKeyArn,
          S3BucketName: 'acme-exports',
          S3Prefix: 'migration',
          S3Path: 'acme-exports/migration/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111.zip',
          EstimatedProgress: 100,
          State: 'COMPLETED',
          StartTime: 1767225600,
          EndTime: 1767225642.311,
        },
      },
    };
    const api = new WorkMailMailboxExportApi(client());

    const started = await api.start({
      organizationId: 'm-0123456789abcdef0123456789abcdef',
      entityId: 'S-1-1-11-1111111111-2222222222-3333333333-3333',
      clientToken: 'token-1',
      destination: DESTINATION,
    });
    const status = await api.describe(
      'm-0123456789abcdef0123456789abcdef',
      'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    );

    expect(started).toEqual({ jobId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' });
    expect(received[0]).toMatchObject({
      signed: true,
      body: {
        ClientToken: 'token-1',
        RoleArn: DESTINATION.roleArn,
        KmsKeyArn: DESTINATION.kmsKeyArn,
        S3BucketName: 'acme-exports',
        S3Prefix: 'migration',
      },
    });
    expect(status).toEqual({
      state: 'COMPLETED',
      estimatedProgress: 100,
      zip: { bucket: 'acme-exports', key: 'migration/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111.zip' },
    });
  });

  it('reads a running job with its optional fields absent, and a failed one with its ErrorInfo', async () => {
    const api = new WorkMailMailboxExportApi(client());
    answers = { 'WorkMailService.DescribeMailboxExportJob': { status: 200, body: { State: 'RUNNING' } } };
    expect(await api.describe('m-1', 'job')).toEqual({ state: 'RUNNING', estimatedProgress: 0 });

    answers = {
      'WorkMailService.DescribeMailboxExportJob': {
        status: 200,
        body: { State: 'FAILED', ErrorInfo: 'Access denied to the bucket', S3BucketName: 'acme-exports' },
      },
    };
    expect(await api.describe('m-1', 'job')).toEqual({
      state: 'FAILED',
      estimatedProgress: 0,
      errorInfo: 'Access denied to the bucket',
    });
  });

  it('answers limitExceeded to LimitExceededException and lets throttling through by its exception name', async () => {
    const api = new WorkMailMailboxExportApi(client());
    const request = { organizationId: 'm-1', entityId: 'S-1-1', clientToken: 't', destination: DESTINATION };
    answers = {
      'WorkMailService.StartMailboxExportJob': {
        status: 400,
        body: { __type: 'LimitExceededException', Message: 'The request exceeds the limit of the resource.' },
      },
    };
    expect(await api.start(request)).toBe('limitExceeded');

    answers = {
      'WorkMailService.StartMailboxExportJob': {
        status: 400,
        body: { __type: 'com.amazonaws.workmail#TooManyRequestsException', Message: 'Rate exceeded' },
      },
    };
    await expect(api.start(request)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });

  it('signs the target import calls for workmail and maps their refusals to errors named after the exception', async () => {
    const api = new MailwrightMailboxImportApi({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    });
    answers = {
      'MailwrightService.StartMailboxImportJob': { status: 200, body: { JobId: 'import-1' } },
      'MailwrightService.DescribeMailboxImportJob': {
        status: 400,
        body: { __type: 'TooManyRequestsException', Message: 'Slow down.' },
      },
    };

    const jobId = await api.start({
      organizationId: 'm-2',
      entityId: 'T-1',
      clientToken: 'token-2',
      zip: { bucket: 'imports', key: 'incoming/S-1/job.zip' },
    });
    const describing = api.describe('m-2', jobId);

    expect(jobId).toBe('import-1');
    await expect(describing).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      message: 'DescribeMailboxImportJob: Slow down.',
    });
    expect(received[0]).toEqual({
      target: 'MailwrightService.StartMailboxImportJob',
      signed: true,
      body: {
        ClientToken: 'token-2',
        OrganizationId: 'm-2',
        EntityId: 'T-1',
        S3BucketName: 'imports',
        S3Key: 'incoming/S-1/job.zip',
      },
    });
  });
});

describe('S3ExportObjects (s3rver)', () => {
  it('reads a missing summary log as none, and a present one as written', async () => {
    const { exports } = testBucketNames('exports');
    const s3 = await testS3Client(exports);
    const objects = new S3ExportObjects({ source: s3, target: s3 });
    const summary = { totalMessages: '1', totalBytes: '5', sha384Hash: 'ab' };
    await s3.send(
      new PutObjectCommand({ Bucket: exports, Key: 'm/job-2.summary.json', Body: JSON.stringify(summary) }),
    );

    const missing = await objects.readSummary({ bucket: exports, key: 'm/job-1.zip' });
    const present = await objects.readSummary({ bucket: exports, key: 'm/job-2.zip' });

    expect(missing).toBeUndefined();
    expect(present).toEqual(summary);
    s3.destroy();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { CreateOrganizationCommand, ListOrganizationsCommand } from '@aws-sdk/client-workmail';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { startRuntime } from '../../lambdas/local/runtime';
import { testDynamoDbClient, testDynamoDbEndpoint } from '../support/dynamodb';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { testS3Endpoint } from '../support/s3';

describe('E2E: local runtimes sharing one DynamoDB Local and one s3rver', () => {
  const dynamodb = testDynamoDbClient();
  const s3 = s3LocalClient(testS3Endpoint());
  let first: TestRuntime;
  let second: TestRuntime;

  beforeAll(async () => {
    [first, second] = await Promise.all([startTestRuntime(), startTestRuntime()]);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    dynamodb.destroy();
    s3.destroy();
  });

  const aliases = async (runtime: TestRuntime) =>
    ((await runtime.workmail().send(new ListOrganizationsCommand({}))).OrganizationSummaries ?? []).map(
      (summary) => summary.Alias,
    );

  it('keeps each runtime in tables and buckets of its own on the shared engines', async () => {
    await first.workmail().send(new CreateOrganizationCommand({ Alias: 'first-org' }));
    await second.workmail().send(new CreateOrganizationCommand({ Alias: 'second-org' }));

    for (const { resources } of [first, second]) {
      for (const TableName of [resources.directoryTable, resources.mailboxTable])
        await expect(dynamodb.send(new DescribeTableCommand({ TableName }))).resolves.toBeDefined();
      for (const Bucket of [resources.storeBucket, resources.inboundBucket])
        await expect(s3.send(new HeadBucketCommand({ Bucket }))).resolves.toBeDefined();
    }
    expect(first.resources.directoryTable).not.toBe(second.resources.directoryTable);
    expect(first.resources.storeBucket).not.toBe(second.resources.storeBucket);
    expect(await aliases(first)).toEqual(['first-org']);
    expect(await aliases(second)).toEqual(['second-org']);
  });

  it('leaves the shared engines running when a runtime stops', async () => {
    const third = await startTestRuntime();
    await third.stop();

    await second.workmail().send(new CreateOrganizationCommand({ Alias: 'after-stop' }));

    expect(await aliases(second)).toContain('after-stop');
  });

  it('refuses shared engines together with a data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailwright-shared-'));
    try {
      const starting = startRuntime({
        dataDir,
        port: 0,
        smtpPort: 0,
        sharedEngines: {
          dynamoDbEndpoint: testDynamoDbEndpoint(),
          s3Endpoint: testS3Endpoint(),
          resourcePrefix: 'mw-refused',
        },
      });

      await expect(starting).rejects.toThrow('sharedEngines needs memory');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

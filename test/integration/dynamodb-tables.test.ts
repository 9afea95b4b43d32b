import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, MAILBOX_TABLE } from '../../lambdas/adapters/aws/dynamodb-tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lambdas/local/dynamodb-local';

// Its own DynamoDB Local: the one the suites share, busy with their tables, took over a minute to build an added
// index late in a CI run (alone: under a second), which is not what this test is about.
describe('ensureTable (DynamoDB Local)', () => {
  let dynamoDb: DynamoDbLocal;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamoDb = await startDynamoDbLocal({ inMemory: true });
    client = new DynamoDBClient({
      endpoint: dynamoDb.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await dynamoDb.stop();
  });

  it('adds an index a table made by an older version lacks, with its projection, and leaves the rest', async () => {
    const name = `tables-${randomUUID()}`;
    const older = {
      ...MAILBOX_TABLE,
      globalIndexes: ['gsi1'],
      indexAttributes: {},
    } as unknown as typeof MAILBOX_TABLE;
    await ensureTable(client, name, older);

    await ensureTable(client, name, MAILBOX_TABLE);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
    expect(indexes.find((index) => index.IndexName === 'gsi2')?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['messageId', 'uid', 'keywords', 'modseq', 'sizeBytes', 'receivedAt'],
    });
    expect(indexes.find((index) => index.IndexName === 'gsi3')?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['messageId'],
    });
    expect(indexes.find((index) => index.IndexName === 'gsi1')?.Projection).toEqual({
      ProjectionType: 'ALL',
    });
  });
});

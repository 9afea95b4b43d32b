import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DIRECTORY_TABLE,
  KEY_TABLE,
  MAILBOX_TABLE,
  ensureTable,
} from '../../lambdas/adapters/aws/dynamodb-tables';

/** The endpoint of the DynamoDB Local that the global setup started. */
export function testDynamoDbEndpoint(): string {
  const endpoint = process.env.MAILWRIGHT_TEST_DYNAMODB;
  if (!endpoint)
    throw new Error('MAILWRIGHT_TEST_DYNAMODB is not set: run the tests through jest (global setup)');
  return endpoint;
}

/** A DynamoDB client for the DynamoDB Local that the global setup started. */
export function testDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: testDynamoDbEndpoint(),
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** A suite's DynamoDB client and table names. */
export interface TestTables {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  directoryTable: string;
  mailboxTable: string;
  keyTable: string;
}

/** Fresh, uniquely named directory, mailbox and key tables for one suite. */
export async function createTestTables(): Promise<TestTables> {
  const client = testDynamoDbClient();
  const suffix = randomUUID().slice(0, 8);
  const directoryTable = `directory-${suffix}`;
  const mailboxTable = `mailbox-${suffix}`;
  const keyTable = `keys-${suffix}`;
  await Promise.all([
    ensureTable(client, directoryTable, DIRECTORY_TABLE),
    ensureTable(client, mailboxTable, MAILBOX_TABLE),
    ensureTable(client, keyTable, KEY_TABLE),
  ]);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, documents, directoryTable, mailboxTable, keyTable };
}

/**
 * {@link createTestTables} deferred to the first `await`, for module scope: a run that filters out every test of
 * the file (mutation testing does) then starts no request that would outlive the torn-down jest environment.
 */
export function lazyTestTables(): PromiseLike<TestTables> {
  let created: Promise<TestTables> | undefined;
  return {
    then: (onFulfilled, onRejected) => (created ??= createTestTables()).then(onFulfilled, onRejected),
  };
}

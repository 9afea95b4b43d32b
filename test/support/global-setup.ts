import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';

/** Starts one DynamoDB Local for the whole run; suites read its endpoint from MAILWRIGHT_TEST_DYNAMODB. */
export default async function globalSetup(): Promise<void> {
  const engine = await startDynamoDbLocal({ inMemory: true });
  process.env.MAILWRIGHT_TEST_DYNAMODB = engine.endpoint;
  (globalThis as { __dynamoDbLocal?: { stop(): Promise<void> } }).__dynamoDbLocal = engine;
}

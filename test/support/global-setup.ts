import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { startS3Local } from '../../lambdas/local/s3-local';

/**
 * Starts one DynamoDB Local and one s3rver for the whole run; suites read their endpoints from
 * MAILWRIGHT_TEST_DYNAMODB and MAILWRIGHT_TEST_S3 and create uniquely named tables and buckets.
 */
export default async function globalSetup(): Promise<void> {
  const [dynamoDb, s3] = await Promise.all([
    startDynamoDbLocal({ inMemory: true }),
    startS3Local({ inMemory: true, buckets: [] }),
  ]);
  process.env.MAILWRIGHT_TEST_DYNAMODB = dynamoDb.endpoint;
  process.env.MAILWRIGHT_TEST_S3 = s3.endpoint;
  (globalThis as { __testEngines?: Array<{ stop(): Promise<void> }> }).__testEngines = [dynamoDb, s3];
}

import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { createMissingBuckets, s3LocalClient } from '../../lambdas/local/s3-local';

/** The endpoint of the s3rver that the global setup started. */
export function testS3Endpoint(): string {
  const endpoint = process.env.MAILWRIGHT_TEST_S3;
  if (!endpoint) throw new Error('MAILWRIGHT_TEST_S3 is not set: run the tests through jest (global setup)');
  return endpoint;
}

/**
 * Bucket names for one suite, `<name>-<suffix>` with one random suffix per call, so suites sharing the s3rver
 * never see each other's objects. Known before `beforeAll`, for `it.each` tables.
 * @example
 * const { inbound, store } = testBucketNames('inbound', 'store');
 */
export function testBucketNames<Name extends string>(...names: Name[]): Record<Name, string> {
  const suffix = randomUUID().slice(0, 8);
  return Object.fromEntries(names.map((name) => [name, `${name}-${suffix}`])) as Record<Name, string>;
}

/**
 * A client for the shared s3rver, with the given buckets created.
 * @example
 * const client = await testS3Client(inbound, store);
 */
export async function testS3Client(...buckets: string[]): Promise<S3Client> {
  const client = s3LocalClient(testS3Endpoint());
  await createMissingBuckets(client, buckets);
  return client;
}

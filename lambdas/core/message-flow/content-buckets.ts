import { InvalidParameterException, LimitExceededException } from '../api/errors';
import type { ContentLocation } from './types';

/** Most buckets one organization may allow for PutRawMessageContent. */
export const MAX_CONTENT_BUCKETS = 10;

/**
 * Key prefixes that are never content: where SES writes raw mail and where Mailwright keeps replacements. Refused in
 * every bucket, so no reference can ever point at another message's original or replacement.
 */
export const RESERVED_KEY_PREFIXES = ['incoming/', 'message-flow/'] as const;

/** Prefixes and suffixes S3 reserves in general purpose bucket names. */
const RESERVED_NAME_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_NAME_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Why `name` is not a valid S3 general purpose bucket name, or `undefined` when it is: 3–63 characters of lower-case
 * letters, digits, dots and hyphens, starting and ending with a letter or digit, no two adjacent dots, not an IP
 * address, and none of the prefixes and suffixes S3 reserves.
 * @example
 * bucketNameProblem('My_Bucket'); // 'must contain only lower-case letters, digits, dots and hyphens'
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'must contain only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or a digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not be formatted as an IP address';
  if (RESERVED_NAME_PREFIXES.some((prefix) => name.startsWith(prefix))) return 'uses a prefix S3 reserves';
  if (RESERVED_NAME_SUFFIXES.some((suffix) => name.endsWith(suffix))) return 'uses a suffix S3 reserves';
  return undefined;
}

/**
 * Checks an organization's content buckets and returns them without duplicates, in order.
 * @param buckets - the requested list
 * @param reservedBuckets - the deployment's own buckets, which no organization may allow
 * @throws LimitExceededException when more than {@link MAX_CONTENT_BUCKETS} distinct buckets are given
 * @throws InvalidParameterException naming the first invalid or reserved bucket
 * @example
 * validateContentBuckets(['acme-flow-rules'], ['mailwright-inbound']); // ['acme-flow-rules']
 */
export function validateContentBuckets(
  buckets: readonly string[],
  reservedBuckets: readonly string[],
): string[] {
  const distinct = [...new Set(buckets)];
  if (distinct.length > MAX_CONTENT_BUCKETS) {
    throw new LimitExceededException(
      `An organization can allow at most ${MAX_CONTENT_BUCKETS} content buckets; ${distinct.length} were given.`,
    );
  }
  for (const bucket of distinct) {
    const problem = bucketNameProblem(bucket);
    if (problem) throw new InvalidParameterException(`ContentBuckets: ${JSON.stringify(bucket)} ${problem}.`);
    if (reservedBuckets.includes(bucket)) {
      throw new InvalidParameterException(
        `ContentBuckets: ${bucket} is one of Mailwright's own buckets and cannot hold message content.`,
      );
    }
  }
  return distinct;
}

/**
 * Whether a PutRawMessageContent reference may be read at all: its bucket is allowed for the organization and is
 * not one of the deployment's own, and its key is a plain key outside the reserved prefixes. Decided before any read.
 * @param location - `content.s3Reference` of the request
 * @param allowedBuckets - the organization's content buckets
 * @param reservedBuckets - the deployment's own buckets (never readable this way, even when listed)
 * @example
 * isPermittedReference({ bucket: 'acme-flow-rules', key: 'edited/1' }, ['acme-flow-rules'], []); // true
 */
export function isPermittedReference(
  location: ContentLocation,
  allowedBuckets: readonly string[],
  reservedBuckets: readonly string[],
): boolean {
  const { bucket, key } = location;
  if (!allowedBuckets.includes(bucket) || reservedBuckets.includes(bucket)) return false;
  if (key.length === 0 || key.length > 1024 || key.startsWith('/')) return false;
  // Dot segments could be normalised by a client or proxy into another key; a plain key never needs them.
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  return !RESERVED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

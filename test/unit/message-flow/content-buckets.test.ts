import { InvalidParameterException, LimitExceededException } from '../../../lambdas/core/api/errors';
import {
  bucketNameProblem,
  isPermittedReference,
  validateContentBuckets,
} from '../../../lambdas/core/message-flow';

describe('Message Flow content buckets', () => {
  it.each(['abc', 'acme-flow-rules', 'acme.flow.rules', 'a'.repeat(63), '1bucket9', 'x1.2.3.4', '1.2.3.4x'])(
    'accepts the S3 bucket name %s',
    (name) => {
      expect(bucketNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['too short', 'ab', 'must be 3 to 63 characters long'],
    ['too long', 'a'.repeat(64), 'must be 3 to 63 characters long'],
    ['upper case', 'Acme-bucket', 'must contain only lower-case letters, digits, dots and hyphens'],
    ['an underscore', 'acme_bucket', 'must contain only lower-case letters, digits, dots and hyphens'],
    ['a slash', 'acme/rules', 'must contain only lower-case letters, digits, dots and hyphens'],
    ['a leading hyphen', '-acme', 'must begin and end with a letter or a digit'],
    ['a trailing dot', 'acme.', 'must begin and end with a letter or a digit'],
    ['adjacent dots', 'acme..rules', 'must not contain two adjacent dots'],
    ['an IP address', '192.168.10.20', 'must not be formatted as an IP address'],
    ['a reserved prefix', 'xn--acme', 'uses a prefix S3 reserves'],
    ['a reserved suffix', 'acme-s3alias', 'uses a suffix S3 reserves'],
  ])('refuses a bucket name with %s, saying why', (_, name, problem) => {
    expect(bucketNameProblem(name)).toBe(problem);
  });

  it('returns the buckets once each, in order', () => {
    expect(validateContentBuckets(['b-bucket', 'a-bucket', 'b-bucket'], [])).toEqual([
      'b-bucket',
      'a-bucket',
    ]);
  });

  it('refuses more than ten distinct buckets', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `bucket-${index}`);

    expect(() => validateContentBuckets(eleven.slice(0, 10), [])).not.toThrow();
    expect(() => validateContentBuckets(eleven, [])).toThrow(LimitExceededException);
  });

  it('refuses an invalid name and the deployment own buckets', () => {
    expect(() => validateContentBuckets(['acme', 'Bad_Name'], [])).toThrow(InvalidParameterException);
    expect(() => validateContentBuckets(['acme', 'Bad_Name'], [])).toThrow(
      'ContentBuckets: "Bad_Name" must contain only lower-case letters, digits, dots and hyphens.',
    );
    expect(() => validateContentBuckets(['acme', 'mailwright-inbound'], ['mailwright-inbound'])).toThrow(
      /mailwright-inbound is one of Mailwright's own buckets/,
    );
  });

  it('permits only plain keys in an allowed bucket that is not reserved', () => {
    const allowed = ['acme', 'mailwright-store'];
    const permitted = (bucket: string, key: string) =>
      isPermittedReference({ bucket, key }, allowed, ['mailwright-store']);

    expect(permitted('acme', 'edited/1.eml')).toBe(true);
    expect(permitted('acme', 'incoming-mail/1')).toBe(true);
    expect(permitted('other', 'edited/1.eml')).toBe(false);
    expect(permitted('mailwright-store', 'x')).toBe(false);
    expect(permitted('acme', 'incoming/1')).toBe(false);
    expect(permitted('acme', 'message-flow/m-1/2/3')).toBe(false);
    expect(permitted('acme', '/edited')).toBe(false);
    expect(permitted('acme', 'x/./incoming/1')).toBe(false);
    expect(permitted('acme', 'x/../incoming/1')).toBe(false);
    expect(permitted('acme', '')).toBe(false);
    expect(permitted('acme', 'k'.repeat(1024))).toBe(true);
    expect(permitted('acme', 'k'.repeat(1025))).toBe(false);
  });
});

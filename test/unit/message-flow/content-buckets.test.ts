import { InvalidParameterException, LimitExceededException } from '../../../lambdas/core/api/errors';
import {
  bucketNameProblem,
  isPermittedReference,
  validateContentBuckets,
} from '../../../lambdas/core/message-flow';

describe('Message Flow content buckets', () => {
  it.each(['abc', 'acme-flow-rules', 'acme.flow.rules', 'a'.repeat(63), '1bucket9'])(
    'accepts the S3 bucket name %s',
    (name) => {
      expect(bucketNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(64)],
    ['upper case', 'Acme-bucket'],
    ['an underscore', 'acme_bucket'],
    ['a leading hyphen', '-acme'],
    ['a trailing dot', 'acme.'],
    ['adjacent dots', 'acme..rules'],
    ['an IP address', '192.168.10.20'],
    ['a reserved prefix', 'xn--acme'],
    ['a reserved suffix', 'acme-s3alias'],
    ['a slash', 'acme/rules'],
  ])('refuses a bucket name with %s', (_, name) => {
    expect(bucketNameProblem(name)).toEqual(expect.any(String));
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
    expect(() => validateContentBuckets(['Bad_Name'], [])).toThrow(InvalidParameterException);
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
    expect(permitted('acme', 'k'.repeat(1025))).toBe(false);
  });
});

import { auditDestinationOf, destinationArnOf } from '../../../lambdas/core/audit-logs/destination-arn';

const owner = { region: 'us-east-1', accountId: '111122223333', reservedBuckets: ['mailwright-store'] };

describe('auditDestinationOf', () => {
  it('reads a log group ARN with or without its :* suffix', () => {
    const plain = auditDestinationOf(
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/workmail',
      'AUTHENTICATION_LOGS',
      owner,
    );
    const starred = auditDestinationOf(
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/workmail:*',
      'AUTHENTICATION_LOGS',
      owner,
    );

    const expected = {
      ok: true,
      destination: {
        kind: 'CloudWatchLogs',
        logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/workmail:*',
      },
    };
    expect(plain).toEqual(expected);
    expect(starred).toEqual(expected);
  });

  it('puts S3 objects under AWSLogs/<account>/WorkMail/<logType>/', () => {
    const reading = auditDestinationOf('arn:aws:s3:::audit-archive', 'ACCESS_CONTROL_LOGS', owner);

    expect(reading).toEqual({
      ok: true,
      destination: {
        kind: 'S3',
        bucketArn: 'arn:aws:s3:::audit-archive',
        keyPrefix: 'AWSLogs/111122223333/WorkMail/ACCESS_CONTROL_LOGS/',
      },
    });
  });

  it('reads a Firehose stream ARN', () => {
    const arn = 'arn:aws:firehose:us-east-1:111122223333:deliverystream/audit';

    expect(auditDestinationOf(arn, 'AUTHENTICATION_LOGS', owner)).toEqual({
      ok: true,
      destination: { kind: 'Firehose', deliveryStreamArn: arn },
    });
  });

  it.each([
    ['another Region', 'arn:aws:logs:eu-west-1:111122223333:log-group:audit'],
    ['another account', 'arn:aws:firehose:us-east-1:444455556666:deliverystream/audit'],
  ])('refuses a destination in %s', (_, arn) => {
    expect(auditDestinationOf(arn, 'AUTHENTICATION_LOGS', owner)).toEqual({
      ok: false,
      problem: 'The destination must be in Region us-east-1 and account 111122223333.',
    });
  });

  it("refuses the deployment's own buckets and ARNs of other services", () => {
    expect(auditDestinationOf('arn:aws:s3:::mailwright-store', 'AUTHENTICATION_LOGS', owner)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("deployment's own buckets"),
    });
    expect(
      auditDestinationOf('arn:aws:sqs:us-east-1:111122223333:queue', 'AUTHENTICATION_LOGS', owner),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('must be the ARN of') });
  });
});

describe('destinationArnOf', () => {
  it('shows each destination by its ARN', () => {
    expect(destinationArnOf({ kind: 'S3', bucketArn: 'arn:aws:s3:::b', keyPrefix: 'AWSLogs/' })).toBe(
      'arn:aws:s3:::b',
    );
    expect(destinationArnOf({ kind: 'Firehose', deliveryStreamArn: 'arn:f' })).toBe('arn:f');
    expect(destinationArnOf({ kind: 'CloudWatchLogs', logGroupArn: 'arn:l:*' })).toBe('arn:l:*');
  });
});

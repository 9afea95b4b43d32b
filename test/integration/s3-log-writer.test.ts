import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { NotAnS3DestinationError, S3LogWriter } from '../../lambdas/adapters/aws/s3-log-writer';
import { testBucketNames, testS3Client } from '../support/s3';

describe('S3LogWriter (against s3rver)', () => {
  const { audit: bucket } = testBucketNames('audit');
  const prefix = 'AWSLogs/111122223333/WorkMail/AUTHENTICATION_LOGS/';
  let client: S3Client;

  beforeAll(async () => {
    client = await testS3Client(bucket);
  });
  afterAll(() => client.destroy());

  it('writes one gzip JSON-lines object per batch under the prefix, by UTC hour', async () => {
    const writer = new S3LogWriter(client, { now: () => Date.UTC(2027, 0, 2, 3, 4, 5) });
    const records = [{ user: 'ana@example.com', auth_successful: true }, { user: 'ben@example.com' }];

    await writer.write({ kind: 'S3', bucketArn: `arn:aws:s3:::${bucket}`, keyPrefix: prefix }, records);
    await writer.write({ kind: 'S3', bucketArn: `arn:aws:s3:::${bucket}`, keyPrefix: prefix }, []);

    const { Contents = [] } = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    expect(Contents.map((object) => object.Key)).toEqual([
      expect.stringMatching(
        /^AWSLogs\/111122223333\/WorkMail\/AUTHENTICATION_LOGS\/2027\/01\/02\/03\/\d+-[\w-]+\.log\.gz$/,
      ),
    ]);
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: Contents[0].Key }));
    const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    ).toEqual(records);
  });

  it('refuses a destination that is not a bucket', async () => {
    const writer = new S3LogWriter(client);

    await expect(
      writer.write({ kind: 'Firehose', deliveryStreamArn: 'arn:aws:firehose:us-east-1:1:deliverystream/x' }, [
        {},
      ]),
    ).rejects.toBeInstanceOf(NotAnS3DestinationError);
  });
});

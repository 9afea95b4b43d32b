import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3ContentSource } from '../../lambdas/adapters/aws/s3-content-source';
import { S3RawMessageStore } from '../../lambdas/adapters/aws/s3-raw-message-store';
import { InvalidContentLocation, MessageRejected } from '../../lambdas/core/message-flow';
import { testBucketNames, testS3Client } from '../support/s3';

const { inbound, customer } = testBucketNames('inbound', 'customer');
let s3: S3Client;

beforeAll(async () => {
  s3 = await testS3Client(inbound, customer);
  await s3.send(
    new PutObjectCommand({ Bucket: customer, Key: 'new.eml', Body: 'Subject: new\r\n\r\nbody\r\n' }),
  );
});

afterAll(() => s3.destroy());

describe('S3ContentSource', () => {
  const options = { organizationId: 'm-org', maxBytes: 1024 };

  it('reads the object a PutRawMessageContent request points at', async () => {
    const source = new S3ContentSource({ client: s3 });

    const bytes = await source.read({ bucket: customer, key: 'new.eml' }, options);

    expect(Buffer.from(bytes).toString()).toBe('Subject: new\r\n\r\nbody\r\n');
  });

  it.each([
    ['a missing object', { bucket: customer, key: 'missing.eml' }],
    ['a missing bucket', { bucket: 'no-such-bucket', key: 'new.eml' }],
  ])('refuses %s with InvalidContentLocation', async (_name, location) => {
    const source = new S3ContentSource({ client: s3 });

    await expect(source.read(location, options)).rejects.toBeInstanceOf(InvalidContentLocation);
  });

  it('refuses an object larger than maxBytes with MessageRejected', async () => {
    const source = new S3ContentSource({ client: s3 });

    await expect(
      source.read({ bucket: customer, key: 'new.eml' }, { ...options, maxBytes: 10 }),
    ).rejects.toBeInstanceOf(MessageRejected);
  });

  it('asks S3 to check the bucket owner and the object version', async () => {
    const inputs: unknown[] = [];
    const client = {
      send: async (command: GetObjectCommand) => {
        inputs.push(command.input);
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
      },
    } as unknown as S3Client;
    const source = new S3ContentSource({ client, expectedBucketOwner: '111122223333' });

    await expect(
      source.read({ bucket: 'theirs', key: 'k', objectVersion: 'v1' }, options),
    ).rejects.toBeInstanceOf(InvalidContentLocation);
    expect(inputs).toEqual([
      { Bucket: 'theirs', Key: 'k', VersionId: 'v1', ExpectedBucketOwner: '111122223333' },
    ]);
  });
});

describe('S3RawMessageStore', () => {
  it('stores each replacement under a new message-flow key and reads it back', async () => {
    const store = new S3RawMessageStore({ client: s3, bucket: inbound });

    const first = await store.putReplacement('m-org', 'abc-123', Buffer.from('one'));
    const second = await store.putReplacement('m-org', 'abc-123', Buffer.from('two'));

    expect(first.bucket).toBe(inbound);
    expect(first.key).toMatch(/^message-flow\/m-org\/abc-123\/[0-9a-f-]{36}$/);
    expect(second.key).not.toBe(first.key);
    expect(Buffer.from(await store.get(first)).toString()).toBe('one');
    expect(Buffer.from(await store.get(second)).toString()).toBe('two');
  });

  it('reads an original SES wrote', async () => {
    await s3.send(new PutObjectCommand({ Bucket: inbound, Key: 'incoming/m1', Body: 'raw' }));
    const store = new S3RawMessageStore({ client: s3, bucket: inbound });

    expect(Buffer.from(await store.get({ bucket: inbound, key: 'incoming/m1' })).toString()).toBe('raw');
  });
});

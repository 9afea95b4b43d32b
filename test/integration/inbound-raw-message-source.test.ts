import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { readLimited, S3RawMessageSource } from '../../lambdas/adapters/aws/s3-raw-message-source';
import { testBucketNames, testS3Client } from '../support/s3';

const { inbound } = testBucketNames('inbound');
let client: S3Client;
let source: S3RawMessageSource;
beforeAll(async () => {
  client = await testS3Client(inbound);
  source = new S3RawMessageSource({ client, bucket: inbound });
});
afterAll(() => client.destroy());

describe('S3RawMessageSource', () => {
  it('reads back what was written under incoming/<messageId>, announcing its size', async () => {
    const raw = randomBytes(300_000);
    await source.put('msg-1', raw);

    const opened = await source.open({ messageId: 'msg-1' });
    const read = await opened!.read(40 * 1024 * 1024);

    expect(opened?.sizeBytes).toBe(raw.length);
    expect(read.complete).toBe(true);
    expect(read.bytes.equals(raw)).toBe(true);
  });

  it('reads only up to the limit and says the message is incomplete', async () => {
    await source.put('msg-2', Buffer.alloc(200_000, 0x61));

    const read = await (await source.open({ messageId: 'msg-2' }))!.read(1000);

    expect(read).toEqual({ bytes: Buffer.alloc(1000, 0x61), complete: false });
  });

  it('opens an object named by the event (bucket and key of an S3 action)', async () => {
    await source.put('msg-3', Buffer.from('x'));
    const opened = await source.open({
      messageId: 'ignored',
      bucketName: inbound,
      objectKey: 'incoming/msg-3',
    });
    expect((await opened!.read(10)).bytes.toString()).toBe('x');
  });

  it('returns undefined for a missing message, and deleting twice succeeds', async () => {
    await source.put('msg-4', Buffer.from('x'));
    await source.delete({ messageId: 'msg-4' });
    await source.delete({ messageId: 'msg-4' });
    expect(await source.open({ messageId: 'msg-4' })).toBeUndefined();
  });
});

describe('readLimited', () => {
  it('grows its buffer when no length was announced', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(10_000, i));
    const read = await readLimited(Readable.from(chunks), 1_000_000, undefined);
    expect(read.complete).toBe(true);
    expect(read.bytes.equals(Buffer.concat(chunks))).toBe(true);
  });

  it('stops at the limit when a wrong, smaller length was announced', async () => {
    const read = await readLimited(Readable.from([Buffer.alloc(5000, 1), Buffer.alloc(5000, 2)]), 7000, 100);
    expect(read.complete).toBe(false);
    expect(read.bytes.length).toBe(7000);
  });
});

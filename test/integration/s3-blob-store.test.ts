import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3BlobSizeMismatchError, S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { s3LocalClient, startS3Local } from '../../lambdas/local/s3-local';
import { testBucketNames, testS3Client } from '../support/s3';

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('S3BlobStore (against s3rver)', () => {
  const { store } = testBucketNames('store');
  let client: S3Client;
  let blobs: S3BlobStore;

  beforeAll(async () => {
    client = await testS3Client(store);
    blobs = new S3BlobStore(client, store);
  });
  afterAll(() => client.destroy());

  it('stores a streamed body byte for byte, below and above the multipart threshold', async () => {
    for (const size of [51_200, 12 * 1024 * 1024 + 3]) {
      const body = randomBytes(size);
      const pieces = Array.from({ length: Math.ceil(size / 65_536) }, (_, i) =>
        body.subarray(i * 65_536, (i + 1) * 65_536),
      );
      await blobs.putStream(`blob-${size}`, Readable.from(pieces));
      const stored = await collect((await blobs.get(`blob-${size}`))!);
      expect(stored.length).toBe(size);
      expect(stored.equals(body)).toBe(true); // toEqual compares Buffers element by element: minutes for 12 MB
    }
  });

  it('sends a blob of announced size up to 5 MiB as one PutObject, byte for byte', async () => {
    const sent: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'blobStoreTestCounter' },
    );
    try {
      for (const size of [51_200, 5 * 1024 * 1024]) {
        const body = randomBytes(size);
        await blobs.putStream(
          `single-${size}`,
          Readable.from([body.subarray(0, 100), body.subarray(100)]),
          size,
        );
        expect((await collect((await blobs.get(`single-${size}`))!)).equals(body)).toBe(true);
      }
    } finally {
      client.middlewareStack.remove('blobStoreTestCounter');
    }
    expect(sent).toEqual(['PutObjectCommand', 'GetObjectCommand', 'PutObjectCommand', 'GetObjectCommand']);
  });

  it('refuses a blob whose body is not as long as announced, storing nothing', async () => {
    await expect(blobs.putStream('short', Readable.from([Buffer.from('abc')]), 4)).rejects.toBeInstanceOf(
      S3BlobSizeMismatchError,
    );
    expect(await blobs.get('short')).toBeUndefined();
  });

  it('returns undefined for a missing object and deletes idempotently', async () => {
    await blobs.putStream('gone', Readable.from([Buffer.from('x')]));
    await blobs.delete('gone');
    await blobs.delete('gone');
    expect(await blobs.get('gone')).toBeUndefined();
  });

  it('keeps objects in a data directory across restarts', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'mw-s3-'));
    try {
      const first = await startS3Local({ directory, buckets: ['store'] });
      const firstClient = s3LocalClient(first.endpoint);
      await new S3BlobStore(firstClient, 'store').putStream(
        'kept',
        Readable.from([Buffer.from('persisted')]),
      );
      firstClient.destroy();
      await first.stop();
      const second = await startS3Local({ directory, buckets: ['store'] });
      const secondClient = s3LocalClient(second.endpoint);
      const body = await new S3BlobStore(secondClient, 'store').get('kept');
      expect((await collect(body!)).toString()).toBe('persisted');
      secondClient.destroy();
      await second.stop();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../core/mailbox/ports';

/** Raised when S3 answers a GetObject without a body. */
export class S3EmptyBodyError extends Error {
  readonly key: string;
  constructor(key: string, options?: ErrorOptions) {
    super(`S3 returned no body for ${key}.`, options);
    this.name = 'S3EmptyBodyError';
    this.key = key;
  }
}

/** Parts are 5 MiB (the S3 minimum); at most this many are in flight, bounding the memory an upload uses. */
const UPLOAD_QUEUE_SIZE = 2;

/**
 * BlobStore on an S3 bucket (the `store` bucket). Uploads stream through lib-storage (multipart above 5 MiB),
 * so a 40 MB message uses at most about 10 MiB of upload buffers.
 * @example
 * const blobs = new S3BlobStore(new S3Client({}), 'mailwright-store-…');
 */
export class S3BlobStore implements BlobStore {
  /**
   * @param s3 - the S3 client (built once in wiring)
   * @param bucket - the bucket that holds encrypted message blobs
   */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putStream(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.s3,
      queueSize: UPLOAD_QUEUE_SIZE,
      leavePartsOnError: false,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
    });
    await upload.done();
  }

  async get(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    try {
      const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!output.Body) throw new S3EmptyBodyError(key);
      return output.Body as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

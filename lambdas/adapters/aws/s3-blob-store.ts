import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
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

/** The body of a blob was not as long as announced. */
export class S3BlobSizeMismatchError extends Error {
  constructor(key: string, announced: number, actual: number, options?: ErrorOptions) {
    super(`The blob for ${key} is ${actual} bytes, not the announced ${announced}.`, options);
    this.name = 'S3BlobSizeMismatchError';
  }
}

/** Parts are 5 MiB (the S3 minimum); at most this many are in flight, bounding the memory an upload uses. */
const UPLOAD_QUEUE_SIZE = 2;
/** Blobs up to one part are sent as one PutObject: lib-storage's machinery costs more CPU than the request. */
const SINGLE_PUT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * BlobStore on an S3 bucket (the `store` bucket). A blob of known size up to 5 MiB is one PutObject; larger or
 * unknown ones stream through lib-storage (multipart above 5 MiB), so a 40 MB message uses at most about 10 MiB of
 * upload buffers.
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

  async putStream(key: string, body: Readable, sizeBytes?: number): Promise<void> {
    if (sizeBytes !== undefined && sizeBytes <= SINGLE_PUT_MAX_BYTES) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      if (bytes.length !== sizeBytes) throw new S3BlobSizeMismatchError(key, sizeBytes, bytes.length);
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
        }),
      );
      return;
    }
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

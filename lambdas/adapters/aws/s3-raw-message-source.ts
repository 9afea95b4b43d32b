import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { RawMessage, RawMessageRef, RawMessageSource } from '../../core/delivery/ports';

/** Options of {@link S3RawMessageSource}. */
export interface S3RawMessageSourceOptions {
  readonly client: S3Client;
  /** The inbound bucket the SES receipt rule's S3 action writes to. */
  readonly bucket: string;
  /** The S3 action's `objectKeyPrefix`. @default - 'incoming/' */
  readonly keyPrefix?: string;
}

/**
 * Raw inbound mail in the S3 bucket SES writes to: key `<objectKeyPrefix><messageId>`, unless the event names the
 * object. Reads stream into one buffer sized from Content-Length (no second copy). `put` is what the local SMTP
 * ingress uses to write where SES would.
 * @example
 * const source = new S3RawMessageSource({ client: new S3Client({}), bucket: 'mailwright-inbound' });
 */
export class S3RawMessageSource implements RawMessageSource {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;

  public constructor(options: S3RawMessageSourceOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ?? 'incoming/';
  }

  public async open(ref: RawMessageRef): Promise<RawMessage | undefined> {
    let response;
    try {
      response = await this.client.send(new GetObjectCommand(this.location(ref)));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
    const body = response.Body as Readable | undefined;
    return {
      sizeBytes: response.ContentLength,
      read: (limitBytes) => readLimited(body, limitBytes, response.ContentLength),
    };
  }

  public async delete(ref: RawMessageRef): Promise<void> {
    await this.client.send(new DeleteObjectCommand(this.location(ref)));
  }

  /** Writes a raw message where SES's S3 action would (local SMTP ingress). */
  public async put(messageId: string, raw: Buffer): Promise<void> {
    const location = this.location({ messageId });
    await this.client.send(new PutObjectCommand({ ...location, Body: raw, ContentType: 'message/rfc822' }));
  }

  private location(ref: RawMessageRef): { Bucket: string; Key: string } {
    return {
      Bucket: ref.bucketName ?? this.bucket,
      Key: ref.objectKey ?? `${this.keyPrefix}${ref.messageId}`,
    };
  }
}

/**
 * Reads at most `limitBytes` of a stream into one buffer, then destroys the stream.
 * @param sizeBytes - the announced length: the buffer is allocated once at min(size, limit)
 * @example
 * const { bytes, complete } = await readLimited(stream, 40 * 1024 * 1024, contentLength);
 */
export async function readLimited(
  body: Readable | undefined,
  limitBytes: number,
  sizeBytes: number | undefined,
): Promise<{ bytes: Buffer; complete: boolean }> {
  if (!body) return { bytes: Buffer.alloc(0), complete: true };
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(sizeBytes ?? 64 * 1024, limitBytes));
  let length = 0;
  let complete = true;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = limitBytes - length;
    if (chunk.length > room) {
      complete = false;
      buffer = ensureCapacity(buffer, length, limitBytes, limitBytes);
      chunk.copy(buffer, length, 0, room);
      length += room;
      break;
    }
    buffer = ensureCapacity(buffer, length, length + chunk.length, limitBytes);
    chunk.copy(buffer, length);
    length += chunk.length;
  }
  body.destroy();
  return { bytes: buffer.subarray(0, length), complete };
}

/** Grows `buffer` (only when the store announced no or a wrong length), doubling up to `needed`. */
function ensureCapacity(buffer: Buffer, used: number, needed: number, limit: number): Buffer {
  if (needed <= buffer.length) return buffer;
  const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(needed, buffer.length * 2)));
  buffer.copy(grown, 0, 0, used);
  return grown;
}

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { InvalidContentLocation, MessageRejected } from '../../core/message-flow/errors';
import type { ContentSource } from '../../core/message-flow/ports';
import type { ContentLocation } from '../../core/message-flow/types';
import { readLimited } from './s3-raw-message-source';

/** Options of {@link S3ContentSource}. */
export interface S3ContentSourceOptions {
  /** A client of the deployment's Region: objects in another Region fail (redirect) and count as unreadable. */
  readonly client: S3Client;
  /**
   * The deployment's account id, sent as `ExpectedBucketOwner` so buckets of other accounts are refused by S3.
   * @default - not sent (local S3 engines ignore it anyway)
   */
  readonly expectedBucketOwner?: string;
}

/**
 * Reads the object a PutRawMessageContent call points at (`content.s3Reference`). Any S3 failure (missing object or
 * bucket, access denied, other account or Region) is `InvalidContentLocation`; an object larger than `maxBytes`
 * is `MessageRejected`, decided from Content-Length before the body is downloaded (and enforced while reading).
 * @example
 * const contentSource = new S3ContentSource({ client: new S3Client({}), expectedBucketOwner: config.accountId });
 */
export class S3ContentSource implements ContentSource {
  private readonly client: S3Client;
  private readonly expectedBucketOwner?: string;

  public constructor(options: S3ContentSourceOptions) {
    this.client = options.client;
    this.expectedBucketOwner = options.expectedBucketOwner;
  }

  public async read(
    location: ContentLocation,
    options: { organizationId: string; maxBytes: number },
  ): Promise<Uint8Array> {
    let response;
    try {
      response = await this.client.send(
        new GetObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          VersionId: location.objectVersion,
          ExpectedBucketOwner: this.expectedBucketOwner,
        }),
      );
    } catch (error) {
      throw new InvalidContentLocation(undefined, { cause: error });
    }
    const body = response.Body as Readable | undefined;
    const tooLarge = () =>
      new MessageRejected(`The new content is larger than ${options.maxBytes} bytes, the MIME size limit.`);
    if (response.ContentLength !== undefined && response.ContentLength > options.maxBytes) {
      body?.destroy();
      throw tooLarge();
    }
    let read;
    try {
      read = await readLimited(body, options.maxBytes, response.ContentLength);
    } catch (error) {
      throw new InvalidContentLocation(undefined, { cause: error });
    }
    if (!read.complete) throw tooLarge();
    return read.bytes;
  }
}

import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { RawMessageStore } from '../../core/message-flow/ports';
import type { ContentLocation } from '../../core/message-flow/types';

/** Options of {@link S3RawMessageStore}. */
export interface S3RawMessageStoreOptions {
  readonly client: S3Client;
  /** The inbound bucket (it also holds the originals SES wrote). */
  readonly bucket: string;
  /** Prefix of replacement objects. @default - 'message-flow/' */
  readonly keyPrefix?: string;
}

/**
 * Raw MIME of in-flight messages in our own bucket: originals where SES wrote them, and PutRawMessageContent
 * replacements under `message-flow/<organizationId>/<messageId>/<uuid>` (never overwritten, so a location
 * recorded as a message's content always means the same bytes).
 * @example
 * const rawMessages = new S3RawMessageStore({ client: new S3Client({}), bucket: config.inboundBucket });
 */
export class S3RawMessageStore implements RawMessageStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;

  public constructor(options: S3RawMessageStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ?? 'message-flow/';
  }

  public async get(location: ContentLocation): Promise<Uint8Array> {
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.objectVersion }),
    );
    return response.Body ? response.Body.transformToByteArray() : new Uint8Array();
  }

  public async putReplacement(
    organizationId: string,
    messageId: string,
    content: Uint8Array,
  ): Promise<ContentLocation> {
    const key = `${this.keyPrefix}${organizationId}/${messageId}/${randomUUID()}`;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content, ContentType: 'message/rfc822' }),
    );
    return { bucket: this.bucket, key };
  }

  /** Deletes `message-flow/<organizationId>/<messageId>/*` (one listing of that prefix) and `original` when given. */
  public async deleteContent(
    organizationId: string,
    messageId: string,
    original?: ContentLocation,
  ): Promise<void> {
    const prefix = `${this.keyPrefix}${organizationId}/${messageId}/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const objects = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (objects.length > 0)
        await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
        );
      token = page.NextContinuationToken;
    } while (token);
    if (original)
      await this.client.send(new DeleteObjectCommand({ Bucket: original.bucket, Key: original.key }));
  }
}

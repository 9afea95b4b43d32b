import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { JournalContentStore } from '../../core/journaling/ports';

/** Object prefix of journal reports waiting for delivery in the inbound bucket (its lifecycle rule expires them). */
export const JOURNAL_PREFIX = 'journal/';

/**
 * Journal report messages in the inbound bucket under `journal/<organizationId>/<recordId>` while they wait: the
 * bucket's encryption, TLS-only policy and expiry (at least two days, longer than the 12-hour retry window) apply.
 * @example
 * const contents = new S3JournalContentStore(new S3Client({}), config.inboundBucket);
 */
export class S3JournalContentStore implements JournalContentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, content: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${JOURNAL_PREFIX}${key}`,
        Body: content,
        ContentType: 'message/rfc822',
      }),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: `${JOURNAL_PREFIX}${key}` }),
      );
      return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: `${JOURNAL_PREFIX}${key}` }));
  }
}

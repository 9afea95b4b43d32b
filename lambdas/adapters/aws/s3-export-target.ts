import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ExportTargetRefusedError } from '../../core/export/errors';
import type { ExportTarget, ExportTargetJob } from '../../core/export/ports';

/** Options of {@link S3ExportTarget}. */
export interface S3ExportTargetOptions {
  /** The S3 client that acts for the job: the job's role in the cloud, the local S3 client locally. */
  readonly clientFor: (job: ExportTargetJob) => Promise<S3Client>;
  /** Whether objects are written with SSE-KMS under the job's key (false only for the local S3, which has no KMS). */
  readonly serverSideEncryption: boolean;
  /**
   * Whether the server can abort multipart uploads (s3rver, the local S3, cannot: an aborted export's parts then stay
   * in its data directory, never in an object).
   * @default true
   */
  readonly abortsUploads?: boolean;
}

/** Errors that retrying cannot cure: the bucket, its policy or the key refuses the role. */
const REFUSALS = new Set(['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'AllAccessDisabled']);

/**
 * ExportTarget on S3: the zip as a multipart upload and the summary as one object, both SSE-KMS with the job's key
 * (the key's policy must allow the role; docs/export.md). A refusal by the bucket, its key or the role becomes an
 * {@link ExportTargetRefusedError}; other errors propagate and the job's next run retries.
 * @example
 * const target = new S3ExportTarget({ clientFor: async () => s3, serverSideEncryption: false });
 */
export class S3ExportTarget implements ExportTarget {
  constructor(private readonly options: S3ExportTargetOptions) {}

  async createUpload(job: ExportTargetJob, key: string): Promise<string> {
    const { UploadId } = await this.send(job, (client) =>
      client.send(
        new CreateMultipartUploadCommand({
          Bucket: job.destination.bucket,
          Key: key,
          ContentType: 'application/zip',
          ...this.encryption(job),
        }),
      ),
    );
    return UploadId!;
  }

  async uploadPart(
    job: ExportTargetJob,
    key: string,
    upload: { readonly uploadId: string; readonly partNumber: number },
    body: Buffer,
  ): Promise<string> {
    const { ETag } = await this.send(job, (client) =>
      client.send(
        new UploadPartCommand({
          Bucket: job.destination.bucket,
          Key: key,
          UploadId: upload.uploadId,
          PartNumber: upload.partNumber,
          Body: body,
          ContentLength: body.length,
        }),
      ),
    );
    return ETag!;
  }

  async completeUpload(
    job: ExportTargetJob,
    key: string,
    uploadId: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<void> {
    await this.send(job, (client) =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: job.destination.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
      ),
    );
  }

  async abortUpload(job: ExportTargetJob, key: string, uploadId: string): Promise<void> {
    if (this.options.abortsUploads === false) return;
    try {
      await this.send(job, (client) =>
        client.send(
          new AbortMultipartUploadCommand({ Bucket: job.destination.bucket, Key: key, UploadId: uploadId }),
        ),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchUpload') return;
      throw error;
    }
  }

  async putObject(job: ExportTargetJob, key: string, body: Buffer): Promise<void> {
    await this.send(job, (client) =>
      client.send(
        new PutObjectCommand({
          Bucket: job.destination.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          ...this.encryption(job),
        }),
      ),
    );
  }

  private encryption(job: ExportTargetJob) {
    return this.options.serverSideEncryption
      ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: job.destination.kmsKeyArn }
      : {};
  }

  private async send<T>(job: ExportTargetJob, request: (client: S3Client) => Promise<T>): Promise<T> {
    const client = await this.options.clientFor(job);
    try {
      return await request(client);
    } catch (error) {
      if (error instanceof Error && (REFUSALS.has(error.name) || error.name.startsWith('KMS.')))
        throw new ExportTargetRefusedError(error.name, { cause: error });
      throw error;
    }
  }
}

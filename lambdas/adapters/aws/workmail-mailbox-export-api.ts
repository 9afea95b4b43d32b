import {
  DescribeMailboxExportJobCommand,
  LimitExceededException,
  StartMailboxExportJobCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import type { ExportJobStatus, MailboxExportApi } from '../../core/migration/mailbox-ports';

/**
 * The source's export actions through `@aws-sdk/client-workmail`: real WorkMail (credential chain and Region) or
 * another Mailwright (its endpoint). Throttling and other refusals propagate as the SDK's exceptions (their `name`
 * is the WorkMail exception); only LimitExceededException is an answer.
 * @example
 * const source = new WorkMailMailboxExportApi(new WorkMailClient({ region: 'eu-west-1', maxAttempts: 1 }));
 */
export class WorkMailMailboxExportApi implements MailboxExportApi {
  constructor(private readonly client: WorkMailClient) {}

  async start(request: Parameters<MailboxExportApi['start']>[0]) {
    try {
      const { JobId } = await this.client.send(
        new StartMailboxExportJobCommand({
          ClientToken: request.clientToken,
          OrganizationId: request.organizationId,
          EntityId: request.entityId,
          Description: 'Mailwright migration',
          RoleArn: request.destination.roleArn,
          KmsKeyArn: request.destination.kmsKeyArn,
          S3BucketName: request.destination.bucket,
          S3Prefix: request.destination.prefix,
        }),
      );
      return { jobId: JobId! };
    } catch (error) {
      if (error instanceof LimitExceededException) return 'limitExceeded' as const;
      throw error;
    }
  }

  async describe(organizationId: string, jobId: string): Promise<ExportJobStatus> {
    const job = await this.client.send(
      new DescribeMailboxExportJobCommand({ OrganizationId: organizationId, JobId: jobId }),
    );
    const bucket = job.S3BucketName;
    // S3Path is `<bucket>/<key>`; a path without the bucket in front is taken as the key.
    const path = job.S3Path;
    const key = bucket && path?.startsWith(`${bucket}/`) ? path.slice(bucket.length + 1) : path;
    return {
      state: job.State ?? 'RUNNING',
      estimatedProgress: job.EstimatedProgress ?? 0,
      ...(job.ErrorInfo ? { errorInfo: job.ErrorInfo } : {}),
      ...(bucket && key ? { zip: { bucket, key } } : {}),
    };
  }
}

import { S3Client } from '@aws-sdk/client-s3';
// STS from the SDK's own nested clients (a dependency of every @aws-sdk client): @aws-sdk/client-sts is not a
// dependency of this project yet.
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { ExportTargetRefusedError } from '../../core/export/errors';
import type { ExportTargetJob } from '../../core/export/ports';

/** Sessions last an hour; a client is reused for 45 minutes, so no request starts on expiring credentials. */
const SESSION_SECONDS = 3600;
const REUSE_MS = 45 * 60 * 1000;

/**
 * S3 clients that act as the role an export job names: `sts:AssumeRole` with the organization id as external id (the
 * customer's trust policy requires it, so no other organization of the deployment can use the role), cached per
 * organization and role. A role that cannot be assumed is a refusal that fails the job.
 * @example
 * const target = new S3ExportTarget({ clientFor: exportRoleClients(new STSClient({}), 'eu-west-1'), serverSideEncryption: true });
 */
export function exportRoleClients(
  sts: STSClient,
  region: string,
  now: () => number = Date.now,
): (job: ExportTargetJob) => Promise<S3Client> {
  const clients = new Map<string, { client: S3Client; until: number }>();
  return async (job) => {
    const cacheKey = `${job.organizationId} ${job.destination.roleArn}`;
    const cached = clients.get(cacheKey);
    if (cached && cached.until > now()) return cached.client;
    let credentials;
    try {
      ({ Credentials: credentials } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: job.destination.roleArn,
          RoleSessionName: `mailwright-export-${job.organizationId}`.slice(0, 64),
          ExternalId: job.organizationId,
          DurationSeconds: SESSION_SECONDS,
        }),
      ));
    } catch (error) {
      if (error instanceof Error && error.name === 'AccessDenied')
        throw new ExportTargetRefusedError('AssumeRoleAccessDenied', { cause: error });
      throw error;
    }
    const client = new S3Client({
      region,
      credentials: {
        accessKeyId: credentials!.AccessKeyId!,
        secretAccessKey: credentials!.SecretAccessKey!,
        sessionToken: credentials!.SessionToken!,
      },
    });
    cached?.client.destroy();
    clients.set(cacheKey, { client, until: now() + REUSE_MS });
    return client;
  };
}

import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ImportJobStatus, MailboxImportApi } from '../../core/migration/mailbox-ports';

/** Where the target Mailwright answers, and who calls it (an admin key). */
export interface MailwrightEndpoint {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/**
 * The target's import actions: Mailwright's extension operations `MailwrightService.StartMailboxImportJob` and
 * `DescribeMailboxImportJob`, which no AWS SDK knows, sent as the SDK sends WorkMail's (JSON protocol, SigV4 for
 * `workmail`). A refusal is thrown as an error named after its exception (`TooManyRequestsException`, …).
 * @example
 * const target = new MailwrightMailboxImportApi({ endpoint: 'https://mail.example.com', region, credentials });
 */
export class MailwrightMailboxImportApi implements MailboxImportApi {
  private readonly signer: SignatureV4;

  constructor(private readonly target: MailwrightEndpoint) {
    this.signer = new SignatureV4({
      service: 'workmail',
      region: target.region,
      sha256: Hash.bind(null, 'sha256'),
      credentials: target.credentials,
    });
  }

  async start(request: Parameters<MailboxImportApi['start']>[0]): Promise<string> {
    const answer = await this.call('StartMailboxImportJob', {
      ClientToken: request.clientToken,
      OrganizationId: request.organizationId,
      EntityId: request.entityId,
      S3BucketName: request.zip.bucket,
      S3Key: request.zip.key,
      ...(request.roleArn ? { RoleArn: request.roleArn } : {}),
    });
    return answer.JobId as string;
  }

  async describe(organizationId: string, jobId: string): Promise<ImportJobStatus> {
    const job = await this.call('DescribeMailboxImportJob', { OrganizationId: organizationId, JobId: jobId });
    return {
      state: job.State as ImportJobStatus['state'],
      processedEntries: job.ProcessedEntries as number,
      importedMessages: job.ImportedMessages as number,
      importedBytes: job.ImportedBytes as number,
      ...(typeof job.ErrorInfo === 'string' ? { errorInfo: job.ErrorInfo } : {}),
    };
  }

  private async call(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = new URL(this.target.endpoint);
    const payload = JSON.stringify(body);
    const signed = await this.signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        headers: {
          host: url.host,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `MailwrightService.${action}`,
        },
        body: payload,
      }),
    );
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(url, { method: 'POST', headers, body: payload });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.ok) return answer;
    const type = String(answer.__type ?? `HTTP${response.status}`);
    throw Object.assign(new Error(`${action}: ${String(answer.Message ?? answer.message ?? type)}`), {
      name: type.slice(type.lastIndexOf('#') + 1),
    });
  }
}

import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { startImportJob } from '../../../export/import-jobs';
import { defineOperation } from '../../operation';
import { ClientToken, EntityIdentifier, OrganizationId } from '../../shapes';
import { jobMailbox } from './job-mailbox';
import { JobId, RoleArn, S3BucketName, S3ObjectKey } from './shapes';

/**
 * MailwrightService.StartMailboxImportJob: reads a mailbox export zip (`S3BucketName`/`S3Key`, through `RoleArn` when
 * given) back into the mailbox of a user or resource, creating its folders. Idempotent: importing the same zip again
 * stores nothing twice.
 */
export const startMailboxImportJob = defineOperation({
  name: 'StartMailboxImportJob',
  service: 'MailwrightService',
  summary:
    'Imports a mailbox export zip from S3 into a mailbox (folders created as needed, nothing stored twice).',
  input: Type.Object({
    ClientToken,
    OrganizationId,
    EntityId: EntityIdentifier,
    S3BucketName,
    S3Key: S3ObjectKey,
    RoleArn: Type.Optional(RoleArn),
  }),
  output: Type.Object({ JobId }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/mailbox-import-jobs' },
  mutating: true,
  handle: (input, ctx) =>
    withClientToken(ctx.deps, 'StartMailboxImportJob', input, async () => {
      const entity = await jobMailbox(ctx, input, 'import into');
      const job = await startImportJob(
        ctx.deps.importJobs,
        {
          organizationId: entity.organizationId,
          entityId: entity.entityId,
          bucket: input.S3BucketName,
          key: input.S3Key,
          ...(input.RoleArn === undefined ? {} : { roleArn: input.RoleArn }),
        },
        ctx.deps.clock().getTime(),
      );
      return { JobId: job.jobId };
    }),
});

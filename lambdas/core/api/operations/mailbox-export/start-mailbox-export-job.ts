import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { startExportJob } from '../../../export/jobs';
import { LimitExceededException } from '../../errors';
import { defineOperation } from '../../operation';
import { ClientToken, EntityIdentifier, KmsKeyArn, OrganizationId } from '../../shapes';
import { jobMailbox } from './job-mailbox';
import { Description, JobId, RoleArn, S3BucketName, S3ObjectKey } from './shapes';

/**
 * StartMailboxExportJob: exports the mailbox of a user or resource (id, name or e-mail) as a .zip of MIME messages
 * to the caller's bucket. At most 10 RUNNING jobs per organization and one job per mailbox per 24 hours.
 */
export const startMailboxExportJob = defineOperation({
  name: 'StartMailboxExportJob',
  service: 'WorkMailService',
  summary: 'Starts exporting a mailbox as a .zip of MIME messages to an S3 bucket, encrypted with a KMS key.',
  input: Type.Object({
    ClientToken,
    OrganizationId,
    EntityId: EntityIdentifier,
    Description: Type.Optional(Description),
    RoleArn,
    KmsKeyArn,
    S3BucketName,
    S3Prefix: S3ObjectKey,
  }),
  output: Type.Object({ JobId: Type.Optional(JobId) }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/mailbox-export-jobs' },
  mutating: true,
  handle: (input, ctx) =>
    withClientToken(ctx.deps, 'StartMailboxExportJob', input, async () => {
      const entity = await jobMailbox(ctx, input, 'export');
      const started = await startExportJob(
        { ...ctx.deps.exportJobs, clock: ctx.deps.clock },
        {
          organizationId: entity.organizationId,
          entityId: entity.entityId,
          ...(input.Description === undefined ? {} : { description: input.Description }),
          destination: {
            roleArn: input.RoleArn,
            kmsKeyArn: input.KmsKeyArn,
            bucket: input.S3BucketName,
            prefix: input.S3Prefix,
          },
        },
      );
      if (started.ok) return { JobId: started.value.jobId };
      throw new LimitExceededException(
        started.refusal.type === 'organizationLimit'
          ? 'The organization already runs the maximum number of export jobs.'
          : 'The mailbox was exported less than 24 hours ago.',
      );
    }),
});

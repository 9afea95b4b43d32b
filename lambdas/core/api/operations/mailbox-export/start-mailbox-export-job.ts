import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { hasMailbox } from '../../../directory/entities';
import { startExportJob } from '../../../export/jobs';
import { EntityStateException, InvalidParameterException, LimitExceededException } from '../../errors';
import { defineOperation } from '../../operation';
import { ClientToken, EntityIdentifier, KmsKeyArn, OrganizationId } from '../../shapes';
import { entityIn } from '../entities/entity-context';
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
      // The deployment's own buckets (mail store, inbound mail, exports) are never an export's or import's.
      if (ctx.deps.settings.reservedBuckets.includes(input.S3BucketName))
        throw new InvalidParameterException('The bucket belongs to the Mailwright deployment.');
      const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
        forms: 'id|name|email',
        kinds: ['USER', 'RESOURCE'],
        field: 'EntityId',
      });
      const provisioned = entity.mailboxProvisionedAt !== undefined && entity.mailboxPurgedAt === undefined;
      if (entity.state === 'DELETED' || !hasMailbox(entity) || !provisioned)
        throw new EntityStateException('The entity has no mailbox to export.');
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

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { EntityNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { KmsKeyArn, OrganizationId, Timestamp, WorkMailIdentifier } from '../../shapes';
import { Description, JobId, JobState, RoleArn, S3BucketName, S3ObjectKey, toJobSummary } from './shapes';

/** DescribeMailboxExportJob: one job of the organization, with its progress; another organization's is not found. */
export const describeMailboxExportJob = defineOperation({
  name: 'DescribeMailboxExportJob',
  service: 'WorkMailService',
  summary: 'Describes a mailbox export job: state, estimated progress, destination and times.',
  input: Type.Object({ JobId, OrganizationId }),
  output: Type.Object({
    EntityId: Type.Optional(WorkMailIdentifier),
    Description: Type.Optional(Description),
    RoleArn: Type.Optional(RoleArn),
    KmsKeyArn: Type.Optional(KmsKeyArn),
    S3BucketName: Type.Optional(S3BucketName),
    S3Prefix: Type.Optional(S3ObjectKey),
    S3Path: Type.Optional(S3ObjectKey),
    EstimatedProgress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    State: Type.Optional(JobState),
    ErrorInfo: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    StartTime: Type.Optional(Timestamp),
    EndTime: Type.Optional(Timestamp),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mailbox-export-jobs/{JobId}' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const job = await deps.exportJobs.jobs.get(input.OrganizationId, input.JobId);
    if (!job) throw new EntityNotFoundException('The mailbox export job was not found.');
    const { JobId: _id, ...summary } = toJobSummary(job);
    return {
      ...summary,
      RoleArn: job.destination.roleArn,
      KmsKeyArn: job.destination.kmsKeyArn,
      S3Prefix: job.destination.prefix,
      ...(job.errorInfo === undefined ? {} : { ErrorInfo: job.errorInfo }),
    };
  },
});

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { EntityNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId, Timestamp, toTimestamp, WorkMailIdentifier } from '../../shapes';
import { JobId, JobState, S3BucketName, S3ObjectKey } from './shapes';

/** MailwrightService.DescribeMailboxImportJob: one import job of the organization and its progress. */
export const describeMailboxImportJob = defineOperation({
  name: 'DescribeMailboxImportJob',
  service: 'MailwrightService',
  summary:
    'Describes a mailbox import job: state, entries processed, messages imported (and their bytes) and times.',
  input: Type.Object({ OrganizationId, JobId }),
  output: Type.Object({
    EntityId: WorkMailIdentifier,
    S3BucketName,
    S3Key: S3ObjectKey,
    State: JobState,
    ProcessedEntries: Type.Integer({ minimum: 0 }),
    ImportedMessages: Type.Integer({ minimum: 0 }),
    ImportedBytes: Type.Integer({ minimum: 0 }),
    ErrorInfo: Type.Optional(Type.String()),
    StartTime: Timestamp,
    EndTime: Type.Optional(Timestamp),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mailbox-import-jobs/{JobId}' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const job = await deps.importJobs.jobs.get(input.OrganizationId, input.JobId);
    if (!job) throw new EntityNotFoundException('The mailbox import job was not found.');
    return {
      EntityId: job.entityId,
      S3BucketName: job.bucket,
      S3Key: job.key,
      State: job.state,
      ProcessedEntries: job.entriesDone,
      ImportedMessages: job.messagesImported,
      ImportedBytes: job.bytesImported ?? 0,
      ...(job.errorInfo === undefined ? {} : { ErrorInfo: job.errorInfo }),
      StartTime: toTimestamp(job.startedAt),
      ...(job.endedAt === undefined ? {} : { EndTime: toTimestamp(job.endedAt) }),
    };
  },
});

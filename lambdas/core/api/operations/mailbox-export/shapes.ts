import { Type } from '@sinclair/typebox';
import { estimatedProgress, type ExportJob } from '../../../export/types';
import { pattern, Timestamp, toTimestamp, WorkMailIdentifier } from '../../shapes';

/** Shapes of the mailbox export job operations (api-operations.md, "Mailbox export jobs"). */

export const JobId = pattern('[A-Za-z0-9-]+', { minLength: 1, maxLength: 63 });
export const RoleArn = pattern('arn:aws:iam:[a-z0-9-]*:[a-z0-9-]+:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}', {
  minLength: 20,
  maxLength: 2048,
});
export const S3BucketName = pattern('[A-Za-z0-9.-]+', { minLength: 1, maxLength: 63 });
export const S3ObjectKey = pattern("[A-Za-z0-9!_.*'()/-]+", { minLength: 1, maxLength: 1023 });
export const Description = Type.String({ minLength: 0, maxLength: 1023 });
export const JobState = Type.Union([
  Type.Literal('RUNNING'),
  Type.Literal('COMPLETED'),
  Type.Literal('FAILED'),
  Type.Literal('CANCELLED'),
]);

/** WorkMail's `MailboxExportJob` (one item of ListMailboxExportJobs). */
export const MailboxExportJob = Type.Object({
  JobId: Type.Optional(JobId),
  EntityId: Type.Optional(WorkMailIdentifier),
  Description: Type.Optional(Description),
  S3BucketName: Type.Optional(S3BucketName),
  S3Path: Type.Optional(S3ObjectKey),
  EstimatedProgress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  State: Type.Optional(JobState),
  StartTime: Type.Optional(Timestamp),
  EndTime: Type.Optional(Timestamp),
});

/** The job as ListMailboxExportJobs shows it. S3Path is `<bucket>/<key of the zip>`. */
export function toJobSummary(job: ExportJob) {
  return {
    JobId: job.jobId,
    EntityId: job.entityId,
    ...(job.description === undefined ? {} : { Description: job.description }),
    S3BucketName: job.destination.bucket,
    S3Path: `${job.destination.bucket}/${job.zipKey}`,
    EstimatedProgress: estimatedProgress(job),
    State: job.state,
    StartTime: toTimestamp(job.startedAt),
    ...(job.endedAt === undefined ? {} : { EndTime: toTimestamp(job.endedAt) }),
  };
}

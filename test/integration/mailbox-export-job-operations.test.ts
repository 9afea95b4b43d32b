import { DynamoDbExportJobStore } from '../../lambdas/adapters/aws/dynamodb-export-job-store';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import {
  cancelMailboxExportJob,
  describeMailboxExportJob,
  listMailboxExportJobs,
  startMailboxExportJob,
} from '../../lambdas/core/api/operations/mailbox-export';
import type { ExportWorkQueue } from '../../lambdas/core/export/ports';
import { TEST_SETTINGS } from '../support/api-deps';
import { entityKit, type EntityKit } from './entity-kit';

const DAY_MS = 24 * 60 * 60 * 1000;

interface DescribedJob {
  EntityId: string;
  State: string;
  EstimatedProgress: number;
  S3Path: string;
  S3Prefix: string;
  RoleArn: string;
  KmsKeyArn: string;
  StartTime: number;
  EndTime?: number;
}

describe('Operations: Start, Describe, List and CancelMailboxExportJob (DynamoDB Local)', () => {
  let kit: EntityKit;
  let now: number;
  const queued: Array<[string, string]> = [];
  const queue: ExportWorkQueue = {
    enqueue: async (organizationId, jobId) => {
      queued.push([organizationId, jobId]);
    },
  };
  let tokenCounter = 0;
  const destination = {
    RoleArn: 'arn:aws:iam::111122223333:role/ExportRole',
    KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd',
    S3BucketName: 'acme-exports',
    S3Prefix: 'mail/2026',
  };
  const start = (entityId: string, organizationId = kit.orgId, ClientToken = `token-${++tokenCounter}`) =>
    kit.call<{ JobId: string }>(startMailboxExportJob, {
      ClientToken,
      OrganizationId: organizationId,
      EntityId: entityId,
      ...destination,
    });
  const describeJob = (JobId: string, OrganizationId = kit.orgId) =>
    kit.call<DescribedJob>(describeMailboxExportJob, { OrganizationId, JobId });
  const cancel = (JobId: string, OrganizationId = kit.orgId) =>
    kit.call(cancelMailboxExportJob, { OrganizationId, JobId, ClientToken: `cancel-${++tokenCounter}` });
  const list = (OrganizationId = kit.orgId, extra: Record<string, unknown> = {}) =>
    kit.call<{ Jobs: Array<{ JobId: string; State: string }>; NextToken?: string }>(listMailboxExportJobs, {
      OrganizationId,
      ...extra,
    });

  const runningJobIds = async () => {
    const ids: string[] = [];
    for await (const job of kit.deps.exportJobs.jobs.running()) ids.push(job.jobId);
    return ids;
  };

  beforeAll(async () => {
    // ClientToken records expire by the real clock: the test's clock starts from it.
    now = Date.now();
    kit = await entityKit((tables) => ({
      clock: () => new Date(now),
      exportJobs: {
        jobs: new DynamoDbExportJobStore(tables.documents, tables.directoryTable),
        queue,
        source: {
          listFolders: async () => [
            { folderId: 'INBOX', totalEmails: 30 },
            { folderId: 'SENT_ITEMS', totalEmails: 10 },
          ],
        },
      } as unknown as ApiDeps['exportJobs'],
    }));
  });

  it('starts a RUNNING job for a user named by e-mail, hands it to the workers and describes it', async () => {
    const userId = await kit.enabledUser('alice');

    const { JobId } = await start(`alice@${kit.domain}`);
    const job = await describeJob(JobId);

    expect(JobId).toMatch(/^[A-Za-z0-9-]{1,63}$/);
    expect(queued).toContainEqual([kit.orgId, JobId]);
    expect(job).toMatchObject({
      EntityId: userId,
      State: 'RUNNING',
      EstimatedProgress: 0,
      S3Prefix: 'mail/2026',
      S3Path: `acme-exports/mail/2026/${JobId}.zip`,
      RoleArn: destination.RoleArn,
      KmsKeyArn: destination.KmsKeyArn,
      StartTime: now / 1000,
    });
    expect(job.EndTime).toBeUndefined();
  });

  it('returns the same job for a repeated ClientToken and refuses the token with other parameters', async () => {
    await kit.enabledResource('room-idem');
    await kit.enabledResource('room-other');

    const first = await start('room-idem', kit.orgId, 'same-token');
    const again = await start('room-idem', kit.orgId, 'same-token');

    expect(again).toEqual(first);
    await expect(start('room-other', kit.orgId, 'same-token')).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('allows one job per mailbox per 24 hours, cancelled or not', async () => {
    await kit.enabledUser('daily');
    const { JobId } = await start('daily');
    await cancel(JobId);

    await expect(start('daily')).rejects.toMatchObject({ name: 'LimitExceededException' });
    now += DAY_MS - 1000;
    await expect(start('daily')).rejects.toMatchObject({ name: 'LimitExceededException' });
    now += 1000;
    await expect(start('daily')).resolves.toMatchObject({ JobId: expect.any(String) });
  });

  it('runs at most 10 jobs of an organization at once; a cancelled job frees its slot', async () => {
    const orgId = await kit.newOrganization();
    const organization = await kit.deps.organizations.getOrganization(orgId);
    const jobs: string[] = [];
    for (let index = 0; index < 11; index += 1) {
      await kit.call((await import('../../lambdas/core/api/operations/entities')).createResource, {
        OrganizationId: orgId,
        Name: `room${index}`,
        Type: 'ROOM',
      });
      await kit.call((await import('../../lambdas/core/api/operations/entities')).registerToWorkMail, {
        OrganizationId: orgId,
        EntityId: `room${index}`,
        Email: `room${index}@${organization!.defaultMailDomain}`,
      });
    }
    for (let index = 0; index < 10; index += 1) jobs.push((await start(`room${index}`, orgId)).JobId);

    await expect(start('room10', orgId)).rejects.toMatchObject({ name: 'LimitExceededException' });
    await cancel(jobs[0]!, orgId);
    await expect(start('room10', orgId)).resolves.toMatchObject({ JobId: expect.any(String) });
  });

  it('cancels a running job once (it leaves the index of jobs to resume); a job that ended cannot be cancelled', async () => {
    await kit.enabledUser('cancelme');
    const { JobId } = await start('cancelme');

    const runningBefore = await runningJobIds();
    await cancel(JobId);
    const job = await describeJob(JobId);

    expect(runningBefore).toContain(JobId);
    expect(await runningJobIds()).not.toContain(JobId);
    expect(job).toMatchObject({ State: 'CANCELLED', EndTime: now / 1000 });
    await expect(cancel(JobId)).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it("lists the last 7 days' jobs, newest first, page by page", async () => {
    const orgId = await kit.newOrganization();
    const organization = await kit.deps.organizations.getOrganization(orgId);
    const { createUser, registerToWorkMail } = await import('../../lambdas/core/api/operations/entities');
    const started: string[] = [];
    for (const name of ['old', 'mid', 'new']) {
      const { UserId } = await kit.call<{ UserId: string }>(createUser, {
        OrganizationId: orgId,
        Name: name,
        DisplayName: name,
        Password: 'Correct-Horse-9',
      });
      await kit.call(registerToWorkMail, {
        OrganizationId: orgId,
        EntityId: UserId,
        Email: `${name}@${organization!.defaultMailDomain}`,
      });
      started.push((await start(name, orgId)).JobId);
      now += 3 * DAY_MS;
    }
    // Now: 9 days after the first start, 6 after the second, 3 after the third.

    const first = await list(orgId, { MaxResults: 1 });
    const second = await list(orgId, { MaxResults: 1, NextToken: first.NextToken });
    const all = await list(orgId);

    expect(first.Jobs.map((job) => job.JobId)).toEqual([started[2]]);
    expect(second.Jobs.map((job) => job.JobId)).toEqual([started[1]]);
    expect(all.Jobs.map((job) => job.JobId)).toEqual([started[2], started[1]]);
  });

  it("keeps organizations apart: another organization's job is not found, never listed, never cancelled", async () => {
    await kit.enabledUser('private');
    const { JobId } = await start('private');
    const other = await kit.newOrganization();

    await expect(describeJob(JobId, other)).rejects.toMatchObject({
      name: 'EntityNotFoundException',
      message: expect.not.stringContaining(kit.orgId),
    });
    await expect(cancel(JobId, other)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    expect((await list(other)).Jobs).toEqual([]);
    await expect(start('private', other)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    expect((await describeJob(JobId)).State).toBe('RUNNING');
  });

  it("refuses the deployment's own buckets as a destination, before counting any limit", async () => {
    await kit.enabledUser('reserved');

    await expect(
      kit.call(startMailboxExportJob, {
        ClientToken: `token-${++tokenCounter}`,
        OrganizationId: kit.orgId,
        EntityId: 'reserved',
        ...destination,
        S3BucketName: TEST_SETTINGS.reservedBuckets[1],
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    // Refused before any limit was counted: the mailbox may still be exported today.
    await expect(start('reserved')).resolves.toMatchObject({ JobId: expect.any(String) });
  });

  it('answers EntityNotFoundException for an unknown job and a group, EntityStateException without a mailbox', async () => {
    const { GroupId } = await kit.call<{ GroupId: string }>(
      (await import('../../lambdas/core/api/operations/entities')).createGroup,
      { OrganizationId: kit.orgId, Name: 'exporters' },
    );
    const fresh = await kit.user('fresh');

    await expect(describeJob('lzzzzzzzz-00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
    await expect(start(GroupId)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(start(fresh)).rejects.toMatchObject({ name: 'EntityStateException' });
  });
});

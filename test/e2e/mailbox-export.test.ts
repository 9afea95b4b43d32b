import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CancelMailboxExportJobCommand,
  CreateOrganizationCommand,
  DescribeMailboxExportJobCommand,
  ListMailboxExportJobsCommand,
  ListOrganizationsCommand,
  StartMailboxExportJobCommand,
  type DescribeMailboxExportJobResponse,
} from '@aws-sdk/client-workmail';
import { s3LocalClient } from '../../lambdas/local/s3-local';
import { ImapClient } from '../support/imap-client';
import { JMAP_USER_PASSWORD } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { deliverFromOutside, mailOrganization, type MailUser } from '../support/mail-organization';

const DOMAIN = 'exporters.example.com';
const BUCKET = 'acme-mail-exports';
const DESTINATION = {
  RoleArn: 'arn:aws:iam::111122223333:role/MailwrightExport',
  KmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/export-key',
  S3BucketName: BUCKET,
  S3Prefix: 'mailboxes',
};

/** Polls (the job runs in the runtime's process) until `done` holds, for at most 60 s. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > 60_000) throw new Error(`still not done: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function object(s3: S3Client, key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

function readWithPython(path: string): { entries: Record<string, string>; parsed: number; sha384: string } {
  const script = join(process.cwd(), 'test/integration/read-export-zip.py');
  return JSON.parse(execFileSync('python3', [script, path]).toString());
}

describe('E2E: mailbox export and import on the local runtime', () => {
  let mw: TestRuntime;
  let s3: S3Client;
  let ana: MailUser;
  let bea: MailUser;
  let orgId: string;
  /** By zip path (`<folder>/<uid>.eml`), the SHA-256 of what IMAP serves for each message. */
  const expected: Record<string, string> = {};

  beforeAll(async () => {
    mw = await startTestRuntime();
    s3 = s3LocalClient(mw.engines.s3Endpoint, mw.region);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    ({ ana, bea } = await mailOrganization(mw, 'exporters', DOMAIN, ['ana', 'bea']));
    const organizations = await mw.workmail().send(new ListOrganizationsCommand({}));
    orgId = organizations.OrganizationSummaries!.find(
      (summary) => summary.Alias === 'exporters',
    )!.OrganizationId!;
    for (let index = 0; index < 3; index += 1)
      await deliverFromOutside(mw, ana.email, `Inbound ${index}`, `Body of inbound message ${index}`);
    const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
    await imap.login(ana.email, JMAP_USER_PASSWORD);
    await imap.command('CREATE "Projects"');
    await imap.command('CREATE "Projects/2026"');
    for (let index = 0; index < 4; index += 1) {
      const raw = `From: ana@${DOMAIN}\r\nTo: team@example.org\r\nSubject: Plan ${index}\r\nMessage-ID: <plan${index}@${DOMAIN}>\r\n\r\nStep ${index}.\r\n`;
      await imap.command('APPEND "Projects/2026"', Buffer.from(raw));
      await imap.command('APPEND "Sent Items"', Buffer.from(raw.replace('Plan', 'Sent plan')));
    }
    for (const [folder, path] of [
      ['INBOX', 'Inbox'],
      ['"Projects/2026"', 'Projects/2026'],
      ['"Sent Items"', 'Sent Items'],
    ] as const) {
      await imap.command(`SELECT ${folder}`);
      const fetched = await imap.command('UID FETCH 1:* (UID BODY.PEEK[])');
      for (const line of fetched.untagged) {
        const items = line[2] as string[];
        const uid = items[items.indexOf('UID') + 1];
        const body = items[items.indexOf('BODY[]') + 1]!;
        expected[`${path}/${uid}.eml`] = createHash('sha256')
          .update(Buffer.from(body, 'latin1'))
          .digest('hex');
      }
    }
    await imap.logout();
  }, 120_000);

  afterAll(async () => {
    s3?.destroy();
    await mw?.stop();
  });

  const describeJob = (JobId: string, OrganizationId: string = orgId) =>
    mw.workmail().send(new DescribeMailboxExportJobCommand({ OrganizationId, JobId }));

  it('exports a mailbox through @aws-sdk/client-workmail: a zip Python reads byte for byte, and its summary', async () => {
    const { JobId } = await mw
      .workmail()
      .send(new StartMailboxExportJobCommand({ OrganizationId: orgId, EntityId: ana.email, ...DESTINATION }));
    const done = await until(
      () => describeJob(JobId!),
      (job: DescribeMailboxExportJobResponse) => job.State !== 'RUNNING',
    );
    const path = join(await mkdtemp(join(tmpdir(), 'e2e-export-')), 'ana.zip');
    await writeFile(path, await object(s3, `mailboxes/${JobId}.zip`));
    const reading = readWithPython(path);
    const summary = JSON.parse((await object(s3, `mailboxes/${JobId}.summary.json`)).toString());
    const listed = await mw.workmail().send(new ListMailboxExportJobsCommand({ OrganizationId: orgId }));

    expect(Object.keys(expected)).toHaveLength(11);
    expect(done).toMatchObject({
      State: 'COMPLETED',
      EstimatedProgress: 100,
      S3Path: `${BUCKET}/mailboxes/${JobId}.zip`,
    });
    expect(reading.entries).toEqual(expected);
    expect(reading.parsed).toBe(11);
    expect(summary).toMatchObject({
      totalMessages: '11',
      sha384Hash: reading.sha384,
      totalNonExportableItems: '0',
    });
    expect(listed.Jobs?.map((job) => [job.JobId, job.State])).toContainEqual([JobId, 'COMPLETED']);

    await expect(
      mw
        .workmail()
        .send(
          new StartMailboxExportJobCommand({ OrganizationId: orgId, EntityId: ana.email, ...DESTINATION }),
        ),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    await expect(
      mw.workmail().send(new CancelMailboxExportJobCommand({ OrganizationId: orgId, JobId })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { OrganizationId: other } = await mw
      .workmail()
      .send(new CreateOrganizationCommand({ Alias: 'nosy' }));
    await expect(describeJob(JobId!, other)).rejects.toMatchObject({ name: 'EntityNotFoundException' });

    // Re-import into an empty mailbox (MailwrightService extension, signed like the SDK signs), twice.
    const importZip = async (token: string) => {
      const started = await mw.call({
        target: 'MailwrightService.StartMailboxImportJob',
        body: {
          ClientToken: token,
          OrganizationId: orgId,
          EntityId: bea.email,
          S3BucketName: BUCKET,
          S3Key: `mailboxes/${JobId}.zip`,
        },
      });
      return until(
        async () =>
          (
            await mw.call({
              target: 'MailwrightService.DescribeMailboxImportJob',
              body: { OrganizationId: orgId, JobId: started.json.JobId },
            })
          ).json,
        (job) => job.State !== 'RUNNING',
      );
    };
    const first = await importZip('import-1');
    const second = await importZip('import-2');
    const { JobId: beaJob } = await mw
      .workmail()
      .send(new StartMailboxExportJobCommand({ OrganizationId: orgId, EntityId: bea.email, ...DESTINATION }));
    await until(
      () => describeJob(beaJob!, orgId),
      (job: DescribeMailboxExportJobResponse) => job.State !== 'RUNNING',
    );
    const beaPath = join(await mkdtemp(join(tmpdir(), 'e2e-export-')), 'bea.zip');
    await writeFile(beaPath, await object(s3, `mailboxes/${beaJob}.zip`));

    expect(first).toMatchObject({ State: 'COMPLETED', ImportedMessages: 11, ProcessedEntries: 11 });
    expect(second).toMatchObject({ State: 'COMPLETED', ImportedMessages: 11 });
    expect(readWithPython(beaPath).entries).toEqual(expected);
  }, 180_000);
});

import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { ListMailboxExportJobsCommand, ListOrganizationsCommand } from '@aws-sdk/client-workmail';
import { MailwrightMailboxImportApi } from '../../lambdas/adapters/aws/mailwright-mailbox-import-api';
import { S3ExportObjects } from '../../lambdas/adapters/aws/s3-export-objects';
import { WorkMailMailboxExportApi } from '../../lambdas/adapters/aws/workmail-mailbox-export-api';
import { TerminalMailboxProgress } from '../../lambdas/adapters/local/terminal-mailbox-progress';
import { EXPORT_LIMITS, type ExportLimits } from '../../lambdas/core/export/types';
import { moveMailboxes, type MoveMailboxesOptions } from '../../lambdas/core/migration/mailboxes';
import type { MailboxMove } from '../../lambdas/core/migration/types';
import { ImapClient } from '../support/imap-client';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { mailOrganization, type MailUser } from '../support/mail-organization';
import { MemoryState } from '../support/mailbox-move-fakes';
import { testBucketNames, testS3Client } from '../support/s3';

const NAMES = ['ana', 'bea', 'cyd'] as const;
const FOLDERS = ['INBOX', 'Projects', 'Projects/2026', 'Sent Items'];
const DAY = 24 * 60 * 60 * 1000;
const buckets = testBucketNames('exports', 'imports');

/** Every message of a mailbox over IMAP (`BODY.PEEK[]`), as `<folder> <sha256 of the bytes>`, sorted. */
async function mailboxDigest(mw: TestRuntime, user: MailUser): Promise<string[]> {
  const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
  await imap.login(user.email, user.pass);
  const digests: string[] = [];
  for (const folder of FOLDERS) {
    if ((await imap.command(`EXAMINE "${folder}"`)).status !== 'OK') continue;
    const fetched = await imap.command('UID FETCH 1:* (BODY.PEEK[])');
    for (const line of fetched.untagged) {
      const items = line[2];
      if (line[1] !== 'FETCH' || !Array.isArray(items)) continue;
      const body = items[items.indexOf('BODY[]') + 1] as string;
      digests.push(`${folder} ${createHash('sha256').update(Buffer.from(body, 'latin1')).digest('hex')}`);
    }
  }
  await imap.logout();
  return digests.sort();
}

async function append(
  mw: TestRuntime,
  user: MailUser,
  folder: string,
  raws: readonly string[],
): Promise<void> {
  const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
  await imap.login(user.email, user.pass);
  await imap.command(`CREATE "${folder}"`);
  for (const raw of raws) await imap.command(`APPEND "${folder}"`, Buffer.from(raw));
  await imap.logout();
}

async function organizationId(mw: TestRuntime, alias: string): Promise<string> {
  const listed = await mw.workmail().send(new ListOrganizationsCommand({}));
  return listed.OrganizationSummaries!.find((summary) => summary.Alias === alias)!.OrganizationId!;
}

function message(subject: string, body: string): string {
  return `From: someone@example.org\r\nTo: team@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${createHash('md5').update(subject).digest('hex')}@example.org>\r\n\r\n${body}\r\n`;
}

describe('E2E: moving mailboxes between two Mailwright runtimes', () => {
  let source: TestRuntime;
  let target: TestRuntime;
  let s3: S3Client;
  let from: Record<(typeof NAMES)[number], MailUser>;
  let to: Record<(typeof NAMES)[number], MailUser>;
  let moves: MailboxMove[];
  let sourceOrg: string;
  /** Time the migration sees: a test moves it a day on. */
  let skewMs = 0;
  const state = new MemoryState();
  const lines: string[] = [];

  const options: MoveMailboxesOptions = {
    exportDestination: {
      roleArn: 'arn:aws:iam::111122223333:role/MailwrightExport',
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/export-key',
      bucket: buckets.exports,
      prefix: 'migration',
    },
    importLocation: { bucket: buckets.imports, prefix: 'incoming' },
    concurrency: 3,
    pollIntervalMs: 100,
  };

  const run = (selected: readonly MailboxMove[], extra: Partial<MoveMailboxesOptions> = {}) => {
    const exportApi = new WorkMailMailboxExportApi(source.workmail());
    // cyd's exports go to a bucket that does not exist: the source's job fails, as with a wrong role or bucket.
    const failingForCyd = {
      start: (request: Parameters<typeof exportApi.start>[0]) =>
        exportApi.start(
          request.entityId === from.cyd.userId
            ? { ...request, destination: { ...request.destination, bucket: `${buckets.exports}-missing` } }
            : request,
        ),
      describe: exportApi.describe.bind(exportApi),
    };
    return moveMailboxes(
      selected,
      {
        source: failingForCyd,
        target: new MailwrightMailboxImportApi({
          endpoint: target.endpoint,
          region: target.region,
          credentials: target.credentials,
        }),
        objects: new S3ExportObjects({ source: s3, target: s3 }),
        state,
        progress: new TerminalMailboxProgress({ write: (text) => lines.push(text) }),
        clock: () => Date.now() + skewMs,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      { ...options, ...extra },
    );
  };

  const exportJobsOf = async (entityId: string) => {
    const listed = await source
      .workmail()
      .send(new ListMailboxExportJobsCommand({ OrganizationId: sourceOrg }));
    return listed.Jobs!.filter((job) => job.EntityId === entityId);
  };

  beforeAll(async () => {
    [source, target, s3] = await Promise.all([
      startTestRuntime(),
      startTestRuntime(),
      testS3Client(buckets.exports, buckets.imports),
    ]);
    from = await mailOrganization(source, 'old', 'old.example.com', NAMES);
    to = await mailOrganization(target, 'new', 'new.example.com', NAMES);
    sourceOrg = await organizationId(source, 'old');
    const targetOrg = await organizationId(target, 'new');
    moves = NAMES.map((name) => ({
      sourceOrganizationId: sourceOrg,
      sourceEntityId: from[name].userId,
      targetOrganizationId: targetOrg,
      targetEntityId: to[name].userId,
      address: from[name].email,
    }));
    await append(source, from.ana, 'Projects/2026', [
      message('Plan', 'Step one.'),
      message('Plan 2', 'Step two.'),
    ]);
    await append(source, from.ana, 'Sent Items', [message('Sent', 'Done.')]);
    await append(source, from.ana, 'INBOX', [message('Big', 'x'.repeat(10 * 1024 * 1024))]);
    await append(source, from.bea, 'Projects', [message('Hello', 'Hi Bea.'), message('Hello', 'Hi Bea.')]);
  }, 180_000);

  afterAll(async () => {
    s3?.destroy();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('resumes a run killed half-way: every message once, no export started twice, the failed export reported', async () => {
    state.failAtWrite = 6;
    const killed = await run(moves);
    expect(killed.some((result) => result.error === 'killed')).toBe(true);

    state.failAtWrite = Infinity;
    const [ana, bea, cyd] = await run(moves);

    expect(ana).toMatchObject({ outcome: 'moved', exportedMessages: 4, importedMessages: 4 });
    expect(bea).toMatchObject({ outcome: 'moved', exportedMessages: 2, importedMessages: 2 });
    expect(cyd!.outcome).toBe('failed');
    expect(cyd!.error).toMatch(
      /^the export job ended FAILED: .+; the source allows one export per mailbox per 24 hours: a new export is possible from 20\d\d-/,
    );
    expect(await mailboxDigest(target, to.ana)).toEqual(await mailboxDigest(source, from.ana));
    expect(await mailboxDigest(target, to.bea)).toEqual(await mailboxDigest(source, from.bea));
    expect(await exportJobsOf(from.ana.userId)).toHaveLength(1);
    expect(await exportJobsOf(from.bea.userId)).toHaveLength(1);
    expect(lines.join('')).toContain(`${from.ana.email}: moved`);
  }, 180_000);

  it('changes nothing when run again', async () => {
    const before = await mailboxDigest(target, to.ana);

    const [ana] = await run(moves.slice(0, 1));

    expect(ana).toMatchObject({ outcome: 'moved', importedMessages: 4 });
    expect(await mailboxDigest(target, to.ana)).toEqual(before);
    expect(await exportJobsOf(from.ana.userId)).toHaveLength(1);
  }, 60_000);

  it('imports only new mail on a delta pass a day later', async () => {
    await append(source, from.ana, 'INBOX', [message('New', 'Arrived after the move.')]);
    skewMs = DAY + 60_000;
    // A day later for the source: its mailbox limit no longer holds (its API clock stays, or signatures would expire).
    (source.deps.exportJobs as { limits?: ExportLimits }).limits = { ...EXPORT_LIMITS, mailboxIntervalMs: 0 };

    const [ana] = await run(moves.slice(0, 1), { delta: true });

    expect(ana).toEqual({
      address: from.ana.email,
      outcome: 'moved',
      exportedMessages: 5,
      importedMessages: 1,
      bytes: expect.any(Number),
    });
    expect(await mailboxDigest(target, to.ana)).toEqual(await mailboxDigest(source, from.ana));
  }, 120_000);
});

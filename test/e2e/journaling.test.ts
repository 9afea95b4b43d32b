import {
  AssociateMemberToGroupCommand,
  CreateGroupCommand,
  CreateOrganizationCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { EICAR } from '../../lambdas/core/delivery/verdicts';
import { listDeliveredMessages, readDeliveredMessage } from '../../lambdas/local/read-message';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'journal.example.com';
const OUTSIDE = 'sender@outside.example.net';
const HOUR = 60 * 60_000;
const at = (local: string) => `${local}@${DOMAIN}`;

describe('E2E: email journaling on the local runtime (SMTP in, SMTP submission out, signed admin calls)', () => {
  let mw: TestRuntime;
  let organizationId: string;

  const configure = (body: Record<string, unknown>) =>
    mw.call({
      target: 'MailwrightService.PutJournalingConfiguration',
      body: { OrganizationId: organizationId, ...body },
    });
  /** Sends over the SMTP ingress, as an outside server (or SES) would. */
  const receive = async (
    to: string[],
    subject: string,
    extra: { headers?: Record<string, string>; text?: string } = {},
  ) => {
    const transport = createTransport({
      host: mw.smtp.host,
      port: mw.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      envelope: { from: OUTSIDE, to },
      from: OUTSIDE,
      to: to.filter((address) => !address.startsWith('hidden')),
      subject,
      text: extra.text ?? `Body of ${subject}.`,
      headers: extra.headers,
    });
  };
  const messages = async (address: string, subject: string, folder: 'INBOX' | 'JUNK_EMAIL' = 'INBOX') => {
    const items = await listDeliveredMessages(mw.deps, mw.mailboxes, address, folder);
    return Promise.all(
      items
        .filter((item) => item.summary.subject === subject)
        .map(async (item) =>
          (await readDeliveredMessage(mw.deps, mw.mailboxes, address, item.messageId)).toString('utf8'),
        ),
    );
  };
  /** Mail delivered through the ingress lands asynchronously: polls until `count` messages are there. */
  const eventually = async (address: string, subject: string, folder: 'INBOX' | 'JUNK_EMAIL' = 'INBOX') => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const found = await messages(address, subject, folder);
      if (found.length > 0) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return messages(address, subject, folder);
  };
  /** Runs the journal delivery as the timer would, at `now`. */
  const deliverJournal = (now = Date.now()) => mw.journaling.deliverDue(now);

  beforeAll(async () => {
    mw = await startTestRuntime({ journalDeliveryIntervalMs: 0 });
    const workmail = mw.workmail();
    ({ OrganizationId: organizationId } = (await workmail.send(
      new CreateOrganizationCommand({ Alias: 'journal' }),
    )) as {
      OrganizationId: string;
    });
    await workmail.send(
      new RegisterMailDomainCommand({ OrganizationId: organizationId, DomainName: DOMAIN }),
    );
    const users: Record<string, string> = {};
    for (const name of ['ana', 'bo', 'cy', 'admin', 'vault'])
      users[name] = (await jmapUser(mw, organizationId, name, at(name))).userId;
    const group = async (name: string, members: { id: string; group?: boolean }[]) => {
      const { GroupId } = await workmail.send(
        new CreateGroupCommand({ OrganizationId: organizationId, Name: name }),
      );
      await workmail.send(
        new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: GroupId, Email: at(name) }),
      );
      for (const member of members)
        await workmail.send(
          new AssociateMemberToGroupCommand({ OrganizationId: organizationId, GroupId, MemberId: member.id }),
        );
      return GroupId!;
    };
    const inner = await group('inner', [{ id: users.cy }]);
    await group('team', [{ id: users.bo }, { id: inner, group: true }]);
    const configured = await configure({
      Status: 'ENABLED',
      JournalingEmailAddress: at('vault'),
      ReportEmailAddress: at('admin'),
    });
    expect(configured.status).toBe(200);
  });

  afterAll(async () => {
    await mw?.stop();
  });

  it('journals mail to a nested group once, listing every expanded member', async () => {
    await receive([at('team')], 'Nested group 1');
    expect(await eventually(at('cy'), 'Nested group 1')).toHaveLength(1);

    expect(await deliverJournal()).toMatchObject({ delivered: 1 });
    const [record, ...more] = await eventually(at('vault'), 'Nested group 1');

    expect(more).toEqual([]);
    expect(record).toMatch(/^From: amazonjournaling@journal\.mailwright\.localhost\r$/m);
    // The header survives delivery only because it verifies: a forged one would have been stripped.
    expect(record).toMatch(/^X-WM-Journal-Report: v=1; id=j[0-9a-f]{32}; to=vault@journal\.example\.com; /m);
    expect(record).toContain(`Sender: ${OUTSIDE}\r\n`);
    expect(record).toContain(`To: bo@${DOMAIN}, Expanded: team@${DOMAIN}\r\n`);
    expect(record).toContain(`To: cy@${DOMAIN}, Expanded: team@${DOMAIN}\r\n`);
    expect(record).toContain('Content-Type: message/rfc822');
    expect(record).toContain('Body of Nested group 1.');
    expect(await deliverJournal()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    const verified = await mw.call({
      target: 'MailwrightService.VerifyJournalReport',
      body: { OrganizationId: organizationId, Report: Buffer.from(record, 'utf8').toString('base64') },
    });
    expect(verified.json).toMatchObject({ Valid: true, JournalingEmailAddress: at('vault') });
    const tampered = Buffer.from(
      record.replace('Body of Nested group 1.', 'Body of nested group 1!'),
      'utf8',
    );
    expect(
      (
        await mw.call({
          target: 'MailwrightService.VerifyJournalReport',
          body: { OrganizationId: organizationId, Report: tampered.toString('base64') },
        })
      ).json,
    ).toEqual({ Valid: false, Reason: 'ORIGINAL_CHANGED' });
  });

  it('journals sent mail once the sender was allowed to send, listing its Bcc recipients', async () => {
    const transport = createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: at('ana'), pass: JMAP_USER_PASSWORD },
    });
    await transport.sendMail({
      from: at('ana'),
      to: 'olga@outside.example.net',
      bcc: ['secret@elsewhere.example', at('bo')],
      subject: 'Outbound with Bcc 2',
      text: 'Sent with blind copies.',
    });

    await deliverJournal();
    const [record, ...more] = await eventually(at('vault'), 'Outbound with Bcc 2');

    expect(more).toEqual([]);
    expect(record).toContain(`Sender: ${at('ana')}\r\n`);
    expect(record).toContain('To: olga@outside.example.net\r\n');
    expect(record).toContain('Bcc: secret@elsewhere.example\r\n');
    expect(record).toContain(`Bcc: bo@${DOMAIN}\r\n`);
  });

  it('strips a forged X-WM-Journal-Report from outside mail, and still journals the message', async () => {
    await receive([at('bo')], 'Forged header 3', {
      headers: {
        'X-WM-Journal-Report':
          'v=1; id=j00000000000000000000000000000000; to=vault@journal.example.com; sha256=x; mac=y',
      },
    });
    const [delivered] = await eventually(at('bo'), 'Forged header 3');

    expect(delivered).not.toMatch(/X-WM-Journal-Report/i);
    await deliverJournal();
    const [record] = await eventually(at('vault'), 'Forged header 3');
    expect(record.match(/X-WM-Journal-Report/gi)).toHaveLength(1);
    expect(record).not.toContain('j00000000000000000000000000000000');
  });

  it('journals spam delivered to Junk', async () => {
    await receive([at('bo')], 'Spam 4a', { headers: { 'X-Spam-Flag': 'YES' } });
    expect(await eventually(at('bo'), 'Spam 4a', 'JUNK_EMAIL')).toHaveLength(1);

    await deliverJournal();
    expect(await eventually(at('vault'), 'Spam 4a')).toHaveLength(1);
  });

  it('does not journal mail with a virus', async () => {
    await receive([at('bo')], 'Virus 4', { text: EICAR });
    await receive([at('bo')], 'After the virus 4');
    await eventually(at('bo'), 'After the virus 4');

    await deliverJournal();
    await eventually(at('vault'), 'After the virus 4');
    expect(await messages(at('vault'), 'Virus 4')).toEqual([]);
    expect(await messages(at('bo'), 'Virus 4')).toEqual([]);
  });

  it('retries a refusing journaling address for 12 hours of simulated time, then sends one failure report', async () => {
    await configure({
      Status: 'ENABLED',
      JournalingEmailAddress: at('nobody'),
      ReportEmailAddress: at('admin'),
    });
    await receive([at('bo')], 'Refused 5', { headers: { 'Message-ID': '<refused-5@outside.example.net>' } });
    await eventually(at('bo'), 'Refused 5');

    const start = Date.now();
    let attempts = 0;
    for (let now = start; now <= start + 13 * HOUR; now += 10 * 60_000) {
      const run = await deliverJournal(now);
      attempts += run.retrying + run.givenUp;
    }

    expect(attempts).toBeGreaterThan(10);
    const reports = await eventually(at('admin'), 'Journal record not delivered');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('Original Message-ID: <refused-5@outside.example.net>');
    expect(reports[0]).toContain(`Original sender: ${OUTSIDE}`);
    expect(reports[0]).not.toContain('Body of Refused 5');
    expect(await deliverJournal(start + 48 * HOUR)).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
  });

  it('journals nothing once journaling is turned off', async () => {
    const off = await mw.call({
      target: 'MailwrightService.DeleteJournalingConfiguration',
      body: { OrganizationId: organizationId },
    });
    expect(off.status).toBe(200);
    await receive([at('bo')], 'Off 6');
    await eventually(at('bo'), 'Off 6');

    expect(await deliverJournal()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    expect(await messages(at('vault'), 'Off 6')).toEqual([]);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import JamClient from 'jmap-jam';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'vacation.example.com';
const ANA = `ana@${DOMAIN}`;

describe('E2E: an out-of-office reply set over JMAP answers outside mail (jmap-jam, SMTP)', () => {
  let mw: TestRuntime;
  let ana: { userId: string; jam: JamClient };

  /** Sends a message from `from` (an outside.example.net address, SPF-authenticated) to ana over SMTP. */
  const send = async (from: string, subject: string, headers: Record<string, string> = {}) => {
    const raw = await new MailComposer({
      from,
      to: ANA,
      subject,
      messageId: `<${subject.replace(/\W/g, '')}@outside.example.net>`,
      text: 'Hello Ana',
      headers,
    })
      .compile()
      .build();
    await createTransport({
      host: mw.smtp.host,
      port: mw.smtp.port,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      envelope: { from, to: [ANA] },
      raw,
    });
  };
  /** The messages in the outbox (raw, envelope lines first). */
  const outbox = async () => {
    const names = (await readdir(mw.outboxDir).catch(() => [] as string[])).filter((name) =>
      name.endsWith('.eml'),
    );
    return Promise.all(names.map((name) => readFile(join(mw.outboxDir, name))));
  };
  const setVacation = async (patch: Record<string, unknown>) => {
    const [result] = await ana.jam.request([
      'VacationResponse/set',
      { accountId: ana.userId, update: { singleton: patch } },
    ] as never);
    return result as { updated?: Record<string, unknown> };
  };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'vacation' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    const { userId, token } = await jmapUser(mw, OrganizationId!, 'ana', ANA);
    ana = {
      userId,
      jam: new JamClient({ sessionUrl: `${mw.endpoint}/.well-known/jmap`, bearerToken: token }),
    };
  }, 60_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('offers the vacation response capability and a disabled response to begin with', async () => {
    const session = await ana.jam.session;
    const [result] = await ana.jam.request(['VacationResponse/get', { accountId: ana.userId }] as never);

    expect(session.accounts[ana.userId]?.accountCapabilities).toHaveProperty(
      ['urn:ietf:params:jmap:vacationresponse'],
      {},
    );
    expect((result as { list: unknown[] }).list).toEqual([
      {
        id: 'singleton',
        isEnabled: false,
        fromDate: null,
        toDate: null,
        subject: null,
        textBody: null,
        htmlBody: null,
      },
    ]);
  });

  it('answers an outside sender once, from the null sender, threaded to the original', async () => {
    const enabled = await setVacation({
      isEnabled: true,
      fromDate: new Date(Date.now() - 3600_000).toISOString(),
      toDate: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      subject: 'Out of office',
      textBody: 'I am away until Monday.',
      htmlBody: '<p>I am away until <b>Monday</b>.</p>',
    });

    await send('Olga <olga@outside.example.net>', 'Budget 2027');
    const replies = await outbox();
    const [envelope] = replies.map((raw) => raw.toString().split('\r\n').slice(0, 2));
    const email = await PostalMime.parse(replies[0]!);

    expect(enabled.updated).toEqual({ singleton: null });
    expect(replies).toHaveLength(1);
    expect(envelope).toEqual([
      'X-Mailwright-Envelope-From: <>',
      'X-Mailwright-Envelope-To: <olga@outside.example.net>',
    ]);
    expect(email.from?.address).toBe(ANA);
    expect(email.subject).toBe('Out of office');
    expect(email.inReplyTo).toBe('<Budget2027@outside.example.net>');
    expect(email.headers.find((header) => header.key === 'auto-submitted')?.value).toBe('auto-replied');
    expect(email.text?.trim()).toBe('I am away until Monday.');
    expect(email.html).toContain('<b>Monday</b>');
  });

  it('does not answer the same sender again within 7 days', async () => {
    await send('olga@outside.example.net', 'Budget 2027 again');

    expect(await outbox()).toHaveLength(1);
  });

  it('does not answer bulk mail', async () => {
    await send('news@outside.example.net', 'Weekly news', { Precedence: 'bulk' });

    expect(await outbox()).toHaveLength(1);
  });

  it('answers nobody once the user disables it, and every message was delivered', async () => {
    await setVacation({ isEnabled: false });

    await send('piet@outside.example.net', 'Lunch?');
    const [result] = await ana.jam.request([
      'Email/query',
      { accountId: ana.userId, filter: { inMailbox: 'INBOX' } },
    ] as never);

    expect(await outbox()).toHaveLength(1);
    expect((result as { ids: string[] }).ids).toHaveLength(4);
  });
});

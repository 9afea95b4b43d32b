import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'idle.example.com';

/** An event imapflow emitted while idling. */
type Seen = { event: string; at: number; data: Record<string, unknown> };

describe('E2E: two IMAP sessions on one mailbox (imapflow), one idling', () => {
  let mw: TestRuntime;
  let email: string;
  const clients: ImapFlow[] = [];

  const connect = async () => {
    const client = new ImapFlow({
      host: mw.imap.host,
      port: mw.imap.port,
      secure: false,
      // imapflow upgrades with STARTTLS; the local runtime's certificate is self-signed.
      tls: { rejectUnauthorized: false },
      auth: { user: email, pass: JMAP_USER_PASSWORD },
      logger: false,
      maxIdleTime: 60_000,
    });
    await client.connect();
    clients.push(client);
    return client;
  };
  const deliver = (subject: string) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'olga@outside.example.net',
      to: email,
      subject,
      text: `About ${subject}.`,
    });
  /** Resolves with the first event matching `wanted`, or rejects after `ms`. */
  const waitFor = (events: Seen[], wanted: (seen: Seen) => boolean, ms: number) =>
    new Promise<Seen>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const found = events.find(wanted);
        if (found) {
          clearInterval(timer);
          resolve(found);
        } else if (Date.now() - started > ms) {
          clearInterval(timer);
          reject(new Error(`no matching event within ${ms} ms: ${JSON.stringify(events)}`));
        }
      }, 10);
    });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'imapidle' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ({ email } = await jmapUser(mw, OrganizationId!, 'ana', `ana@${DOMAIN}`));
    for (const subject of ['one', 'two', 'three']) await deliver(subject);
  });

  afterAll(async () => {
    for (const client of clients) await client.logout().catch(() => undefined);
    await mw?.stop();
  });

  it('tells the idling session of flags, moves, expunges and new mail from SMTP within a second', async () => {
    const watcher = await connect();
    const actor = await connect();
    await watcher.mailboxOpen('INBOX');
    const events: Seen[] = [];
    for (const event of ['flags', 'expunge', 'exists'])
      watcher.on(event, (data: Record<string, unknown>) => events.push({ event, at: Date.now(), data }));
    const idling = watcher.idle();
    await actor.mailboxOpen('INBOX');
    await actor.mailboxCreate('Archive');

    await actor.messageFlagsAdd('1', ['\\Flagged'], { uid: true });
    const flagged = await waitFor(events, (seen) => seen.event === 'flags', 2000);
    await actor.messageMove('2', 'Archive', { uid: true });
    const moved = await waitFor(events, (seen) => seen.event === 'expunge', 2000);
    await actor.messageFlagsAdd('3', ['\\Deleted'], { uid: true });
    await actor.messageDelete('3', { uid: true });
    const expunged = await waitFor(events, (seen) => seen.event === 'expunge' && seen !== moved, 2000);
    const sentAt = Date.now();
    await deliver('four');
    const arrived = await waitFor(events, (seen) => seen.event === 'exists', 2000);

    expect(flagged.data).toMatchObject({ uid: 1, flags: new Set(['\\Flagged']) });
    expect(moved.data).toMatchObject({ seq: 2 });
    expect(expunged.data).toMatchObject({ seq: 2 });
    expect(arrived.data).toMatchObject({ count: 2 });
    expect(arrived.at - sentAt).toBeLessThan(1000);
    await watcher.noop();
    await idling;
    const status = await watcher.status('Archive', { messages: true });
    expect(status).toMatchObject({ messages: 1 });
  });
});

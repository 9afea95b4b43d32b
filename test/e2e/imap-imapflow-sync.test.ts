import { createTransport } from 'nodemailer';
import { imapflowClients } from '../support/imapflow-clients';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { mailOrganization, type MailUser } from '../support/mail-organization';

/**
 * imapflow keeps up with a mailbox other sessions change: IDLE wakes on mail submitted over SMTP and on other
 * sessions' flag changes, moves and expunges (VANISHED with QRESYNC), CONDSTORE's CHANGEDSINCE and QRESYNC's
 * reopening report what changed while away, and a FETCH over a message expunged meanwhile still returns the rest.
 */
describe('E2E: imapflow keeps in step with a changing mailbox', () => {
  let mw: TestRuntime;
  let ana: MailUser;
  let bruno: MailUser;
  const clients = imapflowClients(() => mw);
  const connect = clients.connect;

  /** Creates `folder` holding one message per subject. */
  async function folderWith(folder: string, subjects: readonly string[]): Promise<void> {
    const client = await connect(ana);
    await client.mailboxCreate(folder);
    for (const subject of subjects) await client.append(folder, `Subject: ${subject}\r\n\r\n${subject}\r\n`);
    await client.logout();
  }

  beforeAll(async () => {
    mw = await startTestRuntime();
    ({ ana, bruno } = await mailOrganization(mw, 'imapflowsync', 'sync.example.com', ['ana', 'bruno']));
  });

  afterEach(() => clients.logoutAll());

  afterAll(() => mw?.stop());

  it('tells an IDLE client of mail a colleague sends over SMTP submission', async () => {
    const client = await connect(ana);
    await client.mailboxOpen('INBOX');
    const before = client.mailbox && client.mailbox.exists;
    const arrived = new Promise<{ count: number; prevCount: number }>((resolve) =>
      client.once('exists', resolve),
    );
    const idling = client.idle();
    const submission = createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      tls: { rejectUnauthorized: false },
      auth: { user: bruno.email, pass: bruno.pass },
    });

    await submission.sendMail({ from: bruno.email, to: ana.email, subject: 'Are you there?', text: 'Ping.' });
    const exists = await arrived;
    submission.close();
    await client.noop();
    await idling;
    const newest = await client.fetchOne('*', { envelope: true });

    expect(exists).toEqual({ path: 'INBOX', count: (before as number) + 1, prevCount: before });
    expect(newest && newest.envelope?.subject).toBe('Are you there?');
  });

  it('reports changes since a mod-sequence: CHANGEDSINCE fetch (CONDSTORE) and VANISHED on reopening (QRESYNC)', async () => {
    await folderWith('Sync', ['one', 'two', 'three']);
    const watcher = await connect(ana, { qresync: true });
    const changer = await connect(ana);
    const opened = await watcher.mailboxOpen('Sync');
    const since = opened.highestModseq as bigint;
    await watcher.mailboxClose();
    await changer.mailboxOpen('Sync');
    await changer.messageFlagsAdd('2', ['\\Flagged'], { uid: true });
    await changer.messageDelete('3', { uid: true });
    const changed = await changer.fetchAll(
      '1:*',
      { uid: true, flags: true },
      { uid: true, changedSince: since },
    );
    const vanished: { uid?: number; earlier?: boolean }[] = [];
    const flagged: { uid?: number; flags: Set<string> }[] = [];
    watcher.on('expunge', (event: { uid?: number; earlier?: boolean }) => vanished.push(event));
    watcher.on('flags', (event: { uid?: number; flags: Set<string> }) => flagged.push(event));

    const reopened = await watcher.mailboxOpen('Sync', {
      changedSince: since,
      uidValidity: opened.uidValidity,
    });
    const closed = await watcher.mailboxClose();

    expect(watcher.enabled.has('QRESYNC')).toBe(true);
    expect(changed.map(({ uid, flags }) => [uid, [...(flags ?? [])]])).toEqual([[2, ['\\Flagged']]]);
    expect(reopened).toMatchObject({ exists: 2 });
    expect(vanished).toEqual([expect.objectContaining({ uid: 3, earlier: true })]);
    expect(flagged).toEqual([expect.objectContaining({ uid: 2, flags: new Set(['\\Flagged']) })]);
    expect(closed).toBe(true);
  });

  it('fetches the rest of a range when another session expunged one of its messages (EXPUNGEISSUED)', async () => {
    await folderWith('Shared view', ['first', 'second']);
    const reader = await connect(ana);
    const other = await connect(ana);
    await reader.mailboxOpen('Shared view');
    await other.mailboxOpen('Shared view');
    await other.messageDelete('1');

    // The reader has not been told of the expunge yet: FETCH may not report it (RFC 9051 §7.5.1).
    const fetched = await reader.fetchAll('1:*', { envelope: true });

    expect(fetched.map((message) => message.envelope?.subject)).toEqual(['second']);
  });

  it('reports another session’s flag change, move and expunge to an IDLE client as FETCH and VANISHED', async () => {
    await folderWith('Watched', ['one', 'two', 'three', 'four']);
    const watcher = await connect(ana, { qresync: true });
    const changer = await connect(ana);
    await watcher.mailboxOpen('Watched');
    const events: [string, Record<string, unknown>][] = [];
    for (const name of ['exists', 'expunge', 'flags'])
      watcher.on(name, (event: Record<string, unknown>) => events.push([name, event]));
    const idling = watcher.idle();
    const arrived = new Promise((resolve) => watcher.once('exists', resolve));

    await changer.mailboxOpen('Watched');
    await changer.messageFlagsAdd('1', ['\\Flagged'], { uid: true });
    await changer.messageMove('2', 'INBOX', { uid: true });
    await changer.messageDelete('3', { uid: true });
    await changer.append('Watched', 'Subject: five\r\n\r\nfive\r\n');
    await arrived;
    await watcher.noop();
    await idling;

    // How many reports the changes come in depends on timing; what they say does not.
    const flagsOf = (uid: number) =>
      events.filter(([name, event]) => name === 'flags' && event.uid === uid).map(([, event]) => event.flags);
    expect(flagsOf(1)).toEqual([new Set(['\\Flagged'])]);
    expect(
      events.filter(([name]) => name === 'expunge').map(([, event]) => [event.uid, event.vanished]),
    ).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(events.at(-1)).toEqual(['exists', expect.objectContaining({ count: 3 })]);
    expect(watcher.mailbox && watcher.mailbox.exists).toBe(3);
  });
});

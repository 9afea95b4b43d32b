import { ImapFlow } from 'imapflow';
import { imapflowClients } from '../support/imapflow-clients';
import { loadJmapCorpus } from '../support/jmap-corpus';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  deliverFromOutside,
  mailOrganization,
  untilSearchable,
  type MailUser,
} from '../support/mail-organization';

/**
 * imapflow (the IMAP library of Nodemailer's author) walks every command Mailwright's IMAP server offers. imapflow
 * turns on what the server announces: ENABLE CONDSTORE UTF8=ACCEPT IMAP4rev2. IDLE, CONDSTORE and QRESYNC are in
 * imap-imapflow-sync.test.ts.
 */
describe('E2E: imapflow against the IMAP server', () => {
  let mw: TestRuntime;
  let ana: MailUser;
  let eve: MailUser;
  const clients = imapflowClients(() => mw);
  const connect = clients.connect;

  beforeAll(async () => {
    mw = await startTestRuntime();
    ({ ana } = await mailOrganization(mw, 'imapflow', 'flow.example.com', ['ana']));
    ({ eve } = await mailOrganization(mw, 'elsewhere', 'elsewhere.example.com', ['eve']));
    await deliverFromOutside(
      mw,
      ana.email,
      'Quarterly numbers',
      'The quarterly report is attached in spirit.',
    );
    await deliverFromOutside(mw, ana.email, 'Lunch', 'Pizza on Friday?');
    await deliverFromOutside(mw, ana.email, 'Travel plans', 'Booked the train.');
    await untilSearchable(mw, ana, 'travel');
  });

  afterEach(() => clients.logoutAll());

  afterAll(() => mw?.stop());

  it.each([
    ['STARTTLS, LOGIN with the password', false, { loginMethod: 'LOGIN' }],
    ['STARTTLS, AUTHENTICATE PLAIN with the password', false, { loginMethod: 'AUTH=PLAIN' }],
    ['implicit TLS, AUTHENTICATE LOGIN with the password', true, { loginMethod: 'AUTH=LOGIN' }],
    ['implicit TLS, AUTHENTICATE PLAIN with a personal access token', true, { token: true }],
    ['STARTTLS, LOGIN with a personal access token', false, { token: true, loginMethod: 'LOGIN' }],
  ] as const)('signs in over %s', async (_, secure, how) => {
    const client = await connect(ana, {
      secure,
      auth: {
        user: ana.email,
        pass: 'token' in how ? ana.token : ana.pass,
        ...('loginMethod' in how ? { loginMethod: how.loginMethod } : {}),
      },
    });

    expect(client.authenticated).toBeTruthy();
    expect(client.secureConnection).toBe(true);
    expect([...client.enabled]).toEqual(expect.arrayContaining(['CONDSTORE', 'UTF8=ACCEPT', 'IMAP4REV2']));
    expect(client.serverInfo).toMatchObject({ name: 'Mailwright' });
    expect(client.namespaces?.personal?.[0]).toMatchObject({ prefix: '', delimiter: '/' });
  });

  it('refuses a wrong password with AUTHENTICATIONFAILED', async () => {
    const client = new ImapFlow({
      host: mw.imap.host,
      port: mw.imap.tlsPort,
      secure: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ana.email, pass: 'Wrong-horse1' },
      logger: false,
    });
    client.on('error', () => {});

    const failure = await client.connect().then(
      () => undefined,
      (error: { authenticationFailed?: boolean; serverResponseCode?: string }) => error,
    );

    expect(failure).toMatchObject({ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' });
  });

  it('lists folders with their special use and status (LIST-STATUS)', async () => {
    const client = await connect(ana);

    const folders = await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true } });

    const byPath = new Map(folders.map((folder) => [folder.path, folder]));
    expect(byPath.get('INBOX')?.status).toMatchObject({ messages: 3, unseen: 3, uidNext: 4 });
    expect(byPath.get('Sent Items')?.specialUse).toBe('\\Sent');
    expect(byPath.get('Deleted Items')?.specialUse).toBe('\\Trash');
    expect(byPath.get('Junk Email')?.specialUse).toBe('\\Junk');
    expect(byPath.get('Drafts')?.specialUse).toBe('\\Drafts');
    expect(byPath.get('Drafts')?.status).toMatchObject({ messages: 0 });
  });

  it('creates, subscribes, renames and deletes folders, non-ASCII names in modified UTF-7 and in UTF-8', async () => {
    const utf8 = await connect(ana);
    const utf7 = await connect(ana, { disableAutoEnable: true });

    const created = await utf7.mailboxCreate(['Projekte', 'Grüße']);
    await utf8.mailboxCreate('Été 2026');
    await utf8.mailboxSubscribe('Été 2026');
    const renamed = await utf7.mailboxRename('Été 2026', 'Hiver 2026 ❄');
    const seenInUtf8 = (await utf8.list()).map((folder) => folder.path);
    const subscribed = (await utf7.list()).filter((folder) => folder.subscribed).map((folder) => folder.path);
    const deleted = await utf8.mailboxDelete('Projekte/Grüße');
    const afterDelete = (await utf7.list()).map((folder) => folder.path);

    expect(utf7.enabled.has('UTF8=ACCEPT')).toBe(false);
    expect(created).toMatchObject({ path: 'Projekte/Grüße', created: true });
    expect(renamed).toMatchObject({ path: 'Été 2026', newPath: 'Hiver 2026 ❄' });
    expect(seenInUtf8).toEqual(expect.arrayContaining(['Projekte', 'Projekte/Grüße', 'Hiver 2026 ❄']));
    expect(seenInUtf8).not.toContain('Été 2026');
    expect(subscribed).toEqual(expect.arrayContaining(['INBOX', 'Hiver 2026 ❄']));
    expect(deleted).toMatchObject({ path: 'Projekte/Grüße' });
    expect(afterDelete).toContain('Projekte');
    expect(afterDelete).not.toContain('Projekte/Grüße');
  });

  it('opens INBOX read-only (EXAMINE) and fetches flags, UID, date, size, envelope, structure, headers, source and parts', async () => {
    const client = await connect(ana);

    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    const messages = await client.fetchAll('1:*', {
      uid: true,
      flags: true,
      internalDate: true,
      size: true,
      envelope: true,
      bodyStructure: true,
      headers: ['subject'],
      source: true,
      bodyParts: ['1', { key: 'TEXT', start: 4, maxLength: 9 }],
    });
    const binary = await client.fetchOne('1', { bodyParts: ['1'] }, { binary: true });
    const status = await client.status('INBOX', { messages: true, unseen: true, highestModseq: true });

    expect(mailbox).toMatchObject({ path: 'INBOX', readOnly: true, exists: 3 });
    expect(typeof mailbox.uidValidity).toBe('bigint');
    expect(messages.map((message) => message.uid)).toEqual([1, 2, 3]);
    const quarterly = messages[0];
    expect(quarterly.envelope).toMatchObject({
      subject: 'Quarterly numbers',
      from: [{ name: 'Olga', address: 'olga@outside.example.net' }],
      to: [{ address: ana.email }],
    });
    expect(quarterly.flags?.size).toBe(0);
    expect(quarterly.internalDate).toBeInstanceOf(Date);
    expect(quarterly.size).toBe(quarterly.source?.length);
    expect(quarterly.bodyStructure).toMatchObject({ type: 'text/plain' });
    expect(quarterly.headers?.toString()).toMatch(/^Subject: Quarterly numbers\r\n/);
    expect(quarterly.source?.toString()).toContain('The quarterly report is attached in spirit.');
    expect(quarterly.bodyParts?.get('1')?.toString()).toContain('The quarterly report');
    expect(quarterly.bodyParts?.get('text')?.toString()).toBe('quarterly');
    expect(binary && binary.bodyParts?.get('1')?.toString()).toContain('The quarterly report');
    // EXAMINE and BODY.PEEK leave the messages unread.
    expect(status).toMatchObject({ messages: 3, unseen: 3 });
    expect(typeof (status && status.highestModseq)).toBe('bigint');
  });

  it('appends with flags and a date (APPENDUID), stores flags with UNCHANGEDSINCE, searches, copies, moves and expunges', async () => {
    const client = await connect(ana);
    await client.mailboxCreate('Work');
    const date = new Date('2026-03-01T09:30:00Z');
    const raw = (subject: string) =>
      `From: ana@flow.example.com\r\nTo: bruno@flow.example.com\r\nSubject: ${subject}\r\n\r\nAbout ${subject}.\r\n`;

    const first = await client.append('Work', raw('Budget draft'), ['\\Seen', '$Review'], date);
    const second = await client.append('Work', raw('Offsite agenda'), []);
    await client.mailboxOpen('Work');
    const { highestModseq } = client.mailbox as { highestModseq: bigint };
    const flagged = await client.messageFlagsAdd(String(second && second.uid), ['\\Flagged'], { uid: true });
    await client.messageFlagsAdd('1:*', ['$Stale'], { unchangedSince: highestModseq });
    const afterConditional = await client.fetchAll('1:*', { flags: true });
    await client.messageFlagsRemove('1', ['$Review']);
    await client.messageFlagsSet('2', ['\\Flagged', '\\Answered']);
    const flags = await client.fetchAll('1:*', { uid: true, flags: true, internalDate: true });
    const unseenFlagged = await client.search({ seen: false, flagged: true }, { uid: true });
    const bySubject = await client.search({
      or: [{ subject: 'budget' }, { answered: true }],
      since: new Date('2026-01-01'),
    });
    const counted = await client.search({ all: true }, { returnOptions: ['MIN', 'MAX', 'COUNT'] });
    const copied = await client.messageCopy('1', 'INBOX');
    const moved = await client.messageMove('2', 'Drafts');
    await client.messageFlagsAdd('1', ['\\Deleted']);
    const expunged: number[] = [];
    client.on('expunge', (event: { seq?: number; uid?: number }) =>
      expunged.push(event.uid ?? event.seq ?? 0),
    );
    const deleted = await client.messageDelete('1');
    const left = await client.status('Work', { messages: true });
    const drafts = await client.status('Drafts', { messages: true });

    expect(first).toMatchObject({ destination: 'Work', uid: 1 });
    expect(second).toMatchObject({ destination: 'Work', uid: 2 });
    expect(typeof (first && first.uidValidity)).toBe('bigint');
    expect(flagged).toBe(true);
    // Message 2 changed after highestModseq: only message 1 gets $Stale (keywords are kept lower-case, as in JMAP).
    expect(afterConditional.map((message) => message.flags?.has('$stale'))).toEqual([true, false]);
    expect(flags.map(({ uid, flags }) => [uid, [...(flags ?? [])].sort()])).toEqual([
      [1, ['$stale', '\\Seen']],
      [2, ['\\Answered', '\\Flagged']],
    ]);
    expect(new Date(flags[0].internalDate ?? 0).toISOString()).toBe(date.toISOString());
    expect(unseenFlagged).toEqual([2]);
    expect(bySubject).toEqual([1, 2]);
    expect(counted).toMatchObject({ min: 1, max: 2, count: 2 });
    expect(copied).toMatchObject({ destination: 'INBOX', uidMap: new Map([[1, 4]]) });
    expect(moved).toMatchObject({ destination: 'Drafts', uidMap: new Map([[2, 1]]) });
    expect(deleted).toBe(true);
    expect(left).toMatchObject({ messages: 0 });
    expect(drafts).toMatchObject({ messages: 1 });
  });

  it('downloads attachments decoded (BINARY) and finds a UTF-8 subject (SEARCH CHARSET UTF-8)', async () => {
    const client = await connect(ana);
    await client.mailboxCreate('Corpus');
    const corpus = new Map(loadJmapCorpus().map(({ file, raw }) => [file, raw]));
    await client.append('Corpus', corpus.get('03-mixed-attachments.eml')!);
    await client.append('Corpus', corpus.get('26-utf8-headers.eml')!);
    await client.mailboxOpen('Corpus');

    const pdf = await client.download('1', '2');
    const chunks: Buffer[] = [];
    for await (const chunk of pdf.content ?? []) chunks.push(chunk as Buffer);
    const parts = await client.downloadMany('1', ['1', '3']);
    // Local indexing runs right after each APPEND returns: ask until it caught up.
    let found = await client.search({ subject: 'Grüße aus Köln' });
    for (const started = Date.now(); !found || (found.length === 0 && Date.now() - started < 10_000);)
      found = await client.search({ subject: 'Grüße aus Köln' });

    expect(pdf.meta).toMatchObject({ contentType: 'application/pdf', filename: 'q3-report.pdf' });
    expect(Buffer.concat(chunks).toString('latin1')).toMatch(/^%PDF-1\.4\n[^]*%%EOF\n$/);
    expect(parts['3'].meta).toMatchObject({ contentType: 'text/csv', filename: 'figures.csv' });
    expect(parts['3'].content?.toString()).toMatch(/^region,/);
    expect(found).toEqual([2]);
  });

  it('shows a user of another organization nothing of ana’s folders or messages', async () => {
    const client = await connect(eve);

    const names = (await client.list()).map((folder) => folder.path);
    const inbox = await client.mailboxOpen('INBOX');
    const found = await client.search({ subject: 'quarterly' });
    const status = await client.status('Work', { messages: true }).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    const opened = await client.mailboxOpen('Sync').then(
      () => 'opened',
      (error: { responseStatus?: string }) => error.responseStatus,
    );

    expect(names).not.toContain('Work');
    expect(names).not.toContain('Sync');
    expect(inbox.exists).toBe(0);
    expect(found).toEqual([]);
    expect(status).toBe('NotFound');
    expect(opened).toBe('NO');
  });
});

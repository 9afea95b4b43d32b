import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { ImapClient } from '../support/imap-client';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'imap.example.com';
const IMAPLIB_SESSION = join(import.meta.dirname, 'fixtures', 'imaplib_session.py');

describe('E2E: reading mail over IMAP with clients nobody here wrote', () => {
  let mw: TestRuntime;
  let ana: { userId: string; token: string; email: string };

  const deliver = (to: string, subject: string, body: string) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'Olga <olga@outside.example.net>',
      to,
      subject,
      text: body,
    });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'imapclients' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ana = await jmapUser(mw, OrganizationId!, 'ana', `ana@${DOMAIN}`);
    await deliver(ana.email, 'Quarterly numbers', 'The quarterly report is attached in spirit.');
    await deliver(ana.email, 'Lunch', 'Pizza on Friday?');
    await deliver(ana.email, 'Travel plans', 'Booked the train.');
    // The search index catches up right after each delivery; wait until the last message is searchable.
    const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
    await imap.login(ana.email, JMAP_USER_PASSWORD);
    await imap.command('SELECT INBOX');
    const started = Date.now();
    const found = async () =>
      (await imap.command('UID SEARCH SUBJECT travel')).untagged.some(
        (line) => line[0] === 'SEARCH' && line.length > 1,
      );
    while (!(await found()))
      if (Date.now() - started > 10_000) throw new Error('the search index did not catch up');
    await imap.logout();
  });

  afterAll(() => mw?.stop());

  it('Python imaplib: TLS and STARTTLS sign-in, folders, fetch, flags, search, copy, move, append, expunge', async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        'python3',
        [
          IMAPLIB_SESSION,
          mw.imap.host,
          String(mw.imap.port),
          String(mw.imap.tlsPort),
          ana.email,
          JMAP_USER_PASSWORD,
        ],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const seen = JSON.parse(output) as Record<string, unknown>;

    expect(seen.tls_login).toBe('OK');
    // Loopback: passwords may be sent before STARTTLS (elsewhere LOGINDISABLED, see imap-protocol-limits).
    expect(seen.before_starttls).toEqual(expect.arrayContaining(['STARTTLS', 'AUTH=PLAIN']));
    expect(seen.after_starttls).toEqual(expect.arrayContaining(['AUTH=PLAIN', 'IMAP4REV1', 'IMAP4REV2']));
    expect(seen.after_starttls).not.toContain('STARTTLS');
    expect(seen.list).toEqual(
      expect.arrayContaining([
        '(\\HasNoChildren) "/" "INBOX"',
        '(\\HasNoChildren \\Sent) "/" "Sent Items"',
        '(\\HasNoChildren \\Trash) "/" "Deleted Items"',
        '(\\HasNoChildren \\Junk) "/" "Junk Email"',
        '(\\HasNoChildren \\Drafts) "/" "Drafts"',
      ]),
    );
    expect(seen.create).toBe('OK');
    expect(seen.create_again).toBe('NO');
    expect(seen.select).toEqual(['OK', '3']);
    expect(seen.uids).toEqual([1, 2, 3]);
    expect(seen.subjects).toEqual(['Subject: Lunch', 'Subject: Quarterly numbers', 'Subject: Travel plans']);
    expect(seen.body_text).toContain('The quarterly report is attached in spirit.');
    expect(seen.flags_after_body).toContain('\\Seen');
    expect(seen.store).toContain('\\Flagged');
    expect(seen.store).toContain('$work');
    expect(seen.search_flagged).toEqual([2]);
    expect(seen.search_subject).toEqual([1]);
    expect(seen.search_unseen).toEqual([2, 3]);
    expect(seen.copy).toEqual(['OK', expect.stringMatching(/^\[COPYUID \d+ 1 1\] /)]);
    expect(seen.move).toBe('OK');
    expect(seen.status).toMatch(/^"Projects\/2026" \(MESSAGES 2 UIDNEXT 3 UNSEEN 1\)$/);
    expect(seen.append).toMatch(/^\[APPENDUID \d+ 1\] /);
    // imaplib hands back every EXPUNGE since it last asked: MOVE's (message 2), then EXPUNGE's (message 1).
    expect(seen.expunge).toEqual(['OK', ['2', '1']]);
    expect(seen.exists_after).toBe(1);
    expect(seen.rename).toBe('OK');
    expect(seen.names_after_rename).toEqual(
      expect.arrayContaining(['"Archive 2026"', '"Projects"', '"INBOX"', '"Sent Items"']),
    );
    expect(seen.names_after_rename).not.toContain('"Projects/2026"');
    expect(seen.archive_exists).toBe(2);
    expect(seen.delete).toBe('OK');
    expect(seen.bad_select).toBe('NO');
  });
});

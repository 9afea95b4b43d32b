import { mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  deliverFromOutside,
  mailOrganization,
  untilSearchable,
  type MailUser,
} from '../support/mail-organization';
import { hasMbsync, runMbsync } from '../support/mbsync';
import { presentedCertificate } from '../support/presented-certificate';

/**
 * isync's mbsync keeps a Maildir and a Mailwright mailbox in step both ways (`Sync All`, `Create Both`,
 * `Expunge Both`) over IMAPS, trusting the runtime's self-signed certificate. The tests run in order: each one
 * changes one side, syncs, and checks the other.
 */

const mbsyncInstalled = await hasMbsync();
if (!mbsyncInstalled) console.warn('SKIPPED: the mbsync test needs isync (mbsync) installed');

/** A Maildir message file name's flags (`…:2,FS` → `FS`). */
const maildirFlags = (file: string) => file.split(':2,')[1] ?? '';

(mbsyncInstalled ? describe : describe.skip)('E2E: mbsync syncs a Mailwright mailbox with a Maildir', () => {
  let mw: TestRuntime;
  let ana: MailUser;
  let home: string;
  let maildir: string;
  let certificateFile: string;
  let imap: ImapFlow;

  const sync = async () => {
    const run = await runMbsync({
      account: { host: mw.imap.host, port: mw.imap.tlsPort, user: ana.email, pass: ana.pass },
      maildir,
      certificateFile,
    });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  };
  /** The message files of a Maildir folder, `cur/` and `new/`. */
  const files = async (folder: string) => {
    const [cur, fresh] = await Promise.all(['cur', 'new'].map((sub) => readdir(join(maildir, folder, sub))));
    return [...cur.map((file) => join('cur', file)), ...fresh.map((file) => join('new', file))];
  };
  /** The subjects of a Maildir folder's messages, sorted. */
  const subjects = async (folder: string) => {
    const texts = await Promise.all(
      (await files(folder)).map((file) => readFile(join(maildir, folder, file), 'utf8')),
    );
    return texts.map((text) => /^Subject: (.*)$/m.exec(text)?.[1]).sort();
  };
  /** Subject → flags on the server. */
  const serverFlags = async (folder: string) => {
    const lock = await imap.getMailboxLock(folder);
    try {
      const messages = await imap.fetchAll('1:*', { envelope: true, flags: true });
      return Object.fromEntries(messages.map((m) => [m.envelope?.subject, [...(m.flags ?? [])].sort()]));
    } finally {
      lock.release();
    }
  };

  beforeAll(async () => {
    mw = await startTestRuntime();
    ({ ana } = await mailOrganization(mw, 'mbsync', 'sync.example.com', ['ana']));
    await deliverFromOutside(
      mw,
      ana.email,
      'Quarterly numbers',
      'The quarterly report is attached in spirit.',
    );
    await deliverFromOutside(mw, ana.email, 'Lunch', 'Pizza on Friday?');
    await untilSearchable(mw, ana, 'lunch');
    imap = new ImapFlow({
      host: mw.imap.host,
      port: mw.imap.tlsPort,
      secure: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ana.email, pass: ana.pass },
      logger: process.env.DEBUG_IMAPFLOW ? console : false,
      disableAutoIdle: true,
    });
    await imap.connect();
    await imap.mailboxCreate('Projects');
    await imap.append('Projects', 'Subject: Roadmap\r\n\r\nQ3 plans.\r\n', ['\\Seen']);
    home = await mkdtemp(join(tmpdir(), 'mailwright-mbsync-e2e-'));
    maildir = join(home, 'mail');
    certificateFile = join(home, 'cert.pem');
    await writeFile(certificateFile, await presentedCertificate(mw.imap.host, mw.imap.tlsPort));
  });

  afterAll(async () => {
    await imap?.logout();
    await mw?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('pulls INBOX and a user folder into the Maildir, creating the folders', async () => {
    await sync();

    expect(await subjects('INBOX')).toEqual(['Lunch', 'Quarterly numbers']);
    expect(await subjects('Projects')).toEqual(['Roadmap']);
    expect((await files('Projects')).map(maildirFlags)).toEqual(['S']);
  });

  it('pushes a flag set in the Maildir to the server', async () => {
    const [file] = (await files('INBOX')).sort();
    const text = await readFile(join(maildir, 'INBOX', file), 'utf8');
    const subject = /^Subject: (.*)$/m.exec(text)?.[1] as string;
    await rename(join(maildir, 'INBOX', file), join(maildir, 'INBOX', 'cur', `${file.split(/[/:]/)[1]}:2,F`));

    await sync();

    expect((await serverFlags('INBOX'))[subject]).toEqual(['\\Flagged']);
  });

  it('pulls a flag set on the server into the Maildir', async () => {
    const lock = await imap.getMailboxLock('Projects');
    await imap.messageFlagsAdd('1:*', ['\\Answered']);
    lock.release();

    await sync();

    expect((await files('Projects')).map(maildirFlags)).toEqual(['RS']);
  });

  it('shows a message moved on the server between folders as moved in the Maildir', async () => {
    const lock = await imap.getMailboxLock('INBOX');
    const [lunch] = (await imap.search({ subject: 'Lunch' })) as number[];
    await imap.messageMove(String(lunch), 'Projects');
    lock.release();

    await sync();

    expect(await subjects('INBOX')).toEqual(['Quarterly numbers']);
    expect(await subjects('Projects')).toEqual(['Lunch', 'Roadmap']);
  });

  it('uploads a message added to the Maildir', async () => {
    const message = 'From: ana@sync.example.com\r\nSubject: Written offline\r\n\r\nOn the train.\r\n';
    await writeFile(join(maildir, 'Projects', 'new', `${Date.now()}.offline.local`), message);

    await sync();

    expect(await serverFlags('Projects')).toEqual({
      Lunch: [],
      Roadmap: ['\\Answered', '\\Seen'],
      'Written offline': [],
    });
    // mbsync learned the new message's UID from APPENDUID and wrote it into the file name.
    expect((await files('Projects')).every((file) => /,U=\d+/.test(file))).toBe(true);
  });

  it('expunges on the server a message deleted from the Maildir', async () => {
    const roadmap = (await files('Projects')).find((file) => maildirFlags(file) === 'RS') as string;
    await unlink(join(maildir, 'Projects', roadmap));

    await sync();

    expect(Object.keys(await serverFlags('Projects')).sort()).toEqual(['Lunch', 'Written offline']);
    expect(await subjects('Projects')).toEqual(['Lunch', 'Written offline']);
  });
});

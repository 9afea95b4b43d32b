import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { mailOrganization, type MailUser } from '../support/mail-organization';
import { hasMutt, readFolderWithMutt, sendWithMutt } from '../support/mutt';
import { presentedCertificate } from '../support/presented-certificate';

/**
 * mutt in batch mode sends through Mailwright's SMTP submission and reads folders over IMAP, in plain text (allowed on
 * loopback) and after STARTTLS trusting the runtime's certificate: the colleague's INBOX has the message, the
 * sender's Sent Items its copy.
 */

const muttInstalled = await hasMutt();
if (!muttInstalled) console.warn('SKIPPED: the mutt test needs mutt and script installed');

(muttInstalled ? describe : describe.skip)('E2E: mutt sends over submission and reads over IMAP', () => {
  let mw: TestRuntime;
  let ana: MailUser;
  let bruno: MailUser;
  let home: string;
  let certificateFile: string;

  const imapAccount = (user: MailUser) => ({
    host: mw.imap.host,
    port: mw.imap.port,
    user: user.email,
    pass: user.pass,
  });

  beforeAll(async () => {
    mw = await startTestRuntime();
    ({ ana, bruno } = await mailOrganization(mw, 'mutt', 'mutt.example.com', ['ana', 'bruno']));
    home = await mkdtemp(join(tmpdir(), 'mailwright-mutt-e2e-'));
    certificateFile = join(home, 'cert.pem');
    await writeFile(certificateFile, await presentedCertificate(mw.submission.host, mw.submission.tlsPort));
  });

  afterAll(async () => {
    await mw?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('delivers a message mutt submits in plain text to the colleague’s INBOX and keeps a copy in Sent Items', async () => {
    const sent = await sendWithMutt({
      smtp: { host: mw.submission.host, port: mw.submission.port, user: ana.email, pass: ana.pass },
      from: `Ana <${ana.email}>`,
      to: bruno.email,
      subject: 'Minutes of Monday',
      body: 'Attached in spirit: the minutes.\n',
    });
    expect(sent).toEqual({ code: 0, output: expect.any(String) });

    const inbox = await untilRead(() => readFolderWithMutt(imapAccount(bruno), 'INBOX'));
    const sentItems = await untilRead(() => readFolderWithMutt(imapAccount(ana), 'Sent Items'));

    expect(inbox.mbox).toMatch(/^Subject: Minutes of Monday$/m);
    expect(inbox.mbox).toMatch(new RegExp(`^From: Ana <${ana.email}>$`, 'm'));
    expect(inbox.mbox).toContain('Attached in spirit: the minutes.');
    expect(sentItems.mbox).toMatch(/^Subject: Minutes of Monday$/m);
    expect(sentItems.mbox).toMatch(new RegExp(`^To: ${bruno.email}$`, 'm'));
  });

  it('sends and reads after STARTTLS, trusting the runtime’s certificate', async () => {
    const sent = await sendWithMutt({
      smtp: { host: mw.submission.host, port: mw.submission.port, user: bruno.email, pass: bruno.pass },
      certificateFile,
      from: bruno.email,
      to: ana.email,
      subject: 'Re: Minutes of Monday',
      body: 'Thanks!\n',
    });
    expect(sent).toEqual({ code: 0, output: expect.any(String) });

    const inbox = await untilRead(() => readFolderWithMutt(imapAccount(ana), 'INBOX', certificateFile));
    const sentItems = await untilRead(() =>
      readFolderWithMutt(imapAccount(bruno), 'Sent Items', certificateFile),
    );

    expect(inbox.mbox).toMatch(/^Subject: Re: Minutes of Monday$/m);
    expect(sentItems.mbox).toMatch(/^Subject: Re: Minutes of Monday$/m);
  });
});

/** Reads again until mutt copied something (delivery to a local colleague finishes after submission answers). */
async function untilRead<T extends { code: number; mbox: string }>(read: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const result = await read();
    if (result.mbox || Date.now() - started > 15_000) return result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

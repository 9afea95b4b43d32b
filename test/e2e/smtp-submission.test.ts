import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  PutMailboxPermissionsCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { SmtpDialog } from '../support/smtp-dialog';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'submit.example.com';
const PYTHON_CLIENT = join(import.meta.dirname, 'fixtures', 'smtplib_submit.py');

type User = { userId: string; token: string; email: string };
/** What the smtplib client reports. */
type PythonResult = { ok: boolean; stage?: string; code: number; reply: string; tls?: string };

describe('E2E: SMTP submission for mail clients (Python smtplib, nodemailer)', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;
  let organizationId: string;
  let ana: User;
  let ben: User;
  let support: User;

  /** Sends with Python's smtplib: STARTTLS on the submission port, or implicit TLS. */
  const python = (request: Record<string, unknown>): Promise<PythonResult> =>
    new Promise((resolve, reject) => {
      const child = execFile('python3', [PYTHON_CLIENT], { timeout: 60_000 }, (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(JSON.parse(stdout) as PythonResult),
      );
      child.stdin!.end(JSON.stringify({ host: mw.submission.host, ...request }));
    });
  /** A nodemailer transport signed in as `user`, STARTTLS required, the self-signed certificate accepted. */
  const nodemailer = (login: string, secret: string, extra: Record<string, unknown> = {}) =>
    createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: login, pass: secret },
      ...extra,
    });
  const send = (user: User, message: SendMailOptions) =>
    nodemailer(user.email, JMAP_USER_PASSWORD).sendMail(message);
  const failure = async (sending: Promise<unknown>) => {
    const error = (await sending.then(
      () => undefined,
      (reason: unknown) => reason,
    )) as { responseCode?: number; response?: string } | undefined;
    if (!error) throw new Error('the message was accepted');
    return error.response ?? '';
  };
  /** Subjects (and senders) of a folder, newest first, through JMAP. */
  const folder = async (user: User, mailbox: string) => {
    const call = async (name: string, args: Record<string, unknown>) => {
      const response = await fetch(`${mw.endpoint}/jmap/api/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'],
          methodCalls: [[name, { accountId: user.userId, ...args }, 'c']],
        }),
      });
      return ((await response.json()) as { methodResponses: [string, Record<string, unknown>][] })
        .methodResponses[0][1];
    };
    const { ids } = await call('Email/query', { filter: { inMailbox: mailbox } });
    const { list } = await call('Email/get', { ids, properties: ['subject', 'from', 'sender', 'keywords'] });
    return list as { subject: string; from: { email: string }[]; sender: unknown; keywords: object }[];
  };
  const message = (from: string, to: string, subject: string) =>
    `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nHello.\r\n`;

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'submission' }));
    organizationId = OrganizationId!;
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    [ana, ben, support] = await Promise.all(
      ['ana', 'ben', 'support'].map((name) => jmapUser(mw, organizationId, name, `${name}@${DOMAIN}`)),
    );
  }, 90_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('takes a message from smtplib over STARTTLS with a password: in the Inbox of the colleague and in Sent Items', async () => {
    const result = await python({
      port: mw.submission.port,
      mode: 'starttls',
      login: ana.email,
      secret: JMAP_USER_PASSWORD,
      mail_from: ana.email,
      rcpt_to: [ben.email],
      message: message(ana.email, ben.email, 'Over STARTTLS'),
    });

    expect(result).toMatchObject({ ok: true, code: 250 });
    expect(result.reply).toMatch(/^2\.0\.0 Message accepted as [0-9a-f]+$/);
    expect(result.tls).toMatch(/^TLSv1\.[23]$/);
    expect(await folder(ben, 'INBOX')).toEqual([
      expect.objectContaining({ subject: 'Over STARTTLS', from: [{ name: null, email: ana.email }] }),
    ]);
    expect(await folder(ana, 'SENT_ITEMS')).toEqual([
      expect.objectContaining({ subject: 'Over STARTTLS', keywords: { $seen: true } }),
    ]);
  });

  it('takes a message from smtplib over implicit TLS signed in with a personal access token', async () => {
    const result = await python({
      port: mw.submission.tlsPort,
      mode: 'ssl',
      login: ben.email,
      secret: ben.token,
      mail_from: ben.email,
      rcpt_to: [ana.email],
      message: message(ben.email, ana.email, 'Over implicit TLS'),
    });

    expect(result).toMatchObject({ ok: true, code: 250 });
    expect((await folder(ana, 'INBOX')).map((email) => email.subject)).toContain('Over implicit TLS');
  });

  it('refuses a From of another user’s mailbox without SEND_AS (550 5.7.1), and sends it once granted', async () => {
    const mail = { from: support.email, to: ben.email, subject: 'From support', text: 'Hi' };

    const refused = await failure(send(ana, mail));
    await workmail.send(
      new PutMailboxPermissionsCommand({
        OrganizationId: organizationId,
        EntityId: support.userId,
        GranteeId: ana.userId,
        PermissionValues: ['SEND_AS'],
      }),
    );
    const accepted = await send(ana, { ...mail, envelope: { from: support.email, to: [ben.email] } });

    expect(refused).toMatch(/^550 5\.7\.1 /);
    expect(accepted.response).toMatch(/^250 2\.0\.0 /);
    const [received] = await folder(ben, 'INBOX');
    expect(received).toMatchObject({ subject: 'From support', from: [{ name: null, email: support.email }] });
    expect(received.sender).toBeNull();
  });

  it('refuses an envelope sender that is neither the From nor the user’s own with 553 5.7.1', async () => {
    const response = await failure(
      send(ana, {
        from: ana.email,
        to: ben.email,
        subject: 'Envelope',
        text: 'x',
        envelope: { from: ben.email, to: [ben.email] },
      }),
    );

    expect(response).toMatch(/^553 5\.7\.1 /);
  });

  it('sends outside recipients to the outbox folder and says which recipients bounced', async () => {
    const info = await send(ana, {
      from: ana.email,
      to: ['olga@outside.example.net', `nobody@${DOMAIN}`],
      subject: 'Leaving the building',
      text: 'Out it goes.',
    });

    expect(info.response).toMatch(
      /^250 2\.0\.0 Message accepted as \w+; 1 recipient could not be reached, see the report in your Inbox$/,
    );
    const outbox = await Promise.all(
      (await readdir(mw.outboxDir)).map((name) => readFile(join(mw.outboxDir, name), 'utf8')),
    );
    expect(outbox.find((text) => text.includes('Leaving the building'))).toMatch(
      /^X-Mailwright-Envelope-To: <olga@outside.example.net>\r$/m,
    );
    expect((await folder(ana, 'INBOX')).map((email) => email.from[0].email)).toContainEqual(
      expect.stringMatching(/^mailer-daemon@/i),
    );
  });

  it('refuses a wrong password with 535 5.7.8, then throttles that source with 454 4.7.0, not the user elsewhere', async () => {
    const { UserId } = await workmail.send(
      new CreateUserCommand({
        OrganizationId: organizationId,
        Name: 'carl',
        DisplayName: 'carl',
        Password: JMAP_USER_PASSWORD,
      }),
    );
    const carl = `carl@${DOMAIN}`;
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: UserId, Email: carl }),
    );
    const attempt = (secret: string, source?: string) =>
      failure(nodemailer(carl, secret, source ? { localAddress: source } : {}).verify());

    const wrong = await attempt('Wrong-guess1');
    for (let guess = 2; guess <= 5; guess++) await attempt(`Wrong-guess${guess}`);
    const throttled = await attempt('Wrong-guess6');
    const fromElsewhere = await python({
      port: mw.submission.port,
      mode: 'starttls',
      source_address: '127.0.0.2',
      login: carl,
      secret: JMAP_USER_PASSWORD,
      mail_from: carl,
      rcpt_to: [ben.email],
      message: message(carl, ben.email, 'Still me'),
    });

    expect(wrong).toMatch(/^535 5\.7\.8 /);
    expect(throttled).toMatch(/^454 4\.7\.0 .*try again in \d+ seconds/);
    expect(fromElsewhere).toMatchObject({ ok: true, code: 250 });
  });

  it('advertises STARTTLS, AUTH PLAIN LOGIN to a loopback client and SIZE as the 40 MB limit', async () => {
    const smtp = await SmtpDialog.open(mw.submission.host, mw.submission.port);

    const ehlo = await smtp.command('EHLO client.example');
    await smtp.close();

    expect(ehlo).toMatch(/^250-STARTTLS$/m);
    expect(ehlo).toMatch(/^250-AUTH PLAIN LOGIN$/m);
    expect(ehlo).toMatch(/^250[- ]SIZE 41943040$/m);
  });

  it('refuses MAIL FROM before AUTH with 530 5.7.0', async () => {
    const smtp = await SmtpDialog.open(mw.submission.host, mw.submission.port);
    await smtp.command('EHLO client.example');

    const reply = await smtp.command(`MAIL FROM:<${ana.email}>`);
    await smtp.close();

    expect(reply).toBe('530 5.7.0 Authentication required');
  });

  it('refuses a message over 40 MB with 552 5.3.4, announced (SIZE=) or streamed', async () => {
    const smtp = await SmtpDialog.open(mw.submission.host, mw.submission.port);
    await smtp.command('EHLO client.example');
    const plain = Buffer.from(`\0${ana.email}\0${JMAP_USER_PASSWORD}`).toString('base64');
    expect(await smtp.command(`AUTH PLAIN ${plain}`)).toMatch(/^235 /);

    const announced = await smtp.command(`MAIL FROM:<${ana.email}> SIZE=41943041`);
    await smtp.command(`MAIL FROM:<${ana.email}>`);
    await smtp.command(`RCPT TO:<${ben.email}>`);
    await smtp.command('DATA');
    const line = Buffer.from(`${'x'.repeat(1022)}\r\n`);
    const streamed = await smtp.streamData(41 * 1024 * 1024, Buffer.concat(Array(64).fill(line)));
    await smtp.close();

    expect(announced).toMatch(/^552 /);
    expect(streamed).toBe('552 5.3.4 Message too big: at most 41943040 bytes');
  }, 60_000);
});

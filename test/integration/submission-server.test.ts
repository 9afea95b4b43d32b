import { networkInterfaces } from 'node:os';
import { jest } from '@jest/globals';
import { createTransport } from 'nodemailer';
import type { SubmissionOutcome } from '../../lambdas/core/sending';
import type { SignInResult } from '../../lambdas/core/user-auth';
import { localTlsCertificate } from '../../lambdas/local/tls-certificate';
import {
  startSubmissionServer,
  type SubmissionServer,
  type SubmissionServerDeps,
} from '../../lambdas/submission';
import { SmtpDialog } from '../support/smtp-dialog';

const ANA = {
  organizationId: 'm-0123',
  userId: 'u-ana',
  email: 'ana@example.com',
  method: 'password',
} as const;
const accepted: SubmissionOutcome = {
  ok: true,
  value: { envelope: { mailFrom: '', rcptTo: [] }, sendRight: 'OWNER', recipients: [] },
};

/** An IPv4 address of this machine that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

describe('SMTP submission server: the protocol and its reply table', () => {
  let tls: { key: string; cert: string };
  const servers: SubmissionServer[] = [];
  let signIn: jest.Mock<SubmissionServerDeps['authenticator']['signInWithPassword']>;
  let submit: jest.Mock<SubmissionServerDeps['submit']>;

  const start = async (options: { allowPlaintextAuth?: boolean; host?: string } = {}) => {
    const deps: SubmissionServerDeps = { authenticator: { signInWithPassword: signIn }, submit };
    const server = await startSubmissionServer(deps, {
      port: 0,
      secure: false,
      tls,
      newSubmissionId: () => 'sub1',
      ...options,
    });
    servers.push(server);
    return server;
  };
  const sendVia = (server: SubmissionServer) =>
    createTransport({
      host: '127.0.0.1',
      port: server.port,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ANA.email, pass: 'secret' },
    }).sendMail({ from: ANA.email, to: 'ben@example.com', subject: 'Hi', text: 'Hello' });
  const replyOf = async (sending: Promise<unknown>) =>
    (
      (await sending.then(
        () => ({ response: 'accepted' }),
        (error: unknown) => error,
      )) as { response: string }
    ).response;

  beforeAll(async () => {
    tls = await localTlsCertificate(undefined, []);
  });
  beforeEach(() => {
    signIn = jest.fn<SubmissionServerDeps['authenticator']['signInWithPassword']>().mockResolvedValue({
      ok: true,
      user: ANA,
    });
    submit = jest.fn<SubmissionServerDeps['submit']>().mockResolvedValue(accepted);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('hands DATA to the sending core with the client’s envelope, the signed-in user and their mailbox', async () => {
    const server = await start();

    const info = await sendVia(server);

    expect(info.response).toBe('250 2.0.0 Message accepted as sub1');
    expect(signIn).toHaveBeenCalledWith(ANA.email, 'secret', {
      sourceAddress: '127.0.0.1',
      protocol: 'SMTP',
    });
    const [request] = submit.mock.calls[0];
    expect(request).toMatchObject({
      user: { organizationId: 'm-0123', userId: 'u-ana', email: 'ana@example.com' },
      mailboxId: 'u-ana',
      envelope: { mailFrom: 'ana@example.com', rcptTo: ['ben@example.com'] },
      submissionId: 'sub1',
    });
    expect(request.raw.toString()).toMatch(/^Subject: Hi\r$/m);
  });

  it.each([
    [{ ok: false, reason: 'INVALID_CREDENTIALS' }, /^535 5\.7\.8 Authentication credentials invalid$/],
    [{ ok: false, reason: 'TOKEN_EXPIRED' }, /^535 5\.7\.8 Authentication credentials invalid$/],
    [{ ok: false, reason: 'USER_DISABLED' }, /^535 5\.7\.8 Authentication credentials invalid$/],
    [{ ok: false, reason: 'THROTTLED', retryAfterSeconds: 8 }, /^454 4\.7\.0 .*try again in 8 seconds$/],
  ])('answers the sign-in refusal %j with %s', async (refusal, reply) => {
    signIn.mockResolvedValue(refusal as SignInResult);
    const server = await start();

    expect(await replyOf(sendVia(server))).toMatch(reply);
    expect(submit).not.toHaveBeenCalled();
  });

  it('answers 454 4.7.0 when the sign-in cannot be checked', async () => {
    signIn.mockRejectedValue(new Error('directory down'));
    const server = await start();

    expect(await replyOf(sendVia(server))).toMatch(/^454 4\.7\.0 Temporary authentication failure/);
  });

  it.each([
    [{ type: 'forbiddenToSend', limit: 'externalRecipientsPerUserPerDay' }, /^450 4\.7\.0 .*daily limit/],
    [{ type: 'tooLarge', maxSize: 41_943_040 }, /^552 5\.3\.4 /],
    [{ type: 'noRecipients' }, /^554 5\.5\.1 /],
    [{ type: 'invalidRecipients', invalidRecipients: ['x'] }, /^553 5\.1\.3 /],
    [{ type: 'tooManyRecipients', maxRecipients: 500 }, /^552 5\.5\.3 /],
  ])('answers the sending refusal %j with %s', async (refusal, reply) => {
    submit.mockResolvedValue({ ok: false, refusal } as SubmissionOutcome);
    const server = await start();

    expect(await replyOf(sendVia(server))).toMatch(reply);
  });

  it('answers 451 4.4.0 when the outbound mail service did not take the message, 451 4.3.0 for other failures', async () => {
    const server = await start();
    submit.mockRejectedValueOnce(Object.assign(new Error('SES down'), { name: 'OutboundSendError' }));
    const outbound = await replyOf(sendVia(server));
    submit.mockRejectedValueOnce(new Error('table gone'));
    const other = await replyOf(sendVia(server));

    expect(outbound).toMatch(/^451 4\.4\.0 /);
    expect(other).toBe('451 4.3.0 Temporary failure; try again later');
  });

  it('refuses a recipient that is not an address with 553 5.1.3 at RCPT', async () => {
    const server = await start({ allowPlaintextAuth: true });
    const smtp = await SmtpDialog.open('127.0.0.1', server.port);
    await smtp.command('EHLO client.example');
    await smtp.command(`AUTH PLAIN ${Buffer.from('\0ana@example.com\0secret').toString('base64')}`);
    await smtp.command('MAIL FROM:<ana@example.com>');

    const reply = await smtp.command('RCPT TO:<ben@localhost>');
    await smtp.close();

    expect(reply).toMatch(/^553 5\.1\.3 /);
  });

  it('refuses AUTH before STARTTLS with 538 unless plaintext AUTH is allowed, without checking the credential', async () => {
    const server = await start();
    const smtp = await SmtpDialog.open('127.0.0.1', server.port);

    const ehlo = await smtp.command('EHLO client.example');
    const auth = await smtp.command(
      `AUTH PLAIN ${Buffer.from('\0ana@example.com\0secret').toString('base64')}`,
    );
    await smtp.close();

    expect(ehlo).toMatch(/^250-STARTTLS$/m);
    expect(auth).toMatch(/^538 /);
    expect(signIn).not.toHaveBeenCalled();
  });

  // Needs an interface other than loopback to connect from; every CI and developer machine has one.
  (outsideAddress ? it : it.skip)(
    'refuses AUTH without TLS from a client not on loopback, even when plaintext AUTH is allowed',
    async () => {
      const server = await start({ allowPlaintextAuth: true, host: '0.0.0.0' });
      const smtp = await SmtpDialog.open(outsideAddress!, server.port);
      await smtp.command('EHLO client.example');

      const auth = await smtp.command(
        `AUTH PLAIN ${Buffer.from('\0ana@example.com\0secret').toString('base64')}`,
      );
      await smtp.close();

      expect(auth).toBe('538 5.7.11 Encryption required: use STARTTLS or port 465 first');
      expect(signIn).not.toHaveBeenCalled();
    },
  );
});

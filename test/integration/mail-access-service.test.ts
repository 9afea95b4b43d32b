import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ImapMailDeps } from '../../lambdas/imap/deps';
import { startMailAccessService, type MailAccessService } from '../../lambdas/handlers/mail-access-service';
import { localTlsCertificate } from '../../lambdas/local/tls-certificate';

/** Collects what a socket receives until `pattern` appears. */
function readUntil(socket: Socket, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Starts the container's servers on free loopback ports; no session signs in. */
async function startService(): Promise<MailAccessService> {
  const refuse = () => Promise.reject(new Error('not reached'));
  return startMailAccessService(
    {
      imap: { mail: {} as ImapMailDeps, signIn: refuse },
      submission: { authenticator: { signInWithPassword: refuse }, submit: refuse },
    },
    {
      host: '127.0.0.1',
      ports: { imap: 0, imapTls: 0, submission: 0, submissionTls: 0 },
      tls: await localTlsCertificate(undefined, ['mail.example.com']),
      mailHost: 'mail.example.com',
    },
  );
}

describe('Container: startMailAccessService', () => {
  let service: MailAccessService;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(() => service.stop());

  it('offers STARTTLS on the IMAP port and refuses passwords before it, even from loopback', async () => {
    const socket = connectTcp(service.ports.imap, '127.0.0.1');
    await readUntil(socket, /^\* OK/);
    socket.write('a CAPABILITY\r\n');
    const capabilities = await readUntil(socket, /a OK/);
    socket.destroy();

    expect(capabilities).toMatch(/STARTTLS/);
    expect(capabilities).toMatch(/LOGINDISABLED/);
  });

  it('serves IMAP and submission over implicit TLS on their ports', async () => {
    const imap = connectTls({ port: service.ports.imapTls, host: '127.0.0.1', rejectUnauthorized: false });
    const smtp = connectTls({
      port: service.ports.submissionTls,
      host: '127.0.0.1',
      rejectUnauthorized: false,
    });
    const [imapGreeting, smtpGreeting] = await Promise.all([
      readUntil(imap, /\r\n/),
      readUntil(smtp, /\r\n/),
    ]);
    imap.destroy();
    smtp.destroy();

    expect(imapGreeting).toMatch(/^\* OK/);
    expect(smtpGreeting).toMatch(/^220 mail\.example\.com/);
  });

  it('offers STARTTLS on the submission port', async () => {
    const socket = connectTcp(service.ports.submission, '127.0.0.1');
    await readUntil(socket, /^220 /);
    socket.write('EHLO client.example\r\n');
    const reply = await readUntil(socket, /^250 /m);
    socket.destroy();

    expect(reply).toMatch(/STARTTLS/);
  });

  it('counts open IMAP sessions and ends them with a BYE when stopped', async () => {
    const own = await startService();
    const socket = connectTcp(own.ports.imap, '127.0.0.1');
    await readUntil(socket, /^\* OK/);
    expect(own.imapConnections()).toBe(1);

    const bye = readUntil(socket, /\* BYE/);
    await own.stop();

    await expect(bye).resolves.toMatch(/\* BYE/);
    await expect(
      new Promise((resolve, reject) => {
        const late = connectTcp(own.ports.imap, '127.0.0.1');
        late.once('connect', () => reject(new Error('still accepting')));
        late.once('error', resolve);
      }),
    ).resolves.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

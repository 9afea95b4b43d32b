import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import type { ImapMailDeps } from '../../lambdas/imap/deps';
import { startImapServer, type RunningImapServer } from '../../lambdas/imap/server';
import { localTlsCertificate } from '../../lambdas/local/tls-certificate';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'limits.example.com';

setFlagsFromString('--expose-gc');
/** V8's collector, so that heap figures show what is held, not garbage waiting to be collected. */
const collectGarbage = runInNewContext('gc') as () => void;

/** A raw IMAP connection: bytes out, lines in, nothing interpreted (so hostile input can be sent as is). */
class RawImap {
  private text = '';
  private closedFlag = false;
  private waiter?: () => void;

  constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.text += chunk;
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number, localAddress = '127.0.0.1'): Promise<RawImap> {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const raw = new RawImap(socket);
    await raw.until(/^\* OK/m);
    return raw;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits until the text received matches, then returns it all and forgets it. */
  async until(pattern: RegExp, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!pattern.test(this.text)) {
      if (this.closedFlag) throw new Error(`closed before ${pattern}: ${this.text.slice(-300)}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms: ${this.text.slice(-300)}`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    const seen = this.text;
    this.text = '';
    return seen;
  }

  /** Sends one tagged command and returns everything up to its completion line. */
  command(tag: string, line: string): Promise<string> {
    this.send(`${tag} ${line}\r\n`);
    return this.until(new RegExp(`^${tag} (OK|NO|BAD)[^\\r]*\\r\\n`, 'm'));
  }

  async waitClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closedFlag && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('E2E: IMAP against bad input (unauthenticated, hostile literals, floods, bad sets, brute force)', () => {
  let mw: TestRuntime;
  let email: string;
  const open: RawImap[] = [];
  const session = async (localAddress?: string) => {
    const raw = await RawImap.open(mw.imap.port, localAddress);
    open.push(raw);
    return raw;
  };
  const signedIn = async () => {
    const raw = await session();
    expect(await raw.command('l', `LOGIN "${email}" "${JMAP_USER_PASSWORD}"`)).toMatch(/^l OK/m);
    return raw;
  };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'imaplimits' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    ({ email } = await jmapUser(mw, OrganizationId!, 'ana', `ana@${DOMAIN}`));
  });

  afterAll(async () => {
    for (const raw of open) raw.socket.destroy();
    await mw?.stop();
  });

  it('answers commands in the wrong state with BAD and keeps the connection', async () => {
    const raw = await session();
    expect(await raw.command('a', 'SELECT INBOX')).toMatch(/^a BAD SELECT is not valid before sign-in/m);
    expect(await raw.command('b', 'FETCH 1 FLAGS')).toMatch(/^b BAD/m);
    expect(await raw.command('c', 'FROBNICATE')).toMatch(/^c BAD/m);
    expect(await raw.command('d', `LOGIN "${email}" "${JMAP_USER_PASSWORD}"`)).toMatch(
      /^d OK \[CAPABILITY /m,
    );
    expect(await raw.command('e', 'FETCH 1 FLAGS')).toMatch(/^e BAD FETCH is not valid now/m);
    expect(await raw.command('f', 'LOGIN again please')).toMatch(/^f BAD/m);
    expect(await raw.command('g', 'UNSELECT')).toMatch(/^g BAD/m);
    expect(await raw.command('h', 'NOOP')).toMatch(/^h OK/m);
  });

  it('refuses malformed and out-of-range sequence sets with BAD', async () => {
    const raw = await signedIn();
    await raw.command('s', 'SELECT INBOX');
    for (const set of ['0', '1:', 'a', '1,,2', '4294967296', '*:0'])
      expect(await raw.command('f', `FETCH ${set} FLAGS`)).toMatch(/^f BAD/m);
    expect(await raw.command('g', 'FETCH 99 FLAGS')).toMatch(/^g BAD Invalid message sequence number/m);
    expect(await raw.command('h', 'UID FETCH 99 FLAGS')).toMatch(/^h OK/m);
  });

  it('refuses a 2 GB literal without reading it, and closes on a non-synchronizing one', async () => {
    const raw = await signedIn();
    raw.send('t APPEND INBOX {2147483648}\r\n');
    expect(await raw.until(/^t /m)).toMatch(/^t NO \[TOOBIG\]/m);
    expect(await raw.command('n', 'NOOP')).toMatch(/^n OK/m);

    raw.send('u APPEND INBOX {2147483648+}\r\n');
    expect(await raw.until(/^\* BYE/m)).toMatch(/^\* BYE /m);
    await raw.waitClosed();
    expect(raw.closed).toBe(true);
  });

  it('holds a 100,000-command flood at bounded memory while the client reads nothing, then answers all in order', async () => {
    const flooder = await signedIn();
    const bystander = await signedIn();
    // Count completions as they stream by, keeping no text.
    let completed = 0;
    let inOrder = true;
    let carry = '';
    flooder.socket.removeAllListeners('data');
    const done = new Promise<void>((resolve) =>
      flooder.socket.on('data', (chunk: string) => {
        const lines = (carry + chunk).split('\r\n');
        carry = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^f(\d+) OK/.exec(line);
          if (!match) continue;
          inOrder &&= Number(match[1]) === completed;
          completed++;
          if (completed === 100_000) resolve();
        }
      }),
    );
    flooder.socket.pause();
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    flooder.send(Array.from({ length: 100_000 }, (_unused, index) => `f${index} NOOP\r\n`).join(''));
    expect(await bystander.command('b', 'LIST "" "*"')).toMatch(/^b OK/m);
    await new Promise((resolve) => setTimeout(resolve, 500));
    collectGarbage();
    const held = process.memoryUsage().heapUsed - before;
    flooder.socket.resume();
    await done;

    expect(held).toBeLessThan(16 * 1024 * 1024);
    expect(completed).toBe(100_000);
    expect(inOrder).toBe(true);
  }, 180_000);

  it('slows a password guesser down without locking the real user out from elsewhere', async () => {
    const guesser = await session();
    const answers: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++)
      answers.push(await guesser.command(`g${attempt}`, `LOGIN "${email}" "wrong-${attempt}"`));

    expect(answers.slice(0, 5).every((answer) => /NO \[AUTHENTICATIONFAILED\]/.test(answer))).toBe(true);
    expect(
      answers.slice(5).every((answer) => /NO \[UNAVAILABLE\] Too many failed sign-ins/.test(answer)),
    ).toBe(true);
    const realUser = await session('127.0.0.2');
    expect(await realUser.command('r', `LOGIN "${email}" "${JMAP_USER_PASSWORD}"`)).toMatch(/^r OK/m);
    expect(await guesser.command('x', `LOGIN "${email}" "${JMAP_USER_PASSWORD}"`)).toMatch(
      /^x NO \[UNAVAILABLE\]/m,
    );
  });

  describe('away from loopback', () => {
    let server: RunningImapServer;
    beforeAll(async () => {
      server = await startImapServer({
        deps: {
          // Nothing past sign-in runs here: only the pre-authentication rules are under test.
          mail: {} as ImapMailDeps,
          signIn: (login, secret, sourceAddress) =>
            mw.userAuth.authenticator.signInWithPassword(login, secret, { sourceAddress, protocol: 'IMAP' }),
        },
        port: 0,
        tls: await localTlsCertificate(undefined, ['localhost']),
        allowPlaintextLogin: () => false,
      });
    });
    afterAll(() => server?.stop());

    it('announces LOGINDISABLED and refuses passwords until STARTTLS', async () => {
      // Another source address than the guesser's above, whose failures are still being counted.
      const raw = await RawImap.open(server.port, '127.0.0.3');
      open.push(raw);
      const capability = await raw.command('c', 'CAPABILITY');
      expect(capability).toMatch(/^\* CAPABILITY .*STARTTLS.*LOGINDISABLED/m);
      expect(capability).not.toMatch(/AUTH=PLAIN/);
      expect(await raw.command('l', `LOGIN "${email}" "${JMAP_USER_PASSWORD}"`)).toMatch(
        /^l NO \[PRIVACYREQUIRED\]/m,
      );
      expect(await raw.command('a', 'AUTHENTICATE PLAIN')).toMatch(/^a NO \[PRIVACYREQUIRED\]/m);
      expect(await raw.command('s', 'STARTTLS')).toMatch(/^s OK/m);
      const secure = tlsConnect({ socket: raw.socket, rejectUnauthorized: false });
      await new Promise<void>((resolve) => secure.once('secureConnect', resolve));
      const tls = new RawImap(secure);
      open.push(tls);
      const after = await tls.command('c', 'CAPABILITY');
      expect(after).toMatch(/AUTH=PLAIN/);
      expect(after).not.toMatch(/STARTTLS|LOGINDISABLED/);
      const plain = Buffer.from(`\u0000${email}\u0000${JMAP_USER_PASSWORD}`).toString('base64');
      expect(await tls.command('a', `AUTHENTICATE PLAIN ${plain}`)).toMatch(/^a OK/m);
    });
  });
});

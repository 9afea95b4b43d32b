import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import { createTokenCommand } from '../../lambdas/local/create-token';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const PASSWORD = 'Correct-horse1';
const EMAIL = 'ana@cli-tokens.mailwright.localhost';

describe('E2E: npm start -- create-token (lambdas/local/create-token.ts)', () => {
  let mw: TestRuntime;

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'cli-tokens' }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
    );
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: EMAIL }));
  });

  afterAll(async () => {
    await mw?.stop();
  });

  /** Runs the command on the test runtime's user services, with `stdinText` piped in. */
  async function run(
    argv: string[],
    stdinText: string,
    open = async () => ({ userAuth: mw.userAuth, close: async () => {} }),
  ) {
    const stdin = new PassThrough();
    stdin.end(stdinText);
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await createTokenCommand(argv, { stdin, stdout, stderr, open });
    return { code, out, err };
  }

  it('prints a new token alone on stdout, once, and the token signs in as the user', async () => {
    const result = await run(
      ['--user', EMAIL, '--name', 'laptop', '--scope', 'mail', '--scope', 'calendar'],
      `${PASSWORD}\n`,
    );

    const token = result.out.trim();
    const signIn = await mw.userAuth.authenticator.authenticate(`Bearer ${token}`, {
      sourceAddress: '127.0.0.1',
      protocol: 'JMAP',
    });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^mwpat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}\n$/);
    expect(result.err).toMatch(/expires \d{4}-\d\d-\d\dT.*not shown again/);
    expect(result.err).not.toContain(token);
    expect(signIn).toMatchObject({
      ok: true,
      user: { email: EMAIL, method: 'token', scopes: ['mail', 'calendar'] },
    });
  });

  it('takes a lifetime in days', async () => {
    const result = await run(['--user', EMAIL, '--name', 'short', '--lifetime-days', '1'], PASSWORD);

    const tokenId = /^mwpat_([0-9a-f]{32})_/.exec(result.out)![1]!;
    const stored = await mw.deps.personalAccessTokens.getToken(tokenId);
    expect(stored!.expiresAt - stored!.createdAt).toBe(86_400_000);
    expect(stored!.scopes).toEqual(['mail']);
  });

  it('refuses a wrong password without saying whether the address exists, and prints no token', async () => {
    const wrong = await run(['--user', EMAIL, '--name', 'x'], 'Wrong-horse1\n');
    const unknown = await run(
      ['--user', 'nobody@cli-tokens.mailwright.localhost', '--name', 'x'],
      'Wrong-horse1\n',
    );

    expect(wrong).toEqual({ code: 1, out: '', err: 'Wrong address or password.\n' });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a token in place of the password', async () => {
    const first = await run(['--user', EMAIL, '--name', 'first'], PASSWORD);

    const second = await run(['--user', EMAIL, '--name', 'second'], first.out);

    expect(second).toEqual({ code: 1, out: '', err: 'Sign in with your password, not a token.\n' });
  });

  it('refuses an invalid token name with the reason', async () => {
    const result = await run(['--user', EMAIL, '--name', 'a<b'], PASSWORD);

    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Name must have 1 to 64 characters/);
  });

  it.each([
    [['--name', 'x']],
    [['--user', EMAIL]],
    [['--user', EMAIL, '--name', 'x', '--lifetime-days', 'soon']],
    [['--user', EMAIL, '--name', 'x', '--bogus']],
  ])('answers a usage error with exit code 2 (%j)', async (argv) => {
    const result = await run(argv, PASSWORD);

    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: npm start -- create-token');
  });

  it('says so when the data directory holds no Mailwright data', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mailwright-empty-'));
    const stdin = new PassThrough();
    stdin.end(PASSWORD);
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));

    const code = await createTokenCommand(['--user', EMAIL, '--name', 'x', '--data', empty], {
      stdin,
      stdout: new PassThrough(),
      stderr,
    });

    expect(code).toBe(1);
    expect(err).toContain(`No Mailwright data in ${empty}`);
  });
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { formatBanner, parseCommandLine, USAGE, UsageError } from '../../lambdas/local/cli';
import type { RunningRuntime } from '../../lambdas/local/runtime';

const started: ChildProcess[] = [];
/** Every listener on a free port, so runs never collide with each other or with a running Mailwright. */
const ZERO_PORTS = [
  '--port',
  '0',
  '--smtp-port',
  '0',
  '--imap-port',
  '0',
  '--imap-tls-port',
  '0',
  '--submission-port',
  '0',
  '--submissions-port',
  '0',
];

/** Runs `bin/local.ts` as `npm start` does, collecting output until `until` appears or the process exits. */
function runLocal(args: string[], env: Record<string, string>, until?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', ...args], {
    env: { HOME: process.env.HOME ?? '/tmp', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const seen = new Promise<void>((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until && output.includes(until)) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(() => resolve());
  });
  return { child, seen, exited, output: () => output };
}

describe('E2E: npm start (lambdas/local/cli.ts)', () => {
  afterEach(async () => {
    // SIGTERM lets the runtime stop its DynamoDB Local child; SIGKILL only if it does not exit in time.
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
  }, 30_000);

  it('parses flags and environment into runtime options', () => {
    const command = parseCommandLine(['--port', '9000', '--memory', '--test-domain-suffix', 'example.test'], {
      AWS_REGION: 'eu-west-1',
      MAILWRIGHT_ADMIN_KEY_ID: 'AKMWFROMENV000000001',
    });

    expect(command).toEqual({
      help: false,
      options: {
        port: 9000,
        smtpPort: 2525,
        imapPort: 1143,
        imapTlsPort: 1993,
        submissionPort: 1587,
        submissionsPort: 1465,
        accountId: '111122223333',
        functionTargets: undefined,
        dataDir: '.mailwright',
        memory: true,
        region: 'eu-west-1',
        testDomainSuffix: 'example.test',
        admin: { accessKeyId: 'AKMWFROMENV000000001', secret: undefined },
        adminSignIn: undefined,
      },
    });
  });

  it('refuses unknown flags and bad ports', () => {
    expect(() => parseCommandLine(['--prot', '1'], {})).toThrow(UsageError);
    expect(() => parseCommandLine(['--port', 'http'], {})).toThrow(/--port must be a port number/);
    expect(() => parseCommandLine(['--account-id', '12'], {})).toThrow(/--account-id must be 12 digits/);
    expect(() => parseCommandLine(['--functions', '/nonexistent/functions.json'], {})).toThrow(/--functions/);
  });

  it('reads the admin console single sign-on settings from --admin-sign-in, naming the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailwright-admin-sign-in-'));
    const file = (name: string, settings: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(settings));
      return join(dir, name);
    };
    const settings = {
      issuer: 'http://127.0.0.1:9999',
      clientId: 'console',
      grants: [{ group: 'mail-admins', allOrganizations: true }],
    };

    const command = parseCommandLine(['--admin-sign-in', file('good.json', settings)], {});

    expect(command.help === false && command.options.adminSignIn).toEqual({
      issuer: { issuer: 'http://127.0.0.1:9999', clientId: 'console' },
      grants: [{ group: 'mail-admins', organizations: '*' }],
      keyLifetimeMinutes: 60,
    });
    expect(() =>
      parseCommandLine(['--admin-sign-in', file('bad.json', { ...settings, keyLifetimeMinutes: 1 })], {}),
    ).toThrow(/--admin-sign-in: cannot use .*keyLifetimeMinutes must be/);
  });

  it('prints credentials, a ready-to-paste CLI example and the ready line', () => {
    const banner = formatBanner({
      endpoint: 'http://127.0.0.1:8080',
      smtp: { host: '127.0.0.1', port: 2525 },
      submission: { host: '127.0.0.1', port: 1587, tlsPort: 1465 },
      imap: { host: '127.0.0.1', port: 1143, tlsPort: 1993 },
      dataDir: '/srv/mw',
      metrics: { file: '/srv/mw/logs/metrics.jsonl' },
      engines: { dynamoDbEndpoint: 'http://127.0.0.1:1', s3Endpoint: 'http://127.0.0.1:4569' },
      outboxDir: '/tmp/outbox',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKMWEXAMPLE000000001', secretAccessKey: 's'.repeat(40) },
      settings: { testDomainSuffix: 'mailwright.localhost' },
    } as unknown as RunningRuntime);

    expect(banner).toContain('export AWS_ACCESS_KEY_ID=AKMWEXAMPLE000000001');
    expect(banner).toContain(`export AWS_SECRET_ACCESS_KEY=${'s'.repeat(40)}`);
    expect(banner).toContain(
      'aws workmail list-organizations --endpoint-url http://127.0.0.1:8080 --region us-east-1',
    );
    expect(banner).toContain('treated as verified locally');
    expect(banner).toContain('SMTP ingress: 127.0.0.1:2525');
    expect(banner).toContain('Webmail: http://127.0.0.1:8080/');
    expect(banner).toContain(
      'outgoing (SMTP): server 127.0.0.1, port 1587 with STARTTLS or port 1465 with SSL/TLS',
    );
    expect(banner).toContain(
      'incoming (IMAP): server 127.0.0.1, port 1143 with STARTTLS or port 1993 with SSL/TLS',
    );
    expect(banner).toContain(
      'user name = your e-mail address, password = your password or a personal access token',
    );
    expect(banner).toContain('/srv/mw/tls/cert.pem');
    expect(banner).toContain(
      "Metrics (WorkMail's nine, as CloudWatch EMF lines): /srv/mw/logs/metrics.jsonl",
    );
    expect(banner).toContain('Local S3 (keys S3RVER/S3RVER, path-style): http://127.0.0.1:4569');
    expect(banner).toContain('Mailwright ready');
  });

  it('prints usage for --help', async () => {
    const run = runLocal(['--help'], { PATH: process.env.PATH ?? '' });

    expect(await run.exited).toBe(0);
    expect(run.output()).toContain(USAGE.split('\n')[0]);
  });

  it('explains what to install when Java is missing, and exits 1', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'mailwright-nojava-'));
    const run = runLocal(['--memory', '--port', '0'], { PATH: emptyPath });

    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Java 17 or newer is required.*apt-get install openjdk-17-jre-headless/s);
  });

  it('starts with configured credentials, serves the API and stops everything on SIGTERM', async () => {
    const secret = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123';
    const run = runLocal(
      ['--memory', ...ZERO_PORTS],
      {
        PATH: process.env.PATH ?? '',
        MAILWRIGHT_ADMIN_KEY_ID: 'AKMWCLITEST000000001',
        MAILWRIGHT_ADMIN_SECRET: secret,
      },
      'Mailwright ready',
    );
    await run.seen;
    const endpoint = /Mailwright admin API: (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1];

    expect(run.output()).toContain('export AWS_ACCESS_KEY_ID=AKMWCLITEST000000001');
    const openApi = await fetch(`${endpoint}/openapi.json`);
    expect(openApi.status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await expect(fetch(`${endpoint}/openapi.json`)).rejects.toThrow();
    expect(run.output()).not.toMatch(/Error|at .*\.ts:\d+/);
  }, 180_000);

  it('stops its engines on a signal during start-up, instead of dying and leaving DynamoDB Local behind', async () => {
    const run = runLocal(['--memory', ...ZERO_PORTS], { PATH: process.env.PATH ?? '' });
    // The signal comes once the runtime has spawned DynamoDB Local (a child process), before it is ready.
    const children = () =>
      spawnSync('ps', ['-o', 'pid=', '--ppid', String(run.child.pid)], { encoding: 'utf8' }).stdout;
    while (!children().trim()) await new Promise((resolve) => setTimeout(resolve, 50));
    run.child.kill('SIGTERM');

    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopping Mailwright');
  }, 180_000);

  it("shows Mailwright's banner first, without the AWS SDK's Node version warning", async () => {
    // On Node < 22 the SDK warns on stderr when its first client is built; newcomers run Node 20 (engines).
    const run = runLocal(['--memory', ...ZERO_PORTS], { PATH: process.env.PATH ?? '' }, 'Mailwright ready');
    await run.seen;

    expect(run.output().split('\n')[0]).toMatch(/^Mailwright admin API: http:\/\/127\.0\.0\.1:\d+ /);
    expect(run.output()).not.toContain('NodeVersionSupportWarning');
  }, 180_000);

  it('keeps delivered mail in --data and reads it back with read-message, running or stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mailwright-data-'));
    const env = { PATH: process.env.PATH ?? '' };
    const run = runLocal(['--data', dataDir, ...ZERO_PORTS], env, 'Mailwright ready');
    await run.seen;
    const endpoint = /Mailwright admin API: (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())![1];
    const smtpPort = Number(/SMTP ingress: 127\.0\.0\.1:(\d+)/.exec(run.output())![1]);
    const accessKeyId = /AWS_ACCESS_KEY_ID=(\S+)/.exec(run.output())![1];
    const secretAccessKey = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(run.output())![1];
    const workmail = new WorkMailClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey },
    });
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'persist' }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'pat', DisplayName: 'Pat', Password: 'Corr3ct-Horse' }),
    );
    const address = 'pat@persist.mailwright.localhost';
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: address }));
    workmail.destroy();
    const raw = Buffer.from(
      `From: a@outside.example\r\nTo: ${address}\r\nSubject: kept\r\n\r\nHello, disk.\r\n`,
    );
    await createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true }).sendMail({
      envelope: { from: 'a@outside.example', to: [address] },
      raw,
    });

    const listed = runLocal(['read-message', '--data', dataDir, '--user', address], env);
    expect(await listed.exited).toBe(0);
    const listing = listed
      .output()
      .split('\n')
      .find((line) => line.includes('\t'));
    const messageId = listing!.split('\t')[0];
    const whileRunning = runLocal(
      ['read-message', '--data', dataDir, '--user', address, '--message-id', messageId],
      env,
    );
    expect(await whileRunning.exited).toBe(0);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const afterStop = runLocal(
      ['read-message', '--data', dataDir, '--user', address, '--message-id', messageId],
      env,
    );
    expect(await afterStop.exited).toBe(0);

    expect(listed.output()).toContain('kept');
    expect(whileRunning.output()).toContain(raw.toString());
    expect(afterStop.output()).toContain(raw.toString());
  }, 240_000);
});

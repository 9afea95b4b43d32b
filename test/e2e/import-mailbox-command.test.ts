import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import yazl from 'yazl';

const started: ChildProcess[] = [];
const ZERO_PORTS = ['--port', '0', '--smtp-port', '0', '--imap-port', '0', '--imap-tls-port', '0'];
const MORE_ZERO_PORTS = ['--submission-port', '0', '--submissions-port', '0'];

/** Runs `bin/local.ts` as `npm start` does, collecting output until `until` appears or the process exits. */
function runLocal(args: string[], until?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', ...args], {
    env: {
      HOME: process.env.HOME ?? '/tmp',
      AWS_EC2_METADATA_DISABLED: 'true',
      PATH: process.env.PATH ?? '',
    },
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

/** A zip written by yazl (not by Mailwright), with messages in Inbox and in a user folder. */
async function zipOf(path: string, entries: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  await new Promise((resolve, reject) =>
    zip.outputStream
      .pipe(createWriteStream(path))
      .on('close', () => resolve(undefined))
      .on('error', reject),
  );
}

describe('E2E: npm start -- import-mailbox', () => {
  afterAll(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);

  it('imports a zip into a mailbox of the running runtime, creating its folder, and a second run adds nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mailwright-import-'));
    const run = runLocal(['--data', dataDir, ...ZERO_PORTS, ...MORE_ZERO_PORTS], 'Mailwright ready');
    await run.seen;
    const endpoint = /Mailwright admin API: (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())![1];
    const accessKeyId = /AWS_ACCESS_KEY_ID=(\S+)/.exec(run.output())![1]!;
    const secretAccessKey = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(run.output())![1]!;
    const workmail = new WorkMailClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey },
    });
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'movers' }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'max', DisplayName: 'Max', Password: 'Corr3ct-Horse' }),
    );
    const address = 'max@movers.mailwright.localhost';
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: address }));
    workmail.destroy();
    const zip = join(dataDir, 'old-mailbox.zip');
    const message = (subject: string) =>
      `From: old@example.org\r\nSubject: ${subject}\r\n\r\nFrom the old server.\r\n`;
    await zipOf(zip, {
      'Inbox/1.eml': message('First moved'),
      'Inbox/2.eml': message('Second moved'),
      'Archive/2019/7.eml': message('Archived'),
      'notes.txt': 'not a message',
    });

    const first = runLocal(['import-mailbox', '--data', dataDir, '--user', address, '--file', zip]);
    const firstCode = await first.exited;
    const second = runLocal(['import-mailbox', '--data', dataDir, '--user', address, '--file', zip]);
    const secondCode = await second.exited;
    const listed = runLocal(['read-message', '--data', dataDir, '--user', address]);
    await listed.exited;
    const unknown = runLocal([
      'import-mailbox',
      '--data',
      dataDir,
      '--user',
      'nobody@movers.mailwright.localhost',
      '--file',
      zip,
    ]);

    expect([firstCode, secondCode]).toEqual([0, 0]);
    expect(first.output()).toContain('3 messages in the mailbox from 4 entries (1 skipped)');
    expect(
      listed
        .output()
        .split('\n')
        .filter((line) => line.includes('\t')),
    ).toHaveLength(2);
    expect(listed.output()).toContain('First moved');
    expect(await unknown.exited).toBe(1);
  }, 240_000);
});

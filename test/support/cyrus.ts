import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CyrusInstall } from './cyrus-packages';
import { ImapDialog } from './imap-dialog';
import { connectJmap, type JmapCaller } from './jmap-caller';
import { serverProcess } from './server-process';

export { obtainCyrus, type CyrusInstall } from './cyrus-packages';

const run = promisify(execFile);

/** Cyrus's admin account; `sasl_pwcheck_method: alwaystrue` accepts any password, so this is loopback-only. */
const ADMIN = 'cyrus';
const ANY_PASSWORD = 'x';

/** A Cyrus server with one user's mail, started by {@link startCyrus}. */
export interface RunningCyrus {
  /** JMAP (Basic auth, relative session URLs resolved) on the user's account. */
  readonly jmap: JmapCaller;
  /** Stops the master process and its services and deletes the server's directory. */
  stop(): Promise<void>;
}

/** Who the Cyrus processes run as: never root (its services refuse to), so root hands them to `nobody`. */
interface RunAs {
  readonly env: NodeJS.ProcessEnv;
  readonly uid?: number;
  readonly gid?: number;
}

async function runAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) {
    const { stdout: group } = await run('id', ['-gn']);
    return { env: { CYRUS_USER: userInfo().username, CYRUS_GROUP: group.trim() } };
  }
  const [uid, gid, group] = await Promise.all(
    [['-u'], ['-g'], ['-gn']].map(async (flags) => (await run('id', [...flags, 'nobody'])).stdout.trim()),
  );
  return { env: { CYRUS_USER: 'nobody', CYRUS_GROUP: group }, uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The private configuration: JMAP over httpd, conversations (threads) and a Xapian search tier, all in `dir`. */
function imapdConf(dir: string): string {
  return [
    `configdirectory: ${dir}/conf`,
    `partition-default: ${dir}/spool`,
    `admins: ${ADMIN}`,
    'sasl_pwcheck_method: alwaystrue',
    'sasl_mech_list: PLAIN',
    'allowplaintext: yes',
    'httpmodules: jmap',
    'conversations: 1',
    'conversations_db: twoskip',
    'unixhierarchysep: yes',
    'altnamespace: yes',
    'search_engine: xapian',
    'defaultsearchtier: t1',
    // Squatter 3.6.1 re-indexes the first batch forever when a mailbox holds more messages than a batch (20).
    'search_batchsize: 1000',
    // Keep 8-bit header bytes (RFC 6532) as sent; Cyrus replaces them with "X" by default.
    'munge8bit: no',
    `t1searchpartition-default: ${dir}/search`,
    `lmtpsocket: ${dir}/socket/lmtp`,
    `idlesocket: ${dir}/socket/idle`,
    `notifysocket: ${dir}/socket/notify`,
    'syslog_prefix: mailwright-test-cyrus',
    '',
  ].join('\n');
}

/** The master's services: Debian's binaries by absolute path, each told where the configuration is. */
function cyrusConf(install: CyrusInstall, config: string, ports: { imap: number; http: number }): string {
  const cmd = (name: string, ...args: string[]) => [install.bin(name), '-C', config, ...args].join(' ');
  return [
    `START { recover cmd="${cmd('ctl_cyrusdb', '-r')}" }`,
    'SERVICES {',
    `  imap cmd="${cmd('imapd')}" listen="127.0.0.1:${ports.imap}" prefork=0`,
    `  http cmd="${cmd('httpd')}" listen="127.0.0.1:${ports.http}" prefork=0`,
    '}',
    'EVENTS { }',
    '',
  ].join('\n');
}

async function waitForPort(port: number, master: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (master.exitCode !== null) throw new Error(`Cyrus master exited with ${master.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => resolve(true))
        .once('error', () => resolve(false));
      socket.once('connect', () => socket.destroy());
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Cyrus did not listen on ${port}`);
}

/** IMAP's `date-time` (RFC 3501 §9), in UTC. */
function imapDate(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(' ');
  return `"${day}-${month}-${year} ${time} +0000"`;
}

/** Creates the user (as admin) and APPENDs each message into its INBOX, in order, with its received time. */
async function deliver(port: number, user: string, messages: readonly Message[]): Promise<void> {
  const admin = await ImapDialog.open('127.0.0.1', port);
  await admin.command(`LOGIN ${ADMIN} ${ANY_PASSWORD}`);
  await admin.command(`CREATE user/${user}`);
  await admin.close();
  const imap = await ImapDialog.open('127.0.0.1', port);
  await imap.command(`LOGIN ${user} ${ANY_PASSWORD}`);
  for (const { raw, receivedAt } of messages)
    await imap.command(`APPEND INBOX () ${imapDate(receivedAt)}`, raw);
  await imap.close();
}

/** One message to deliver: its bytes (CRLF line ends, as IMAP requires) and the time it was received. */
export interface Message {
  readonly raw: Buffer;
  readonly receivedAt: Date;
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  for (const entry of await readdir(path, { withFileTypes: true }))
    if (entry.isDirectory()) await chownTree(join(path, entry.name), uid, gid);
    else await chown(join(path, entry.name), uid, gid);
}

/**
 * Starts Debian's Cyrus (imapd + httpd with JMAP) on free loopback ports in a temporary directory, delivers
 * `messages` into `user`'s INBOX over IMAP APPEND, indexes them with `squatter` and opens JMAP as that user.
 * @param install - from `obtainCyrus()`
 * @example
 * const cyrus = await startCyrus(install, { user: 'ana', messages });
 * const { ids } = await cyrus.jmap.call('Email/query', {});
 * await cyrus.stop();
 */
export async function startCyrus(
  install: CyrusInstall,
  options: { user: string; messages: readonly Message[] },
): Promise<RunningCyrus> {
  const dir = await mkdtemp(join(tmpdir(), 'mailwright-cyrus-'));
  const config = join(dir, 'imapd.conf');
  const ports = { imap: await freePort(), http: await freePort() };
  const as = await runAs();
  const server = serverProcess(dir);
  const stop = () => server.stop();
  try {
    for (const sub of ['conf', 'spool', 'search', 'socket']) await mkdir(join(dir, sub));
    await writeFile(config, imapdConf(dir));
    await writeFile(join(dir, 'cyrus.conf'), cyrusConf(install, config, ports));
    if (as.uid !== undefined) await chownTree(dir, as.uid, as.gid!);
    const env = { ...install.env, ...as.env };
    const master = spawn(
      install.bin('master'),
      ['-C', config, '-M', join(dir, 'cyrus.conf'), '-p', join(dir, 'pid')],
      {
        env,
        detached: true,
        stdio: 'ignore',
      },
    );
    server.adopt(master);
    await Promise.all([waitForPort(ports.imap, master), waitForPort(ports.http, master)]);
    await deliver(ports.imap, options.user, options.messages);
    await run(install.bin('squatter'), ['-C', config, '-u', options.user], { env, uid: as.uid, gid: as.gid });
    const basic = `Basic ${Buffer.from(`${options.user}:${ANY_PASSWORD}`).toString('base64')}`;
    const jmap = await connectJmap(`http://127.0.0.1:${ports.http}/jmap/`, basic);
    return { jmap, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

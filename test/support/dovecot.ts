import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../lambdas/local/free-port';
import {
  obtainDovecot,
  RELATIVE_MODULE_DIR,
  type DovecotAvailability,
  type DovecotInstall,
} from './dovecot-packages';
import { serverProcess } from './server-process';

export { obtainDovecot, type DovecotInstall } from './dovecot-packages';

const run = promisify(execFile);

/** A mail user of the test Dovecot: its IMAP login and the Maildir its INBOX lives in. */
export interface DovecotUser {
  readonly user: string;
  readonly pass: string;
  /** `<home>/Maildir`: INBOX is `cur/`+`new/`, folder `X` is `.X/` (Maildir++). */
  readonly maildir: string;
}

/** Who owns the mail files (uid/gid the imap processes run as). */
export interface MailOwner {
  readonly uid: number;
  readonly gid: number;
}

/** A Dovecot imapd started by {@link startDovecot}. */
export interface RunningDovecot {
  readonly host: string;
  readonly port: number;
  readonly users: Readonly<Record<string, DovecotUser>>;
  /** Files written straight into a Maildir must belong to this owner. */
  readonly owner: MailOwner;
  /** The master process; the login, auth and imap processes are its children. */
  readonly masterPid: number;
  readonly version: string;
  /** Stops the master and its children and deletes the server's directory. */
  stop(): Promise<void>;
}

/** Who Dovecot's processes run as: passwd-file refuses UID 0, so root hands mail (and logins) to `nobody`. */
interface RunAs extends MailOwner {
  readonly user: string;
  readonly group: string;
}

async function runAs(): Promise<RunAs> {
  const name = process.getuid?.() === 0 ? 'nobody' : userInfo().username;
  const [uid, gid, group] = await Promise.all(
    ['-u', '-g', '-gn'].map(async (flag) => (await run('id', [flag, name])).stdout.trim()),
  );
  return { user: name, group, uid: Number(uid), gid: Number(gid) };
}

/** The private configuration: every path inside `dir` or the unpacked tree, loopback only, no TLS, no delays. */
function dovecotConf(install: DovecotInstall, dir: string, port: number, as: RunAs): string {
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
libexec_dir = ${install.libexecDir}
mail_plugin_dir = ${install.moduleDir}
login_plugin_dir = ${install.moduleDir}/login
# The master clears its children's environment: keep the private libraries.
import_environment = TZ LD_LIBRARY_PATH=${install.env.LD_LIBRARY_PATH}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${as.user}
default_internal_group = ${as.group}
default_login_user = ${as.user}
first_valid_uid = ${as.uid}
first_valid_gid = ${as.gid}
mail_location = maildir:~/Maildir
# One imap process per connection (Dovecot's default): room for the benchmark's 200 idle connections.
default_process_limit = 1000
protocol imap {
  mail_max_userip_connections = 1000
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
`;
}

/** Resolves once a connection is greeted with `* OK ... ready` (not "Waiting for authentication process"). */
async function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(port, '127.0.0.1');
    const done = (ready: boolean) => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (/^\* OK .*ready\./m.test(text)) done(true);
    });
  });
}

async function waitUntilReady(port: number, master: ChildProcess, log: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (master.exitCode !== null) break;
    if (await greets(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tail = (await readFile(log, 'utf8').catch(() => '')).split('\n').slice(-5).join('\n');
  throw new Error(`Dovecot did not become ready on ${port} (exit code ${master.exitCode}): ${tail}`);
}

let availability: Promise<DovecotAvailability> | undefined;
const dovecotAvailability = () => (availability ??= obtainDovecot());

/**
 * `describe` when Debian's Dovecot can be had, else `describe.skip` after a warning that says why.
 * @param what - the suite that needs it, for the warning
 * @example
 * const describeWithDovecot = await skipUnlessDovecot('the IMAP reference test');
 * describeWithDovecot('E2E: ...', () => { ... });
 */
export async function skipUnlessDovecot(what: string): Promise<jest.Describe> {
  const found = await dovecotAvailability();
  if (found.ok) return describe;
  console.warn(`SKIPPED: ${what} needs Debian's Dovecot: ${found.reason}`);
  return describe.skip;
}

/**
 * Starts Debian's Dovecot imapd (unpacked, see dovecot-packages.ts) on a free loopback port with a private
 * configuration in a temporary directory: passwd-file users with plain passwords, Maildir homes, plain-text
 * LOGIN/AUTHENTICATE PLAIN without TLS and without the failed-login delay.
 * @param options - user names (default `ana` and `bruno`); each gets the password `<name>-secret`
 * @example
 * const dovecot = await startDovecot();
 * const { user, pass } = dovecot.users.ana;
 * await dovecot.stop();
 */
export async function startDovecot(options: { users?: readonly string[] } = {}): Promise<RunningDovecot> {
  const found = await dovecotAvailability();
  if (!found.ok) throw new Error(found.reason);
  const { install } = found;
  const dir = await mkdtemp(join(tmpdir(), 'mailwright-dovecot-'));
  const config = join(dir, 'dovecot.conf');
  const server = serverProcess(dir);
  const stop = () => server.stop();
  try {
    const [port, as] = await Promise.all([freePort(), runAs()]);
    // The mail owner must reach the homes inside the (0700) temporary directory.
    await chmod(dir, 0o711);
    for (const sub of ['run', 'state', 'mail']) await mkdir(join(dir, sub));
    await chown(join(dir, 'mail'), as.uid, as.gid);
    await symlink(install.moduleDir, join(dir, 'run', RELATIVE_MODULE_DIR));
    const users: Record<string, DovecotUser> = {};
    for (const name of options.users ?? ['ana', 'bruno']) {
      const home = join(dir, 'mail', name);
      await mkdir(home);
      await chown(home, as.uid, as.gid);
      users[name] = { user: name, pass: `${name}-secret`, maildir: join(home, 'Maildir') };
    }
    const passwd = Object.values(users).map(
      ({ user, pass }) => `${user}:{PLAIN}${pass}:${as.uid}:${as.gid}::${join(dir, 'mail', user)}\n`,
    );
    await writeFile(join(dir, 'users'), passwd.join(''));
    await writeFile(config, dovecotConf(install, dir, port, as));
    // doveconf parses the configuration and execs the master with it: the master's own fallback execs
    // /usr/bin/doveconf, which is not installed.
    const master = spawn(
      install.doveconf,
      ['-c', config, '-m', 'master', '-p', '-e', install.master, '-F', '-c', config],
      {
        env: install.env,
        detached: true,
        stdio: 'ignore',
      },
    );
    server.adopt(master);
    await waitUntilReady(port, master, join(dir, 'dovecot.log'));
    return {
      host: '127.0.0.1',
      port,
      users,
      owner: { uid: as.uid, gid: as.gid },
      masterPid: master.pid!,
      version: install.version,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ImapAccount } from './imap-corpus';

const run = promisify(execFile);

/** What one mbsync run did: its exit code and output. */
export interface MbsyncRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The far side (an IMAP account, optionally IMAPS trusting one certificate) and the near Maildir tree. */
export interface MbsyncOptions {
  readonly account: ImapAccount;
  /** Root of the local Maildir++ tree: INBOX is `<maildir>/INBOX`, folder X is `<maildir>/X`. */
  readonly maildir: string;
  /** Implicit TLS (`SSLType IMAPS`) trusting this PEM certificate; plain IMAP (`SSLType None`) without it. */
  readonly certificateFile?: string;
}

/** Whether isync's `mbsync` is on the PATH (`.ci/run` installs it). */
export async function hasMbsync(): Promise<boolean> {
  return run('mbsync', ['--version']).then(
    () => true,
    () => false,
  );
}

/** The generated rc: one channel, every folder, both directions, creations and expunges propagated. */
function mbsyncrc({ account, maildir, certificateFile }: MbsyncOptions, state: string): string {
  const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;
  return [
    'IMAPAccount far',
    `Host ${account.host}`,
    `Port ${account.port}`,
    `User ${quote(account.user)}`,
    `Pass ${quote(account.pass)}`,
    ...(certificateFile ? ['SSLType IMAPS', `CertificateFile ${certificateFile}`] : ['SSLType None']),
    // mbsync prefers AUTHENTICATE; LOGIN works with any server (and is what plain-text tests want).
    'AuthMechs LOGIN',
    '',
    'IMAPStore far-store',
    'Account far',
    '',
    'MaildirStore near',
    `Path ${maildir}/`,
    `Inbox ${maildir}/INBOX`,
    'SubFolders Verbatim',
    '',
    'Channel both',
    'Far :far-store:',
    'Near :near:',
    'Patterns *',
    'Create Both',
    'Expunge Both',
    `SyncState ${state}/`,
    'Sync All',
    '',
  ].join('\n');
}

/**
 * Runs `mbsync -c <generated rc> -a` once: a two-way sync of every folder between the IMAP account and a local
 * Maildir tree (`Sync All`, `Create Both`, `Expunge Both`). The sync state is kept in `<maildir>-mbsync-state/`, so
 * a second run with the same `maildir` syncs only what changed on either side.
 * @param options - the account, the Maildir root and optionally the certificate for IMAPS
 * @example
 * const sync = await runMbsync({ account: { host, port, user, pass }, maildir: '/tmp/m' });
 * expect(sync.code).toBe(0);
 */
export async function runMbsync(options: MbsyncOptions): Promise<MbsyncRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mailwright-mbsync-'));
  const rc = join(dir, 'mbsyncrc');
  await mkdir(options.maildir, { recursive: true });
  await writeFile(rc, mbsyncrc(options, `${options.maildir}-mbsync-state`), { mode: 0o600 });
  try {
    const { stdout, stderr } = await run('mbsync', ['-c', rc, '-a'], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

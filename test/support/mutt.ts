import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ImapAccount } from './imap-corpus';

const run = promisify(execFile);

/** What one mutt run did. */
export interface MuttRun {
  readonly code: number;
  readonly output: string;
}

/** A message for {@link sendWithMutt}, submitted to `smtp` (AUTH with the account's credentials). */
export interface MuttMessage {
  readonly smtp: ImapAccount;
  /** STARTTLS trusting this PEM certificate; plain text (loopback only) without it. */
  readonly certificateFile?: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** Whether `mutt` and `script` (util-linux, for the pseudo-terminal mutt's reader needs) are on the PATH. */
export async function hasMutt(): Promise<boolean> {
  return Promise.all([run('mutt', ['-v']), run('script', ['--version'])]).then(
    () => true,
    () => false,
  );
}

const quote = (value: string) => `"${value.replace(/[\\"$`]/g, '\\$&')}"`;

/** Settings every run shares: no questions, nothing read from the user's own files. */
const QUIET = [
  'set confirmappend=no',
  'set confirmcreate=no',
  'set move=no',
  'set quit=yes',
  'set wait_key=no',
  'set mbox_type=mbox',
  'set header_cache=""',
  'set message_cachedir=""',
  'set imap_passive=no',
  // With messages tagged, a function applies to all of them.
  'set auto_tag=yes',
];

/** STARTTLS required, trusting exactly `certificateFile`; or no TLS at all (loopback) without one. */
const tlsSettings = (certificateFile: string | undefined) =>
  certificateFile
    ? ['set ssl_starttls=yes', 'set ssl_force_tls=yes', `set certificate_file=${quote(certificateFile)}`]
    : ['set ssl_starttls=no', 'set ssl_force_tls=no'];

/** Runs `command` with a private muttrc in a fresh directory, which is deleted afterwards. */
async function withMuttrc<T>(
  lines: readonly string[],
  act: (dir: string, rc: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mailwright-mutt-'));
  const rc = join(dir, 'muttrc');
  await writeFile(rc, [...QUIET, ...lines, ''].join('\n'), { mode: 0o600 });
  try {
    return await act(dir, rc);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs mutt with stdin and a deadline; mutt's exit code and combined output. */
function mutt(
  args: readonly string[],
  stdin: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MuttRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0], args.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(stdin);
  });
}

/**
 * Sends one message with mutt in batch mode (`mutt -F <rc> -s <subject> -- <to>` with the body on stdin, no
 * terminal needed) through `set smtp_url=smtp://<user>@<host>:<port>/`, AUTH with `smtp_pass`, after STARTTLS when
 * given a certificate to trust.
 * @param message - the submission server and the message
 * @example
 * const sent = await sendWithMutt({ smtp: { host, port, user, pass }, from: 'ana@example.com',
 *   to: 'bruno@example.com', subject: 'hi', body: 'hello\n' });
 * expect(sent.code).toBe(0);
 */
export async function sendWithMutt(message: MuttMessage): Promise<MuttRun> {
  const { smtp } = message;
  const settings = [
    `set smtp_url=${quote(`smtp://${encodeURIComponent(smtp.user)}@${smtp.host}:${smtp.port}/`)}`,
    `set smtp_pass=${quote(smtp.pass)}`,
    `set from=${quote(message.from)}`,
    'set use_from=yes',
    'set record=""',
    ...tlsSettings(message.certificateFile),
  ];
  return withMuttrc(settings, (_, rc) =>
    mutt(['mutt', '-n', '-F', rc, '-s', message.subject, '--', message.to], message.body),
  );
}

/**
 * Reads an IMAP folder with mutt's reader, non-interactively: mutt opens `imap://<user>@<host>:<port>/<folder>`
 * under `script` (a pseudo-terminal), tags every message, copies them to a local mbox and quits; the mbox text is
 * returned (empty when mutt copied nothing). With `certificateFile`, mutt requires STARTTLS and trusts that certificate.
 * @param account - the IMAP server and user
 * @param folder - e.g. `INBOX`
 * @param certificateFile - the server's PEM certificate, for STARTTLS
 * @example
 * const { mbox } = await readFolderWithMutt({ host, port, user, pass }, 'INBOX');
 * expect(mbox).toContain('Subject: hi');
 */
export async function readFolderWithMutt(
  account: ImapAccount,
  folder: string,
  certificateFile?: string,
): Promise<MuttRun & { readonly mbox: string }> {
  const settings = [
    `set imap_user=${quote(account.user)}`,
    `set imap_pass=${quote(account.pass)}`,
    ...tlsSettings(certificateFile),
  ];
  return withMuttrc(settings, async (dir, rc) => {
    const mbox = join(dir, 'copied.mbox');
    const url = `imap://${encodeURIComponent(account.user)}@${account.host}:${account.port}/${folder}`;
    const keys = `<tag-pattern>~A<enter><copy-message>${mbox}<enter><quit>`;
    const command = ['mutt', '-n', '-F', rc, '-f', url, '-e', `push ${quote(keys)}`].map(shellWord).join(' ');
    const ran = await mutt(['script', '-qec', command, '/dev/null'], '', { ...process.env, TERM: 'xterm' });
    return { ...ran, mbox: await readFile(mbox, 'latin1').catch(() => '') };
  });
}

/** A POSIX shell word: single-quoted, for the command line `script -c` hands to the shell. */
const shellWord = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

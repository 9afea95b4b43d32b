import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDovecot, type RunningDovecot } from '../support/dovecot';
import { measureImapServer, type BenchMessage, type ImapBenchServer } from './imap-bench';
import { mailwrightBenchServer } from './imap-mailwright';
import { processTree } from './process-memory';

/**
 * Writes messages straight into Dovecot's Maildir++ (`<maildir>/.<mailbox>/cur/`, INBOX is `<maildir>/cur/`):
 * 50,000 APPENDs would take minutes, files take seconds. The internal date is the file's mtime; Dovecot assigns
 * UIDs and builds its index at the first SELECT (the benchmark's warm-up run).
 */
async function writeMaildir(
  dovecot: RunningDovecot,
  user: string,
  mailbox: string,
  messages: readonly BenchMessage[],
) {
  const { maildir } = dovecot.users[user];
  const folder = mailbox === 'INBOX' ? maildir : join(maildir, `.${mailbox}`);
  const { uid, gid } = dovecot.owner;
  for (const dir of [maildir, folder, ...['cur', 'new', 'tmp'].map((sub) => join(folder, sub))]) {
    await mkdir(dir, { recursive: true });
    await chown(dir, uid, gid);
  }
  await writeFile(join(folder, 'maildirfolder'), '');
  for (const [index, { raw, internalDate }] of messages.entries()) {
    const seconds = Math.floor(internalDate.getTime() / 1000);
    const file = join(folder, 'cur', `${seconds}.M${index}P${process.pid}.bench,S=${raw.length}:2,`);
    await writeFile(file, raw);
    await chown(file, uid, gid);
    await utimes(file, internalDate, internalDate);
  }
}

/**
 * Debian's Dovecot 2.3 (test/support/dovecot.ts) as a benchmark server, user `ana`.
 * @example
 * const figures = await measureImapServer(await dovecotBenchServer());
 */
export async function dovecotBenchServer(): Promise<ImapBenchServer> {
  const dovecot = await startDovecot({ users: ['ana'] });
  const { user, pass } = dovecot.users.ana;
  return {
    name: 'Dovecot',
    host: dovecot.host,
    port: dovecot.port,
    user,
    pass,
    load: (mailbox, messages) => writeMaildir(dovecot, user, mailbox, messages),
    processIds: () => processTree(dovecot.masterPid),
    stop: dovecot.stop,
  };
}

/** The servers compared, baseline first: every figure of the others gets a `<name> ÷ Dovecot` ratio. */
const SERVERS: readonly (() => Promise<ImapBenchServer>)[] = [dovecotBenchServer, mailwrightBenchServer];

/** Runs every server one after the other and reports each figure, plus ratios against the first (Dovecot). */
export async function benchImap(): Promise<Record<string, number>> {
  const measured: { name: string; figures: Record<string, number> }[] = [];
  for (const start of SERVERS) {
    const server = await start();
    try {
      measured.push({ name: server.name, figures: await measureImapServer(server) });
    } finally {
      await server.stop();
    }
  }
  const [baseline, ...others] = measured;
  const figures: Record<string, number> = {};
  for (const { name, figures: own } of measured)
    for (const [figure, value] of Object.entries(own)) figures[`${name}: ${figure}`] = value;
  for (const { name, figures: own } of others)
    for (const [figure, value] of Object.entries(own))
      figures[`${name} ÷ ${baseline.name}: ${figure}`] = Number(
        (value / baseline.figures[figure]).toFixed(2),
      );
  return figures;
}

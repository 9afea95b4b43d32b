import { ImapClient } from '../support/imap-client';
import { processMemory } from './process-memory';

/** One synthetic message: bytes (CRLF) and internal date. */
export interface BenchMessage {
  readonly raw: Buffer;
  readonly internalDate: Date;
}

/**
 * An IMAP server under benchmark. `load` fills a mailbox however is fastest for that server (Dovecot: Maildir files
 * written directly); `processIds` lists the processes whose memory counts (Dovecot: the master and its children).
 */
export interface ImapBenchServer {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly pass: string;
  load(mailbox: string, messages: readonly BenchMessage[]): Promise<void>;
  processIds(): Promise<number[]>;
  stop(): Promise<void>;
}

export const SMALL = { mailbox: 'Small', count: 1_000 };
export const LARGE = { mailbox: 'Large', count: 50_000 };
/** The word `UID SEARCH TEXT` looks for: in the body of 10 messages of the large mailbox, spread out. */
export const SEARCH_WORD = 'zanzibar';
const SEARCH_HITS = 10;
const IDLE_CONNECTIONS = 200;
const ROUNDS = 5;

const WORDS = [
  'budget',
  'meeting',
  'report',
  'lunch',
  'travel',
  'invoice',
  'project',
  'review',
  'draft',
  'notes',
];

/**
 * `count` messages of about 1 KB, a minute apart; every `count / 10`-th of the large mailbox mentions
 * {@link SEARCH_WORD}.
 * @example
 * await server.load('Small', benchMessages(1_000, false));
 */
export function benchMessages(count: number, withSearchHits: boolean): BenchMessage[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => {
    const topic = `${WORDS[index % WORDS.length]} ${WORDS[(index * 7) % WORDS.length]}`;
    const hit = withSearchHits && index % (count / SEARCH_HITS) === count / SEARCH_HITS / 2;
    const lines = Array.from({ length: 12 }, (_, line) => `Line ${line} about the ${topic}, item ${index}.`);
    if (hit) lines.splice(6, 0, `We meet in ${SEARCH_WORD} next week.`);
    const date = new Date(start + index * 60_000);
    const raw = [
      `From: Sender ${index % 50} <sender${index % 50}@example.net>`,
      'To: Ana <ana@example.com>',
      `Subject: The ${topic} #${index}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <bench-${index}@example.net>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      ...lines,
      '',
    ].join('\r\n');
    return { raw: Buffer.from(raw), internalDate: date };
  });
}

/** Median of `rounds` timings of `act`, in milliseconds, after one warm-up run. */
async function medianMs(act: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await act();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await act();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(rounds / 2)].toFixed(2));
}

async function ok(reply: Promise<{ status: string }>, what: string): Promise<void> {
  const { status } = await reply;
  if (status !== 'OK') throw new Error(`${what} answered ${status}`);
}

/** Memory per idle authenticated connection: the processes' growth while `count` connections sit after LOGIN. */
async function idleConnectionMemory(server: ImapBenchServer, count: number): Promise<Record<string, number>> {
  const before = await processMemory(await server.processIds());
  const clients: ImapClient[] = [];
  try {
    for (let opened = 0; opened < count; opened++) {
      const client = await ImapClient.connect(server.host, server.port);
      clients.push(client);
      await client.login(server.user, server.pass);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await processMemory(await server.processIds());
    return {
      'idle connection RSS KiB': Math.round((after.rssKiB - before.rssKiB) / count),
      'idle connection PSS KiB': Math.round((after.pssKiB - before.pssKiB) / count),
      'processes with 200 idle connections': after.processes,
    };
  } finally {
    await Promise.all(clients.map((client) => client.logout().catch(() => client.destroy())));
  }
}

/**
 * Loads the two mailboxes into `server` and measures it: SELECT and `UID FETCH 1:* (FLAGS)` on 1,000 and on
 * 50,000 messages, `FETCH BODY.PEEK[HEADER]` of the newest 100, `UID SEARCH TEXT` with 10 hits, and the memory of
 * an idle authenticated connection. Times are medians in ms; responses are read without parsing.
 * @param server - e.g. `await dovecotBenchServer()`
 * @example
 * const figures = await measureImapServer(await dovecotBenchServer());
 */
export async function measureImapServer(server: ImapBenchServer): Promise<Record<string, number>> {
  const loadStart = performance.now();
  await server.load(SMALL.mailbox, benchMessages(SMALL.count, false));
  await server.load(LARGE.mailbox, benchMessages(LARGE.count, true));
  const figures: Record<string, number> = {
    'load 51,000 messages s': (performance.now() - loadStart) / 1000,
  };
  const imap = await ImapClient.connect(server.host, server.port);
  await imap.login(server.user, server.pass);
  try {
    for (const { mailbox, count } of [SMALL, LARGE]) {
      const label = count.toLocaleString('en-US');
      figures[`SELECT ${label} ms`] = await medianMs(() =>
        ok(imap.commandUnparsed(`SELECT ${mailbox}`), 'SELECT'),
      );
      figures[`UID FETCH 1:* (FLAGS) ${label} ms`] = await medianMs(() =>
        ok(imap.commandUnparsed('UID FETCH 1:* (FLAGS)'), 'FETCH'),
      );
    }
    figures['FETCH BODY.PEEK[HEADER] newest 100 ms'] = await medianMs(() =>
      ok(imap.commandUnparsed(`FETCH ${LARGE.count - 99}:* (BODY.PEEK[HEADER])`), 'FETCH'),
    );
    const search = await imap.command(`UID SEARCH TEXT ${SEARCH_WORD}`);
    const hits = search.untagged.find((response) => response[0] === 'SEARCH')?.length ?? 1;
    if (hits - 1 !== SEARCH_HITS) throw new Error(`UID SEARCH TEXT found ${hits - 1}, not ${SEARCH_HITS}`);
    figures[`UID SEARCH TEXT (10 hits in 50,000) ms`] = await medianMs(() =>
      ok(imap.commandUnparsed(`UID SEARCH TEXT ${SEARCH_WORD}`), 'SEARCH'),
    );
  } finally {
    await imap.logout();
  }
  return { ...figures, ...(await idleConnectionMemory(server, IDLE_CONNECTIONS)) };
}

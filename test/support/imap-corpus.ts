import { malformedCorpus } from '../fixtures/mime/corpus';
import { ImapClient, type ImapValue } from './imap-client';
import { loadJmapCorpus } from './jmap-corpus';

/** An IMAP server account to load or read: loopback host, port and LOGIN credentials. */
export interface ImapAccount {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly pass: string;
}

/** One message to APPEND: a name that identifies it in comparisons, its bytes, flags and internal date. */
export interface ImapCorpusMessage {
  readonly name: string;
  readonly raw: Buffer;
  readonly flags: readonly string[];
  readonly internalDate: Date;
}

/** What the server answered to one APPEND; `uid` from APPENDUID (RFC 4315) when it accepted the message. */
export interface AppendOutcome {
  readonly name: string;
  readonly status: 'OK' | 'NO' | 'BAD' | 'closed';
  readonly uid?: string;
}

/** Flags by corpus position, so both servers get the same and FETCH FLAGS has something to compare. */
const FLAG_CYCLE: readonly (readonly string[])[] = [
  ['\\Seen'],
  [],
  ['\\Seen', '\\Flagged'],
  ['\\Answered', '$Label1'],
];
const FIRST_DATE = Date.UTC(2026, 10, 20, 10, 0, 0);

/**
 * The JMAP corpus (test/fixtures/jmap-corpus, named by file) followed by the malformed MIME corpus
 * (test/fixtures/mime/corpus.ts, named `malformed: <name>`), a minute apart from 2026-11-20 10:00 UTC, with
 * cycling flags. The malformed corpus holds random bytes: build the list once and give it to every server.
 * @example
 * const messages = imapCorpus();
 * const outcomes = await appendCorpus(account, messages);
 */
export function imapCorpus(): ImapCorpusMessage[] {
  const raws = [
    ...loadJmapCorpus().map(({ file, raw }) => ({ name: file, raw })),
    ...malformedCorpus().map(({ name, raw }) => ({ name: `malformed: ${name}`, raw })),
  ];
  return raws.map(({ name, raw }, index) => ({
    name,
    raw,
    flags: FLAG_CYCLE[index % FLAG_CYCLE.length],
    internalDate: new Date(FIRST_DATE + index * 60_000),
  }));
}

/** IMAP's `date-time` (RFC 3501 §9), in UTC. */
export function imapDateTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(' ');
  return `"${day}-${month}-${year} ${time} +0000"`;
}

/**
 * APPENDs each message, in order, to `mailbox` (default INBOX) with its flags and internal date, and reports
 * every answer. A server that drops the connection on a message gets a fresh one for the next.
 * @param account - the server and user
 * @param messages - e.g. {@link imapCorpus}
 * @example
 * const outcomes = await appendCorpus({ host, port, user, pass }, imapCorpus());
 */
export async function appendCorpus(
  account: ImapAccount,
  messages: readonly ImapCorpusMessage[],
  mailbox = 'INBOX',
): Promise<AppendOutcome[]> {
  const open = async () => {
    const client = await ImapClient.connect(account.host, account.port);
    await client.login(account.user, account.pass);
    return client;
  };
  let imap = await open();
  const outcomes: AppendOutcome[] = [];
  for (const { name, raw, flags, internalDate } of messages) {
    try {
      const reply = await imap.command(
        `APPEND ${mailbox} (${flags.join(' ')}) ${imapDateTime(internalDate)}`,
        raw,
      );
      const uid = /\[APPENDUID \d+ (\d+)\]/i.exec(reply.text)?.[1];
      outcomes.push({ name, status: reply.status, ...(uid ? { uid } : {}) });
    } catch {
      imap.destroy();
      outcomes.push({ name, status: 'closed' });
      imap = await open();
    }
  }
  await imap.logout();
  return outcomes;
}

/** UID → message name, from the APPENDUIDs of {@link appendCorpus}. */
export function namesByUid(outcomes: readonly AppendOutcome[]): Map<string, string> {
  return new Map(outcomes.filter(({ uid }) => uid).map(({ uid, name }) => [uid!, name]));
}

/** Response codes whose arguments are server-assigned numbers or server features, not mailbox content. */
const OPAQUE_CODES = new Set([
  'UIDVALIDITY',
  'UIDNEXT',
  'HIGHESTMODSEQ',
  'APPENDUID',
  'COPYUID',
  'CAPABILITY',
]);
/** FETCH items that are server-assigned numbers. */
const OPAQUE_ITEMS = new Set(['UID', 'MODSEQ']);
/** \\Recent depends on which session saw the message first (RFC 3501 §2.3.2), not on the message. */
const RECENT = '\\Recent';

const codeOf = (value: ImapValue) =>
  typeof value === 'string' && value.startsWith('[') ? value.slice(1, -1).split(' ') : undefined;

const sortedFlags = (flags: ImapValue[]) =>
  flags
    .map(String)
    .filter((flag) => flag !== RECENT)
    .sort();

/** A FETCH response's items as a record keyed by item name, without UID and MODSEQ, flags sorted. */
function fetchItems(items: ImapValue[]): Record<string, ImapValue> {
  const record: Record<string, ImapValue> = {};
  for (let at = 0; at + 1 < items.length; at += 2) {
    const key = String(items[at]).toUpperCase();
    if (OPAQUE_ITEMS.has(key)) continue;
    const value = items[at + 1];
    record[key] = key === 'FLAGS' && Array.isArray(value) ? sortedFlags(value) : value;
  }
  return record;
}

/**
 * One server's untagged responses in a form two servers can be compared in: CAPABILITY and RECENT dropped, status responses
 * reduced to status and response code (numbers of UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ... dropped, human text
 * dropped), FETCH as `['FETCH', <message>, {items}]` without UID, MODSEQ and \\Recent, SEARCH hits sorted. Messages are
 * named through `names` (UID → name, see {@link namesByUid}) when the response carries a UID, and UIDs in SEARCH
 * answers too, so use UID SEARCH.
 * @param untagged - `ImapReply.untagged`
 * @param names - UID → message name
 * @example
 * expect(canonicalUntagged(mailwright.untagged, mwNames)).toEqual(canonicalUntagged(dovecot.untagged, dcNames));
 */
export function canonicalUntagged(
  untagged: readonly ImapValue[][],
  names: ReadonlyMap<string, string>,
): unknown[] {
  const name = (uid: ImapValue) => names.get(String(uid)) ?? `uid ${String(uid)}`;
  const canonical: unknown[] = [];
  for (const response of untagged) {
    const [first, second, third] = response;
    const word = String(first).toUpperCase();
    if (word === 'CAPABILITY' || String(second).toUpperCase() === 'RECENT') continue;
    if (['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'].includes(word)) {
      const code = codeOf(second);
      if (!code) canonical.push([word]);
      else canonical.push([word, OPAQUE_CODES.has(code[0].toUpperCase()) ? code[0] : code.join(' ')]);
    } else if (String(second).toUpperCase() === 'FETCH' && Array.isArray(third)) {
      const uidAt = third.findIndex((item) => String(item).toUpperCase() === 'UID');
      canonical.push(['FETCH', uidAt >= 0 ? name(third[uidAt + 1]) : `#${String(first)}`, fetchItems(third)]);
    } else if (word === 'SEARCH') canonical.push(['SEARCH', ...response.slice(1).map(name).sort()]);
    else if (word === 'FLAGS' && Array.isArray(second)) canonical.push(['FLAGS', sortedFlags(second)]);
    else canonical.push(response);
  }
  return canonical;
}

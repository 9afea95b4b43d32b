import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { skipUnlessDovecot, startDovecot, type RunningDovecot } from '../support/dovecot';
import { ImapClient, type ImapValue } from '../support/imap-client';
import {
  appendCorpus,
  canonicalUntagged,
  imapCorpus,
  namesByUid,
  type AppendOutcome,
  type ImapAccount,
  type ImapCorpusMessage,
} from '../support/imap-corpus';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { DIFFERENCES, type Observation } from './imap-dovecot-differential.differences';

/**
 * The same corpus APPENDed to Dovecot 2.3 and to Mailwright, then every message FETCHed item by item and a set of
 * SEARCH keys run on both: each answer must be equal, or differ only as a documented difference says
 * (imap-dovecot-differential.differences.ts, docs/imap.md "Differences from Dovecot").
 */

const describeWithDovecot = await skipUnlessDovecot('the IMAP differential test against Dovecot');

/** The last message: once its word is searchable on Mailwright, the index holds the whole corpus (it goes in order). */
const SENTINEL_WORD = 'quokka';
const HOUR = 3_600_000;
/** The corpus with internal dates 5 hours apart from 2026-11-20 10:00 UTC, so date keys split it, and a sentinel. */
const corpus: ImapCorpusMessage[] = [
  ...imapCorpus().map((message, index) => ({
    ...message,
    internalDate: new Date(Date.UTC(2026, 10, 20, 10) + index * 5 * HOUR),
  })),
  {
    name: 'sentinel',
    raw: Buffer.from(
      `From: Sentinel <sentinel@example.org>\r\nSubject: Last\r\n\r\nThe ${SENTINEL_WORD}.\r\n`,
    ),
    flags: [],
    internalDate: new Date(Date.UTC(2026, 10, 30, 23)),
  },
];

/** FETCH items compared on every message, each fetched alone over the whole mailbox. */
const FETCH_ITEMS = [
  'FLAGS',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODYSTRUCTURE',
  'BODY',
  'BODY.PEEK[]',
  'BODY.PEEK[HEADER]',
  'BODY.PEEK[TEXT]',
  'BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]',
  'BODY.PEEK[1]',
  'BODY.PEEK[1.MIME]',
  'BODY.PEEK[2]',
  'BODY.PEEK[]<0.100>',
];
/** Fetched one message at a time: a server may refuse it for one message (unknown transfer encoding). */
const PER_MESSAGE_ITEMS = ['BINARY.PEEK[1]', 'BINARY.SIZE[1]'];

/** SEARCH keys; `uids` gives a server's UID of a corpus message, for UID ranges. */
const SEARCH_KEYS: readonly ((uids: (name: string) => string) => string)[] = [
  () => 'ALL',
  () => 'SEEN',
  () => 'UNSEEN',
  () => 'FLAGGED',
  () => 'ANSWERED NOT FLAGGED',
  () => 'KEYWORD $Label1',
  () => 'UNKEYWORD $Label1',
  () => 'DELETED',
  () => 'DRAFT',
  () => 'OR FLAGGED ANSWERED',
  () => 'NOT SEEN',
  () => 'LARGER 5000',
  () => 'SMALLER 500',
  () => 'BEFORE 25-Nov-2026',
  () => 'SINCE 25-Nov-2026',
  () => 'ON 27-Nov-2026',
  () => 'NOT BEFORE 22-Nov-2026 BEFORE 24-Nov-2026',
  (uids) => `UID ${uids('05-forwarded-rfc822.eml')}:${uids('12-reply-without-root.eml')}`,
  (uids) => `NOT UID ${uids('02-alternative-qp.eml')},${uids('sentinel')}`,
  () => '1:5',
  () => 'FROM sentinel',
  () => 'SUBJECT booking',
  () => 'SUBJECT quarterly',
  () => 'TO ana',
  () => 'BODY quokka',
  () => 'TEXT invoice',
  () => 'OR SUBJECT booking FROM sentinel',
  () => 'NOT BODY hello',
  () => 'CHARSET UTF-8 SUBJECT köln',
  // The documented differences: substrings, Date header, \\Recent, unindexed headers, words only in other headers.
  () => 'SUBJECT confirm',
  () => 'SENTBEFORE 10-Nov-2026',
  () => 'NEW',
  () => 'HEADER Message-ID outside',
];

type Answers = Map<string, ImapValue>;

/** A signed-in, examined connection to one server, and how its UIDs name corpus messages. */
interface Side {
  imap: ImapClient;
  readonly account: ImapAccount;
  readonly names: Map<string, string>;
  readonly uidOf: (name: string) => string;
}

async function examineInbox(account: ImapAccount): Promise<ImapClient> {
  const imap = await ImapClient.connect(account.host, account.port);
  await imap.login(account.user, account.pass);
  await imap.command('EXAMINE INBOX');
  return imap;
}

async function openSide(account: ImapAccount, outcomes: readonly AppendOutcome[]): Promise<Side> {
  const names = namesByUid(outcomes);
  const uids = new Map([...names].map(([uid, name]) => [name, uid]));
  return { imap: await examineInbox(account), account, names, uidOf: (name) => uids.get(name) ?? '0' };
}

/** The connection closed instead of answering (Dovecot does on one BINARY fetch). */
const CLOSED = '(connection closed)';

/** Item name in the answer → value, for every message, from one `UID FETCH` (or one per message). */
async function fetchAll(side: Side, item: string, perMessage: boolean): Promise<Map<string, Answers>> {
  const uids = perMessage ? [...side.names.keys()] : ['1:*'];
  const byMessage = new Map<string, Answers>();
  for (const uid of uids) {
    const reply = await side.imap.command(`UID FETCH ${uid} (${item})`).catch(() => undefined);
    if (!reply) {
      side.imap.destroy();
      side.imap = await examineInbox(side.account);
      byMessage.set(side.names.get(uid)!, new Map([[item, CLOSED]]));
      continue;
    }
    const fetched = canonicalUntagged(reply.untagged, side.names) as [
      string,
      string,
      Record<string, ImapValue>,
    ][];
    for (const [, name, items] of fetched.filter(([word]) => word === 'FETCH'))
      byMessage.set(name, new Map(Object.entries(items)));
    // A refusal, with its response code: `NO [UNKNOWN-CTE]`.
    if (reply.status !== 'OK')
      byMessage.set(
        side.names.get(uid)!,
        new Map([[item, `${reply.status} ${/^\[[^\]]*\]/.exec(reply.text) ?? ''}`]]),
      );
  }
  return byMessage;
}

async function searchNames(side: Side, key: string): Promise<Set<string>> {
  const reply = await side.imap.command(`UID SEARCH ${key}`);
  if (reply.status !== 'OK') return new Set([`(${reply.status})`]);
  const found = canonicalUntagged(reply.untagged, side.names).find(
    (response) => Array.isArray(response) && response[0] === 'SEARCH',
  ) as string[];
  return new Set(found.slice(1));
}

/** Observations whose answers differ once the documented differences are applied, with the answers' beginnings. */
interface Unexplained extends Observation {
  readonly dovecot: string;
  readonly mailwright: string;
}

/** An answer short enough for a failure message: some messages are 300 KB. */
const preview = (value: ImapValue) => {
  const json = JSON.stringify(value);
  return json.length > 400 ? `${json.slice(0, 400)}… (${json.length} characters)` : json;
};

describeWithDovecot('E2E: Mailwright IMAP and Dovecot 2.3 answer the same corpus alike', () => {
  let dovecot: RunningDovecot;
  let mw: TestRuntime;
  let dovecotSide: Side;
  let mailwrightSide: Side;
  let appended: { dovecot: AppendOutcome[]; mailwright: AppendOutcome[] };
  const observedDifferences = new Set<string>();

  beforeAll(async () => {
    [dovecot, mw] = await Promise.all([startDovecot({ users: ['ana'] }), startTestRuntime()]);
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'imapdiff' }));
    await workmail.send(
      new RegisterMailDomainCommand({ OrganizationId, DomainName: 'imapdiff.example.com' }),
    );
    const ana = await jmapUser(mw, OrganizationId!, 'ana', 'ana@imapdiff.example.com');
    const accounts = {
      dovecot: { host: dovecot.host, port: dovecot.port, user: 'ana', pass: dovecot.users.ana.pass },
      mailwright: { host: mw.imap.host, port: mw.imap.port, user: ana.email, pass: JMAP_USER_PASSWORD },
    };
    const [dovecotOutcomes, mailwrightOutcomes] = await Promise.all([
      appendCorpus(accounts.dovecot, corpus),
      appendCorpus(accounts.mailwright, corpus),
    ]);
    appended = { dovecot: dovecotOutcomes, mailwright: mailwrightOutcomes };
    [dovecotSide, mailwrightSide] = await Promise.all([
      openSide(accounts.dovecot, dovecotOutcomes),
      openSide(accounts.mailwright, mailwrightOutcomes),
    ]);
    const started = Date.now();
    while ((await searchNames(mailwrightSide, `BODY ${SENTINEL_WORD}`)).size === 0) {
      if (Date.now() - started > 30_000) throw new Error('the search index did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([dovecotSide?.imap.logout(), mailwrightSide?.imap.logout()]);
    await Promise.all([dovecot?.stop(), mw?.stop()]);
  });

  /** Compares two answers after every documented difference that applies; records which ones were needed. */
  function unexplained(observation: Observation, dovecotValue: ImapValue, mailwrightValue: ImapValue) {
    let [d, m] = [dovecotValue, mailwrightValue];
    for (const difference of DIFFERENCES) {
      if (!difference.applies(observation) || JSON.stringify(d) === JSON.stringify(m)) continue;
      observedDifferences.add(difference.what);
      if (!difference.normalize) return [];
      [d, m] = [difference.normalize(d, observation), difference.normalize(m, observation)];
    }
    return JSON.stringify(d) === JSON.stringify(m)
      ? []
      : [{ ...observation, dovecot: preview(d), mailwright: preview(m) }];
  }

  it('accepts and refuses the same messages on APPEND', () => {
    const status = (outcomes: AppendOutcome[]) => outcomes.map(({ name, status }) => `${name}: ${status}`);

    expect(status(appended.mailwright)).toEqual(status(appended.dovecot));
  });

  it('answers every FETCH item of every message as Dovecot does', async () => {
    const found: Unexplained[] = [];
    for (const item of [...FETCH_ITEMS, ...PER_MESSAGE_ITEMS]) {
      const perMessage = PER_MESSAGE_ITEMS.includes(item);
      const [fromDovecot, fromMailwright] = await Promise.all([
        fetchAll(dovecotSide, item, perMessage),
        fetchAll(mailwrightSide, item, perMessage),
      ]);
      for (const message of new Set([...fromDovecot.keys(), ...fromMailwright.keys()])) {
        const [d, m] = [fromDovecot.get(message), fromMailwright.get(message)];
        for (const key of new Set([...(d?.keys() ?? []), ...(m?.keys() ?? [])]))
          found.push(
            ...unexplained({ item: key, message }, d?.get(key) ?? '(absent)', m?.get(key) ?? '(absent)'),
          );
      }
    }

    expect(found).toEqual([]);
  }, 120_000);

  it('finds the same messages for every SEARCH key', async () => {
    const found: Unexplained[] = [];
    for (const key of SEARCH_KEYS) {
      const [d, m] = await Promise.all([
        searchNames(dovecotSide, key(dovecotSide.uidOf)),
        searchNames(mailwrightSide, key(mailwrightSide.uidOf)),
      ]);
      const item = `SEARCH ${key((name) => `<${name}>`)}`;
      for (const message of new Set([...d, ...m]))
        found.push(
          ...unexplained({ item, message }, d.has(message) ? 'found' : '-', m.has(message) ? 'found' : '-'),
        );
    }

    expect(found).toEqual([]);
  }, 60_000);

  it('needs every documented difference (none is stale)', () => {
    expect(DIFFERENCES.map(({ what }) => what).filter((what) => !observedDifferences.has(what))).toEqual([]);
  });
});

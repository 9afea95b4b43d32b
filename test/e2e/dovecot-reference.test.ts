import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipUnlessDovecot, startDovecot, type RunningDovecot } from '../support/dovecot';
import { ImapClient, utf8, type ImapValue } from '../support/imap-client';
import {
  appendCorpus,
  canonicalUntagged,
  imapCorpus,
  imapDateTime,
  namesByUid,
  type AppendOutcome,
  type ImapAccount,
} from '../support/imap-corpus';
import { hasMbsync, runMbsync } from '../support/mbsync';
import { hasMutt, readFolderWithMutt } from '../support/mutt';

/**
 * Proves the IMAP reference harness on Debian's Dovecot 2.3: the corpus goes in over APPEND with fixed flags and
 * dates and comes back over FETCH as the corpus says; mbsync syncs both ways and mutt reads the folder. The
 * Mailwright side of the differential comes later and uses the same loader and canonicalizer.
 */

const describeWithDovecot = await skipUnlessDovecot('the Dovecot reference test');
const [mbsyncInstalled, muttInstalled] = await Promise.all([hasMbsync(), hasMutt()]);
if (!mbsyncInstalled) console.warn('SKIPPED: the mbsync test needs isync (mbsync) installed');
if (!muttInstalled) console.warn('SKIPPED: the mutt test needs mutt and script installed');

const corpus = imapCorpus();
const JMAP_FILES = corpus.filter(({ name }) => name.endsWith('.eml'));

/** The Subject header of a corpus file as written in it (unfolded), which ENVELOPE carries undecoded. */
function subjectHeader(raw: Buffer): string | null {
  const headers = raw
    .toString('latin1')
    .split('\r\n\r\n')[0]
    .replace(/\r\n[ \t]/g, ' ');
  return /^Subject: ?(.*)$/im.exec(headers)?.[1] ?? null;
}

/** Leaf parts of a BODYSTRUCTURE (RFC 3501 §7.4.2): a multipart is its child parts (lists), then its subtype. */
function leafCount(structure: ImapValue): number {
  if (!Array.isArray(structure) || !Array.isArray(structure[0])) return 1;
  const children = structure.slice(
    0,
    structure.findIndex((item) => !Array.isArray(item)),
  );
  return children.reduce((sum: number, part) => sum + leafCount(part), 0);
}

describeWithDovecot('E2E: the IMAP reference harness on Dovecot 2.3', () => {
  let dovecot: RunningDovecot;
  let ana: ImapAccount;
  let outcomes: AppendOutcome[];
  let imap: ImapClient;

  beforeAll(async () => {
    dovecot = await startDovecot();
    ana = { host: dovecot.host, port: dovecot.port, user: 'ana', pass: dovecot.users.ana.pass };
    outcomes = await appendCorpus(ana, corpus);
    imap = await ImapClient.connect(dovecot.host, dovecot.port);
    await imap.login(ana.user, ana.pass);
    await imap.command('EXAMINE INBOX');
  }, 60_000);

  let home: string | undefined;

  afterAll(async () => {
    await imap?.logout();
    await dovecot?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  async function fetchByName(items: string): Promise<Map<string, Record<string, ImapValue>>> {
    const { untagged } = await imap.command(`UID FETCH 1:* (${items})`);
    const canonical = canonicalUntagged(untagged, namesByUid(outcomes)) as [
      string,
      string,
      Record<string, ImapValue>,
    ][];
    return new Map(canonical.map(([, name, fetched]) => [name, fetched]));
  }

  it('accepts every corpus message but the empty one, each with an APPENDUID (RFC 4315)', () => {
    const refused = outcomes.filter(({ status }) => status !== 'OK').map(({ name }) => name);

    expect(refused).toEqual(['malformed: empty']);
    expect(outcomes.filter(({ status, uid }) => status === 'OK' && !uid)).toEqual([]);
  });

  it('answers ENVELOPE with each corpus file’s Subject header', async () => {
    const fetched = await fetchByName('ENVELOPE');

    for (const { name, raw } of JMAP_FILES)
      expect([name, fetched.get(name)?.ENVELOPE?.[1]]).toEqual([name, subjectHeader(raw)]);
    expect(utf8(String(fetched.get('26-utf8-headers.eml')?.ENVELOPE?.[1]))).toBe(
      'Grüße aus Köln – Übersicht',
    );
  });

  it('answers BODYSTRUCTURE with the parts the corpus files have', async () => {
    const fetched = await fetchByName('BODYSTRUCTURE');
    const leaves = (name: string) => leafCount(fetched.get(name)!.BODYSTRUCTURE);

    expect(leaves('01-plain-newsletter.eml')).toBe(1);
    expect(leaves('02-alternative-qp.eml')).toBe(2);
    expect(leaves('03-mixed-attachments.eml')).toBe(3);
    // The forwarded message/rfc822 is one leaf of the outer multipart (its own parts are inside that leaf).
    expect(leaves('05-forwarded-rfc822.eml')).toBe(2);
    expect(fetched.get('02-alternative-qp.eml')!.BODYSTRUCTURE).toContain('alternative');
  });

  it('returns every accepted message’s bytes as appended in BODY[], and its flags and internal date', async () => {
    const fetched = await fetchByName('FLAGS INTERNALDATE BODY.PEEK[]');

    for (const { name, raw, flags, internalDate } of corpus.filter(
      ({ name }) => name !== 'malformed: empty',
    )) {
      const message = fetched.get(name)!;
      expect([name, message.FLAGS]).toEqual([name, [...flags].sort()]);
      expect(`"${String(message.INTERNALDATE)}"`).toBe(imapDateTime(internalDate));
      // A bare LF comes back as CRLF (RFC 3501 §2.3.1 messages end lines with CRLF); NUL is no IMAP text character
      // (§9, CHAR8), and Dovecot drops it.
      if (raw.includes(0)) expect([name, String(message['BODY[]']).includes('\0')]).toEqual([name, false]);
      else
        expect([name, message['BODY[]'] === raw.toString('latin1').replace(/\r?\n/g, '\r\n')]).toEqual([
          name,
          true,
        ]);
    }
  });

  it('finds with UID SEARCH what the corpus holds, named through the APPENDUIDs', async () => {
    const { untagged } = await imap.command('UID SEARCH SUBJECT "booking is confirmed"');

    expect(canonicalUntagged(untagged, namesByUid(outcomes))).toEqual([
      ['SEARCH', '05-forwarded-rfc822.eml'],
    ]);
  });

  (mbsyncInstalled ? it : it.skip)(
    'mbsync syncs both ways: a flag set in the Maildir reaches the server, a message appended on the server reaches the Maildir',
    async () => {
      const bruno = { host: dovecot.host, port: dovecot.port, user: 'bruno', pass: dovecot.users.bruno.pass };
      await appendCorpus(
        bruno,
        JMAP_FILES.slice(0, 2).map((message) => ({ ...message, flags: [] })),
      );
      home = await mkdtemp(join(tmpdir(), 'mailwright-mbsync-test-'));
      const maildir = join(home, 'mail');
      const inboxFiles = async () => {
        const [cur, fresh] = await Promise.all(
          ['cur', 'new'].map((sub) => readdir(join(maildir, 'INBOX', sub))),
        );
        return [...cur.map((file) => join('cur', file)), ...fresh.map((file) => join('new', file))];
      };

      expect((await runMbsync({ account: bruno, maildir })).code).toBe(0);
      const first = (await inboxFiles()).sort()[0];
      await rename(
        join(maildir, 'INBOX', first),
        join(maildir, 'INBOX', 'cur', `${first.split(/[/:]/)[1]}:2,F`),
      );
      await appendCorpus(bruno, [{ ...JMAP_FILES[2], flags: [] }]);
      const second = await runMbsync({ account: bruno, maildir });

      expect(second.code).toBe(0);
      expect(await inboxFiles()).toHaveLength(3);
      const client = await ImapClient.connect(dovecot.host, dovecot.port);
      await client.login(bruno.user, bruno.pass);
      await client.command('EXAMINE INBOX');
      const { untagged } = await client.command('FETCH 1:* (FLAGS)');
      await client.logout();
      const flagged = canonicalUntagged(untagged, new Map()).filter((response) =>
        JSON.stringify(response).includes('\\\\Flagged'),
      );
      expect(flagged).toHaveLength(1);
    },
  );

  (muttInstalled ? it : it.skip)('mutt reads the INBOX over IMAP and copies every message', async () => {
    const read = await readFolderWithMutt(ana, 'INBOX');

    expect(read.code).toBe(0);
    for (const { raw } of JMAP_FILES.slice(0, 3))
      expect(read.mbox).toContain(`Subject: ${subjectHeader(raw)}`);
  });
});

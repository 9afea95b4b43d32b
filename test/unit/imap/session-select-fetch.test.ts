import { jest } from '@jest/globals';
import { MBX, ORG } from '../mailbox/setup';
import { sessionWorld } from './session-world';

const MESSAGE =
  'From: Olga <olga@example.org>\nSubject: Figures\nMIME-Version: 1.0\nContent-Type: text/plain\n\nThe figures.\n';

describe('IMAP session: SELECT, EXAMINE and FETCH over the mailbox model', () => {
  it('reports the folder on SELECT: flags, counts, first unseen, UID state, modseq, read-write', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', MESSAGE, { keywords: ['$seen'] });
    await world.deliver('m2', MESSAGE);
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');

    const selected = await client.send('s SELECT INBOX');

    const inbox = (await world.model.folders(ORG, MBX)).find((folder) => folder.folderId === 'INBOX')!;
    const modseq = (await world.store.getMailbox(ORG, MBX))!.modseq;
    expect(selected.split('\r\n')).toEqual([
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
      '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.',
      '* 2 EXISTS',
      '* 0 RECENT',
      '* OK [UNSEEN 2] First unseen.',
      `* OK [UIDVALIDITY ${inbox.uidValidity}] UIDs valid.`,
      '* OK [UIDNEXT 3] Predicted next UID.',
      `* OK [HIGHESTMODSEQ ${modseq}] Highest.`,
      's OK [READ-WRITE] SELECT completed.',
      '',
    ]);
  });

  it('opens read-only with EXAMINE: no permanent flags, STORE refused, bodies fetched without setting \\Seen', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', MESSAGE);
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');

    const examined = await client.send('e EXAMINE INBOX');
    const fetched = await client.send('f FETCH 1 (BODY[TEXT])');
    const stored = await client.send('g STORE 1 +FLAGS (\\Flagged)');

    expect(examined).toContain('* OK [PERMANENTFLAGS ()] Flags permitted.');
    expect(examined).toContain('e OK [READ-ONLY] EXAMINE completed.');
    expect(fetched).toContain('* 1 FETCH (BODY[TEXT] {14}\r\nThe figures.\r\n)');
    expect(fetched).not.toContain('FLAGS');
    expect(stored).toBe('g NO [READ-ONLY] The mailbox is read-only.\r\n');
    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.keywords).toEqual([]);
  });

  it('sets \\Seen when a body is fetched without PEEK, and says so in the same response', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', MESSAGE);
    await world.deliver('m2', MESSAGE);
    const client = await world.anaInInbox();

    const peeked = await client.send('p FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    const read = await client.send('r UID FETCH 2 (BODY[TEXT])');
    const again = await client.send('n NOOP');

    expect(peeked).toBe(
      '* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {20}\r\nSubject: Figures\r\n\r\n)\r\np OK FETCH completed.\r\n',
    );
    expect(read).toContain('* 2 FETCH (UID 2 BODY[TEXT] {14}\r\nThe figures.\r\n FLAGS (\\Seen))');
    expect(again).toBe('n OK NOOP completed.\r\n');
    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.keywords).toEqual([]);
    expect((await world.store.getMessage(ORG, MBX, 'm2'))?.keywords).toEqual(['$seen']);
  });

  it('answers data items from the index without the message, and structure from the message', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', MESSAGE, { keywords: ['$flagged', 'project-x'] });
    const client = await world.anaInInbox();

    const fetched = await client.send(
      'f FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODY.PEEK[]<0.5>)',
    );

    const entry = (await world.store.getMessage(ORG, MBX, 'm1'))!;
    expect(fetched).toContain('UID 1 FLAGS (\\Flagged project-x)');
    expect(fetched).toContain(`RFC822.SIZE ${entry.sizeBytes}`);
    expect(fetched).toMatch(/INTERNALDATE "\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d \+0000"/);
    expect(fetched).toContain('ENVELOPE (NIL "Figures" (("Olga" NIL "olga" "example.org"))');
    expect(fetched).toContain('BODY[]<0> {5}\r\nFrom:');
  });

  it('reads only the header for ENVELOPE and header sections, the whole message for anything else', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', `${MESSAGE}${'body line\n'.repeat(10_000)}`);
    const client = await world.anaInInbox();
    const whole = jest.spyOn(world.service, 'readMessage');
    const opened = jest.spyOn(world.service, 'openMessage');

    const headers = await client.send(
      'h FETCH 1 (ENVELOPE BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.HEADER)',
    );
    const readsForHeaders = whole.mock.calls.length;
    const text = await client.send('t FETCH 1 (BODY.PEEK[TEXT]<0.9>)');

    expect(headers).toContain('BODY[HEADER.FIELDS (SUBJECT)] {20}\r\nSubject: Figures\r\n\r\n');
    expect(headers).toContain('RFC822.HEADER {');
    expect(readsForHeaders).toBe(0);
    expect(opened).toHaveBeenCalledTimes(2);
    expect(text).toContain('BODY[TEXT]<0> {9}\r\nThe figur');
    expect(whole).toHaveBeenCalledTimes(1);
  });

  it('refuses BINARY of a part whose transfer encoding it cannot undo', async () => {
    const world = await sessionWorld();
    await world.deliver(
      'm1',
      'Subject: odd\nMIME-Version: 1.0\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a\n',
    );
    const client = await world.anaInInbox();

    expect(await client.send('b FETCH 1 (BINARY[1])')).toBe(
      'b NO [UNKNOWN-CTE] A part has an unknown Content-Transfer-Encoding.\r\n',
    );
  });

  it('keeps EXPUNGEs out of FETCH, STORE and SEARCH, and reports them at the next command that allows them', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3']) await world.deliver(id, MESSAGE);
    const client = await world.anaInInbox();
    await world.model.destroyMessages(ORG, MBX, ['m2']);

    const fetched = await client.send('f FETCH 1:3 (FLAGS)');
    const searched = await client.send('s SEARCH ALL');
    const nooped = await client.send('n NOOP');
    const after = await client.send('g FETCH 1:* (UID)');

    expect(fetched).not.toContain('EXPUNGE');
    expect(fetched).toContain('* 3 FETCH (FLAGS ())');
    expect(searched).toContain('* SEARCH 1 3');
    expect(nooped).toBe('* 2 EXPUNGE\r\nn OK NOOP completed.\r\n');
    expect(after).toBe('* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 3)\r\ng OK FETCH completed.\r\n');
  });

  it('reports other sessions’ changes: new mail as EXISTS, flags as FETCH, and VANISHED once QRESYNC is on', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2']) await world.deliver(id, MESSAGE);
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');
    await client.send('e ENABLE QRESYNC');
    await client.send('s SELECT INBOX');
    await world.deliver('m3', MESSAGE);
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm1', keywords: { add: ['$answered'] } }]);
    await world.model.destroyMessages(ORG, MBX, ['m2']);

    const nooped = await client.send('n NOOP');

    const m1 = (await world.store.getMessage(ORG, MBX, 'm1'))!;
    expect(nooped).toBe(
      `* VANISHED 2\r\n* 2 EXISTS\r\n* 1 FETCH (UID 1 FLAGS (\\Answered) MODSEQ (${m1.modseq}))\r\nn OK NOOP completed.\r\n`,
    );
  });

  it('resynchronizes with QRESYNC: what vanished since the client’s modseq and what changed', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3']) await world.deliver(id, MESSAGE);
    const inbox = (await world.model.folders(ORG, MBX)).find((folder) => folder.folderId === 'INBOX')!;
    const known = (await world.store.getMailbox(ORG, MBX))!.modseq;
    await world.model.destroyMessages(ORG, MBX, ['m2']);
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm3', keywords: { add: ['$flagged'] } }]);
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');

    const refused = await client.send(`q SELECT INBOX (QRESYNC (${inbox.uidValidity} ${known}))`);
    await client.send('e ENABLE QRESYNC');
    const resynced = await client.send(`s SELECT INBOX (QRESYNC (${inbox.uidValidity} ${known} 1:3))`);
    const otherValidity = await client.send(`t SELECT INBOX (QRESYNC (${inbox.uidValidity + 1} ${known}))`);

    const m3 = (await world.store.getMessage(ORG, MBX, 'm3'))!;
    expect(refused).toBe('q BAD QRESYNC is not enabled.\r\n');
    expect(resynced).toContain(
      `* VANISHED (EARLIER) 2\r\n* 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (${m3.modseq}))\r\n`,
    );
    expect(resynced).not.toContain('* 1 FETCH');
    expect(otherValidity).toContain('* OK [CLOSED]');
    expect(otherValidity).not.toContain('VANISHED');
  });

  it('fetches only what changed since a modseq (CHANGEDSINCE), with MODSEQ', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2']) await world.deliver(id, MESSAGE);
    const since = (await world.store.getMailbox(ORG, MBX))!.modseq;
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm2', keywords: { add: ['$seen'] } }]);
    const client = await world.anaInInbox();

    const changed = await client.send(`c UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${since})`);

    const m2 = (await world.store.getMessage(ORG, MBX, 'm2'))!;
    expect(changed).toBe(
      `* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (${m2.modseq}))\r\nc OK UID FETCH completed.\r\n`,
    );
  });
});

import { MBX, ORG } from '../mailbox/setup';
import { sessionWorld } from './session-world';

const mail = (subject: string, body = 'Nothing much.') =>
  `From: olga@example.org\nSubject: ${subject}\n\n${body}\n`;

describe('IMAP session: STORE and SEARCH', () => {
  it('adds, removes and replaces flags as keywords, answering with the new flags unless SILENT', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', mail('one'));
    const client = await world.anaInInbox();

    const added = await client.send('a STORE 1 +FLAGS (\\Flagged Work)');
    const silent = await client.send('b STORE 1 -FLAGS.SILENT (Work)');
    const replaced = await client.send('c UID STORE 1 FLAGS (\\Seen \\Deleted)');
    const invalid = await client.send('d STORE 1 +FLAGS (\\Bogus)');

    expect(added).toBe('* 1 FETCH (UID 1 FLAGS (\\Flagged work))\r\na OK STORE completed.\r\n');
    expect(silent).toBe('b OK STORE completed.\r\n');
    expect(replaced).toBe('* 1 FETCH (UID 1 FLAGS (\\Deleted \\Seen))\r\nc OK UID STORE completed.\r\n');
    expect(invalid).toMatch(/^d BAD/);
    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.keywords).toEqual(['$deleted', '$seen']);
  });

  it('leaves messages changed since UNCHANGEDSINCE alone and names them in MODIFIED', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3']) await world.deliver(id, mail(id));
    const client = await world.anaInInbox();
    const before = (await world.store.getMailbox(ORG, MBX))!.modseq;
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm2', keywords: { add: ['$answered'] } }]);

    const stored = await client.send(`s STORE 1:3 (UNCHANGEDSINCE ${before}) +FLAGS.SILENT (\\Flagged)`);

    expect(stored).toMatch(/s OK \[MODIFIED 2\] STORE completed\.\r\n$/);
    expect(stored).toMatch(/\* 1 FETCH \(UID 1 MODSEQ \(\d+\)\)/);
    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.keywords).toEqual(['$flagged']);
    expect((await world.store.getMessage(ORG, MBX, 'm2'))?.keywords).toEqual(['$answered']);
    expect((await world.store.getMessage(ORG, MBX, 'm3'))?.keywords).toEqual(['$flagged']);
  });

  it('searches flags, sizes, internal dates and sets on the view, and words in the encrypted index', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', mail('Quarterly figures', 'See the attached figures.'), {
      keywords: ['$seen'],
    });
    await world.deliver('m2', mail('Lunch', 'Pizza?'));
    await world.deliver('m3', mail('Figures again', 'x'.repeat(2000)), { keywords: ['$flagged'] });
    const client = await world.anaInInbox();
    const day = (await world.store.getMessage(ORG, MBX, 'm2'))!.receivedAt;
    const date = new Date(day).toISOString().slice(0, 10);
    const imapDate = `${Number(date.slice(8))}-${new Date(day).toLocaleString('en', { month: 'short', timeZone: 'UTC' })}-${date.slice(0, 4)}`;

    const answers = {
      unseen: await client.send('a SEARCH UNSEEN'),
      flaggedOrSeen: await client.send('b SEARCH OR FLAGGED SEEN'),
      larger: await client.send('c SEARCH LARGER 1000'),
      notLarger: await client.send('d SEARCH NOT LARGER 1000'),
      subject: await client.send('e UID SEARCH SUBJECT figures'),
      body: await client.send('f SEARCH BODY pizza'),
      text: await client.send('g SEARCH TEXT figures UNFLAGGED'),
      on: await client.send(`h SEARCH ON ${imapDate}`),
      uids: await client.send('i UID SEARCH UID 2:*'),
      header: await client.send('j SEARCH HEADER X-Mailer something'),
      charset: await client.send('k SEARCH CHARSET KOI8-R ALL'),
    };

    expect(answers.unseen).toContain('* SEARCH 2 3\r\n');
    expect(answers.flaggedOrSeen).toContain('* SEARCH 1 3\r\n');
    expect(answers.larger).toContain('* SEARCH 3\r\n');
    expect(answers.notLarger).toContain('* SEARCH 1 2\r\n');
    expect(answers.subject).toContain('* SEARCH 1 3\r\n');
    expect(answers.body).toContain('* SEARCH 2\r\n');
    expect(answers.text).toContain('* SEARCH 1\r\n');
    expect(answers.on).toContain('* SEARCH 1 2 3\r\n');
    expect(answers.uids).toContain('* SEARCH 2 3\r\n');
    expect(answers.header).toMatch(/^j NO \[CANNOT\]/m);
    expect(answers.charset).toMatch(/^k NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/m);
  });

  it('answers ESEARCH with MIN, MAX, COUNT and ALL, saves results for $, and reports MODSEQ of MODSEQ searches', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3', 'm4']) await world.deliver(id, mail(id));
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm4', keywords: { add: ['$flagged'] } }]);
    const client = await world.anaInInbox();
    const m4 = (await world.store.getMessage(ORG, MBX, 'm4'))!;

    const esearch = await client.send('a UID SEARCH RETURN (MIN MAX COUNT ALL) NOT UID 2');
    const saved = await client.send('b SEARCH RETURN (SAVE) UID 3:4');
    const fromSaved = await client.send('c FETCH $ (UID)');
    const none = await client.send('d SEARCH RETURN (COUNT) KEYWORD nothing');
    const modseq = await client.send(`e SEARCH MODSEQ ${m4.modseq}`);

    expect(esearch).toContain('* ESEARCH (TAG "a") UID MIN 1 MAX 4 ALL 1,3:4 COUNT 3\r\n');
    expect(saved).toBe('b OK SEARCH completed.\r\n');
    expect(fromSaved).toBe('* 3 FETCH (UID 3)\r\n* 4 FETCH (UID 4)\r\nc OK FETCH completed.\r\n');
    expect(none).toContain('* ESEARCH (TAG "d") COUNT 0\r\n');
    expect(modseq).toContain(`* SEARCH 4 (MODSEQ ${m4.modseq})\r\n`);
  });
});

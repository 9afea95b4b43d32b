import { MBX, ORG } from '../mailbox/setup';
import { sessionWorld } from './session-world';

const mail = (subject: string) => `From: olga@example.org\nSubject: ${subject}\n\nHello.\n`;

describe('IMAP session: folders, COPY, MOVE, APPEND and EXPUNGE', () => {
  it('lists WorkMail’s folders with special use, by pattern, with LIST-STATUS, and every folder subscribed', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', mail('one'));
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');
    await client.send('c CREATE Projects/2026/Q1');

    const all = await client.send('l LIST "" *');
    const top = await client.send('m LIST "" %');
    const special = await client.send('n LIST (SPECIAL-USE) "" *');
    const withStatus = await client.send('o LIST "" INBOX RETURN (STATUS (MESSAGES UNSEEN))');
    const root = await client.send('p LIST "" ""');
    const subscribed = await client.send('q LSUB "" Projects/*');

    expect(all).toContain('* LIST (\\HasNoChildren) "/" "INBOX"\r\n');
    expect(all).toContain('* LIST (\\HasNoChildren \\Sent) "/" "Sent Items"\r\n');
    expect(all).toContain('* LIST (\\HasChildren) "/" "Projects/2026"\r\n');
    expect(all).toContain('* LIST (\\HasNoChildren) "/" "Projects/2026/Q1"\r\n');
    expect(top).toContain('"Projects"');
    expect(top).not.toContain('Projects/2026');
    expect(special.match(/^\* LIST/gm)).toHaveLength(4);
    expect(withStatus).toBe(
      '* LIST (\\HasNoChildren) "/" "INBOX"\r\n* STATUS "INBOX" (MESSAGES 1 UNSEEN 1)\r\no OK LIST completed.\r\n',
    );
    expect(root).toBe('* LIST (\\Noselect) "/" ""\r\np OK LIST completed.\r\n');
    expect(subscribed).toContain('* LSUB (\\HasChildren) "/" "Projects/2026"\r\n');
    expect(await client.send('r LIST (SUBSCRIBED) "" INBOX')).toContain(
      '* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"',
    );
    expect(await client.send('u UNSUBSCRIBE INBOX')).toBe(
      'u NO [CANNOT] Every folder is always subscribed.\r\n',
    );
  });

  it('creates, renames and deletes folders with IMAP’s codes; system folders stay', async () => {
    const world = await sessionWorld();
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');

    expect(await client.send('a CREATE Archive')).toBe('a OK CREATE completed.\r\n');
    expect(await client.send('b CREATE Archive')).toBe('b NO [ALREADYEXISTS] The mailbox exists.\r\n');
    expect(await client.send('c CREATE inbox')).toBe('c NO [ALREADYEXISTS] INBOX exists.\r\n');
    expect(await client.send('d RENAME Archive Old/Archive')).toBe(
      'd NO [NONEXISTENT] The parent mailbox does not exist.\r\n',
    );
    expect(await client.send('e RENAME Archive "Old Mail"')).toBe('e OK RENAME completed.\r\n');
    expect(await client.send('f RENAME "Sent Items" Sent')).toBe(
      'f NO [CANNOT] System folders cannot be renamed or deleted.\r\n',
    );
    expect(await client.send('g DELETE Archive')).toBe('g NO [NONEXISTENT] No such mailbox.\r\n');
    expect(await client.send('h DELETE INBOX')).toBe(
      'h NO [CANNOT] System folders cannot be renamed or deleted.\r\n',
    );
    expect(await client.send('i STATUS "Old Mail" (MESSAGES UIDNEXT)')).toBe(
      '* STATUS "Old Mail" (MESSAGES 0 UIDNEXT 1)\r\ni OK STATUS completed.\r\n',
    );
  });

  it('deletes a folder with the messages in it, and a name in modified UTF-7 round-trips', async () => {
    const world = await sessionWorld();
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');
    await client.send('b CREATE R&AOk-sum&AOk-');
    const folder = (await world.model.folders(ORG, MBX)).find((each) => each.name === 'Résumé')!;
    await world.deliver('m1', mail('in folder'), { folder: folder.folderId });

    const listed = await client.send('c LIST "" R*');
    const deleted = await client.send('d DELETE R&AOk-sum&AOk-');

    expect(listed).toContain('"R&AOk-sum&AOk-"');
    expect(deleted).toBe('d OK DELETE completed.\r\n');
    expect(await world.store.getMessage(ORG, MBX, 'm1')).toBeUndefined();
  });

  it('copies with COPYUID, moves with COPYUID then EXPUNGE, and appends with APPENDUID', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3']) await world.deliver(id, mail(id), { keywords: ['$flagged'] });
    const client = await world.anaInInbox();
    await client.send('c CREATE Archive');
    const archive = (await world.model.folders(ORG, MBX)).find((each) => each.name === 'Archive')!;

    const copied = await client.send('d UID COPY 1:2 Archive');
    const moved = await client.send('e MOVE 3 Archive');
    const appended = await client.send(
      Buffer.from('f APPEND Archive (\\Seen) {20+}\r\nSubject: new\r\n\r\nhi\r\n'),
    );
    const nowhere = await client.send('g COPY 1 Nowhere');
    const archived = await client.send('h STATUS Archive (MESSAGES UIDNEXT)');

    expect(copied).toBe(`d OK [COPYUID ${archive.uidValidity} 1:2 1:2] UID COPY completed.\r\n`);
    expect(moved).toBe(
      `* OK [COPYUID ${archive.uidValidity} 3 3] Moved.\r\n* 3 EXPUNGE\r\ne OK MOVE completed.\r\n`,
    );
    expect(appended).toBe(`f OK [APPENDUID ${archive.uidValidity} 4] APPEND completed.\r\n`);
    expect(nowhere).toBe('g NO [TRYCREATE] The target mailbox does not exist.\r\n');
    expect(archived).toContain('(MESSAGES 4 UIDNEXT 5)');
    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.folder).toBe('INBOX');
    expect((await world.store.getMessage(ORG, MBX, 'm3'))?.folder).toBe(archive.folderId);
  });

  it('expunges only \\Deleted messages, only those in the UID set with UID EXPUNGE; CLOSE silently, UNSELECT not', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3', 'm4']) await world.deliver(id, mail(id), { keywords: ['$deleted'] });
    await world.deliver('m5', mail('keep'));
    const client = await world.anaInInbox();

    const uidExpunged = await client.send('a UID EXPUNGE 2');
    const expunged = await client.send('b EXPUNGE');
    await client.send('c STORE 1 +FLAGS (\\Deleted)');
    const unselected = await client.send('d UNSELECT');
    await client.send('e SELECT INBOX');
    const closed = await client.send('f CLOSE');

    expect(uidExpunged).toBe('* 2 EXPUNGE\r\na OK UID EXPUNGE completed.\r\n');
    expect(expunged).toBe('* 3 EXPUNGE\r\n* 2 EXPUNGE\r\n* 1 EXPUNGE\r\nb OK EXPUNGE completed.\r\n');
    expect(unselected).toBe('d OK UNSELECT completed.\r\n');
    expect(closed).toBe('f OK CLOSE completed.\r\n');
    expect(await world.store.getMessage(ORG, MBX, 'm5')).toBeUndefined();
    expect(await client.send('g FETCH 1 FLAGS')).toMatch(/^g BAD/);
  });

  it('keeps users apart: another organization’s user sees only their own, empty mailbox', async () => {
    const world = await sessionWorld();
    await world.deliver('m1', mail('private'));
    const ben = world.connect();
    await ben.send('a LOGIN ben@example.net ben-secret');

    const selected = await ben.send('b SELECT INBOX');
    const searched = await ben.send('c SEARCH TEXT private');

    expect(selected).toContain('* 0 EXISTS');
    expect(searched).toContain('* SEARCH\r\n');
    expect(await ben.send('d STATUS INBOX (MESSAGES)')).toContain('(MESSAGES 0)');
  });
});

import { retireBatch } from '../../../lambdas/core/retention/retire';
import { MBX, ORG } from '../mailbox/setup';
import { sessionWorld } from './session-world';

const mail = (subject: string) => `From: olga@example.org\nSubject: ${subject}\n\nHello.\n`;

describe('IMAP session: Recoverable Items', () => {
  async function worldWithRetired() {
    const world = await sessionWorld();
    await world.deliver('m1', mail('one'));
    await world.deliver('m2', mail('two'));
    await world.deliver('m3', mail('three'));
    await retireBatch(world.model, {
      organizationId: ORG,
      mailboxId: MBX,
      folder: 'INBOX',
      action: 'DELETE',
      agedBefore: Number.MAX_SAFE_INTEGER,
      messageIds: ['m1', 'm2'],
    });
    const client = world.connect();
    await client.send('a LOGIN ana@example.com ana-secret');
    return { world, client };
  }

  it('lists Recoverable Items and restores a message MOVEd out of it', async () => {
    const { world, client } = await worldWithRetired();

    expect(await client.send('l LIST "" *')).toContain(
      '* LIST (\\HasNoChildren) "/" "Recoverable Items"\r\n',
    );
    expect(await client.send('s SELECT "Recoverable Items"')).toContain('* 2 EXISTS');
    expect(await client.send('m UID MOVE 1 INBOX')).toContain('m OK');

    expect((await world.store.getMessage(ORG, MBX, 'm1'))?.folder).toBe('INBOX');
  });

  it('restores a copy when a message is COPYed out', async () => {
    const { client } = await worldWithRetired();
    await client.send('s SELECT "Recoverable Items"');

    expect(await client.send('c UID COPY 2 INBOX')).toContain('c OK');
    expect(await client.send('t STATUS INBOX (MESSAGES)')).toContain('(MESSAGES 2)');
  });

  it('refuses APPEND, COPY and MOVE into Recoverable Items', async () => {
    const { client } = await worldWithRetired();
    const message = mail('by hand').replace(/\n/g, '\r\n');

    const appended = await client.send(`p APPEND "Recoverable Items" {${message.length}+}\r\n${message}`);
    await client.send('s SELECT INBOX');
    const copied = await client.send('c COPY 1 "Recoverable Items"');
    const moved = await client.send('m MOVE 1 "Recoverable Items"');

    for (const answer of [appended, copied, moved]) expect(answer).toMatch(/NO \[CANNOT\] Only retention/);
    expect(await client.send('t STATUS "Recoverable Items" (MESSAGES)')).toContain('(MESSAGES 2)');
  });
});

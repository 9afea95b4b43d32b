import { resolveRecipients } from '../../../lambdas/core/delivery';
import { InMemoryDirectory } from './doubles';

const options = { defaultQuotaBytes: 1000, maxRecipients: 500 };

function user(
  directory: InMemoryDirectory,
  id: string,
  state: 'ENABLED' | 'DISABLED' | 'DELETED' = 'ENABLED',
) {
  return directory.add({
    kind: 'USER',
    entityId: id,
    state,
    email: `${id}@example.com`,
    mailboxQuotaBytes: 5000,
  });
}

function group(directory: InMemoryDirectory, id: string, state: 'ENABLED' | 'DISABLED' = 'ENABLED') {
  return directory.add({ kind: 'GROUP', entityId: id, state, email: `${id}@example.com` });
}

describe('resolveRecipients', () => {
  it('resolves users by primary address or alias and resources, once per mailbox', async () => {
    const directory = new InMemoryDirectory();
    directory.add({
      kind: 'USER',
      entityId: 'u1',
      state: 'ENABLED',
      email: 'alice@example.com',
      aliases: ['al@example.com'],
    });
    directory.add({ kind: 'RESOURCE', entityId: 'r1', state: 'ENABLED', email: 'room@example.com' });

    const { targets, bounces } = await resolveRecipients(
      ['Alice@Example.com', 'al@example.com', 'room@example.com', 'alice@example.com'],
      directory,
      options,
    );

    expect(targets.map((t) => [t.recipient, t.mailboxId, t.kind, t.quotaBytes])).toEqual([
      ['alice@example.com', 'u1', 'USER', 1000],
      ['room@example.com', 'r1', 'RESOURCE', 1000],
    ]);
    expect(bounces).toEqual([]);
  });

  it('bounces unknown and deleted addresses with 5.1.1 and disabled ones with 5.2.1', async () => {
    const directory = new InMemoryDirectory();
    user(directory, 'gone', 'DELETED');
    user(directory, 'off', 'DISABLED');

    const { targets, bounces } = await resolveRecipients(
      ['nobody@example.com', 'gone@example.com', 'off@example.com'],
      directory,
      options,
    );

    expect(targets).toEqual([]);
    expect(bounces.map((b) => [b.recipient, b.status])).toEqual([
      ['nobody@example.com', '5.1.1'],
      ['gone@example.com', '5.1.1'],
      ['off@example.com', '5.2.1'],
    ]);
  });

  it('expands nested groups, skipping disabled members and de-duplicating mailboxes', async () => {
    const directory = new InMemoryDirectory();
    const [a, b, c, off] = [
      user(directory, 'a'),
      user(directory, 'b'),
      user(directory, 'c'),
      user(directory, 'off', 'DISABLED'),
    ];
    const [outer, inner, disabledGroup] = [
      group(directory, 'outer'),
      group(directory, 'inner'),
      group(directory, 'dg', 'DISABLED'),
    ];
    directory.setMembers(outer, [a, inner, off, disabledGroup]);
    directory.setMembers(inner, [b, a]);
    directory.setMembers(disabledGroup, [c]);

    const { targets, bounces } = await resolveRecipients(
      ['outer@example.com', 'b@example.com'],
      directory,
      options,
    );

    expect(targets.map((t) => [t.recipient, t.mailboxId, t.quotaBytes])).toEqual([
      ['a@example.com', 'a', 5000],
      ['b@example.com', 'b', 5000],
    ]);
    expect(bounces).toEqual([]);
  });

  it('terminates on membership cycles and lists each group once', async () => {
    const directory = new InMemoryDirectory();
    const a = user(directory, 'a');
    const [g1, g2, g3] = [group(directory, 'g1'), group(directory, 'g2'), group(directory, 'g3')];
    directory.setMembers(g1, [g2]);
    directory.setMembers(g2, [g3, a]);
    directory.setMembers(g3, [g1, g2]);

    const { targets } = await resolveRecipients(['g1@example.com', 'g3@example.com'], directory, options);

    expect(targets.map((t) => t.mailboxId)).toEqual(['a']);
    expect(directory.memberCalls).toBe(3);
  });

  it('bounces a directly addressed disabled group with 5.2.1', async () => {
    const directory = new InMemoryDirectory();
    group(directory, 'old', 'DISABLED');
    const { bounces } = await resolveRecipients(['old@example.com'], directory, options);
    expect(bounces.map((b) => b.status)).toEqual(['5.2.1']);
  });

  it('bounces envelope recipients beyond the limit with 5.5.3, counting distinct addresses', async () => {
    const directory = new InMemoryDirectory();
    for (let i = 0; i < 4; i++) user(directory, `u${i}`);

    const { targets, bounces } = await resolveRecipients(
      ['u0@example.com', 'U0@example.com', 'u1@example.com', 'u2@example.com', 'u3@example.com'],
      directory,
      { ...options, maxRecipients: 3 },
    );

    expect(targets.map((t) => t.mailboxId)).toEqual(['u0', 'u1', 'u2']);
    expect(bounces.map((b) => [b.recipient, b.status])).toEqual([['u3@example.com', '5.5.3']]);
  });
});

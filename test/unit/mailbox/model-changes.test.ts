import { readChanges } from '../../../lambdas/core/mailbox/model-changes';
import type { ChangeEntry } from '../../../lambdas/core/mailbox/model-types';
import type { MailboxModelStore } from '../../../lambdas/core/mailbox/ports';

/** A store whose mailbox record says `modseq`, and whose change-log query returns `entries` as they are. */
function storeWith(modseq: number, entries: ChangeEntry[]): MailboxModelStore {
  return {
    read: async () => ({
      mailbox: {
        organizationId: 'm-1',
        mailboxId: 'S-1',
        state: 'ACTIVE',
        keyScheme: 'AES256_SYMMETRIC_V1',
        currentKeyVersion: 1,
        usedBytes: 0,
        messageCount: 0,
        createdAt: 0,
        modseq,
      },
      folders: [],
      messages: [],
      threads: [],
      references: new Map(),
    }),
    listFolders: async () => [],
    commit: async () => 'COMMITTED',
    changes: async (_o, _m, _k, since, limit) =>
      entries.filter((entry) => entry.modseq > since).slice(0, limit),
  };
}
const entry = (id: string, modseq: number, createdModseq = modseq, destroyed = false): ChangeEntry => ({
  id,
  modseq,
  createdModseq,
  destroyed,
});

describe('readChanges', () => {
  it('ignores entries of a commit newer than the mailbox record it read first, so no change is skipped', async () => {
    // Commit 6 moved a and b; the query saw a's entry before b's: it must not answer state 6.
    const store = storeWith(5, [entry('x', 5), entry('a', 6, 1)]);

    const result = await readChanges(store, 'm-1', 'S-1', 'EMAIL', 4, 10);

    expect(result).toEqual({
      ok: true,
      value: { created: ['x'], updated: [], destroyed: [], modseq: 5, hasMore: false },
    });
  });

  it('leaves out what was created and destroyed since, and reports the rest by kind', async () => {
    const store = storeWith(9, [
      entry('new', 5),
      entry('old', 6, 1),
      entry('gone', 7, 2, true),
      entry('brief', 8, 8, true),
    ]);

    const result = await readChanges(store, 'm-1', 'S-1', 'EMAIL', 4, 10);

    expect(result).toMatchObject({
      ok: true,
      value: { created: ['new'], updated: ['old'], destroyed: ['gone'], modseq: 9 },
    });
  });

  it('answers "nothing changed" at the current modseq without querying the change log', async () => {
    const store = storeWith(5, [entry('a', 6, 1)]);
    let queries = 0;
    const counting = {
      ...store,
      changes: async (...args: Parameters<typeof store.changes>) => (queries++, store.changes(...args)),
    };

    const result = await readChanges(counting, 'm-1', 'S-1', 'EMAIL', 5, 10);

    expect(result).toEqual({
      ok: true,
      value: { created: [], updated: [], destroyed: [], modseq: 5, hasMore: false },
    });
    expect(queries).toBe(0);
  });

  it('refuses a modseq newer than the mailbox has ever had', async () => {
    expect(await readChanges(storeWith(5, []), 'm-1', 'S-1', 'EMAIL', 6, 10)).toEqual({
      ok: false,
      refusal: { type: 'tooManyChanges' },
    });
  });
});

import { changeMailbox } from '../../../lambdas/core/mailbox/optimistic-change';
import type { ModelCommit } from '../../../lambdas/core/mailbox/model-types';
import type { MailboxModelStore } from '../../../lambdas/core/mailbox/ports';
import type { MailboxRecord } from '../../../lambdas/core/mailbox/types';

const mailbox = (modseq: number) => ({ state: 'ACTIVE', modseq }) as MailboxRecord;
const inbox = (modseq: number) => ({ folderId: 'INBOX', name: 'Inbox', modseq, createdModseq: 1 }) as never;

describe('changeMailbox', () => {
  it('reads again when a folder read after the mailbox record already carries a later commit', async () => {
    const snapshots = [
      { mailbox: mailbox(7), folders: [inbox(8)], messages: [], threads: [], references: new Map() },
      { mailbox: mailbox(8), folders: [inbox(8)], messages: [], threads: [], references: new Map() },
    ];
    const commits: ModelCommit[] = [];
    const store = {
      read: async () => snapshots.shift(),
      commit: async (_org: string, _mbx: string, commit: ModelCommit) => {
        commits.push(commit);
        return 'COMMITTED';
      },
    } as unknown as MailboxModelStore;

    await changeMailbox(store, 'm-1', 'S-1', { allFolders: true }, (snapshot) => ({
      result: undefined,
      commit: { folders: snapshot.folders },
    }));

    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({ expectedModseq: 8, modseq: 9 });
    expect(commits[0].superseded).toEqual([{ kind: 'FOLDER', id: 'INBOX', modseq: 8 }]);
  });
});

import { newFolder } from '../../../lambdas/core/mailbox/folders';
import type { FolderRecord, ThreadRecord } from '../../../lambdas/core/mailbox/model-types';
import { planChanges, type MessageAfter } from '../../../lambdas/core/mailbox/plan-changes';
import type { MessageIndexEntry } from '../../../lambdas/core/mailbox/types';

const folder = (folderId: string, patch: Partial<FolderRecord> = {}): FolderRecord => ({
  ...newFolder({ folderId, name: folderId }, 1, 0),
  ...patch,
});
const after = (messageId: string, patch: Partial<MessageAfter> = {}): MessageAfter => ({
  messageId,
  folder: 'INBOX',
  keywords: [],
  threadId: 'T1',
  receivedAt: 10,
  sizeBytes: 100,
  ...patch,
});
const stored = (messageId: string, patch: Partial<MessageIndexEntry> = {}): MessageIndexEntry => ({
  ...after(messageId),
  uid: 1,
  blobKey: `b/${messageId}`,
  keyVersion: 1,
  formatVersion: 1,
  wrappedMessageKey: new Uint8Array(),
  summary: {},
  modseq: 3,
  createdModseq: 2,
  ...patch,
});
const thread = (threadId: string, members: ThreadRecord['members']): ThreadRecord => ({
  threadId,
  members,
  createdModseq: 2,
  modseq: 3,
});

describe('planChanges', () => {
  it('gives a new message the next UID and counts it as unread in its folder and thread', () => {
    const { commit, uids } = planChanges([folder('INBOX', { uidNext: 7 })], [], [{ after: after('m1') }], 9);

    expect(uids.get('m1')).toBe(7);
    expect(commit.folders).toEqual([
      expect.objectContaining({
        folderId: 'INBOX',
        uidNext: 8,
        totalEmails: 1,
        unreadEmails: 1,
        totalThreads: 1,
        unreadThreads: 1,
        modseq: 9,
      }),
    ]);
    expect(commit.threads).toEqual([
      {
        threadId: 'T1',
        members: [{ messageId: 'm1', receivedAt: 10, folderId: 'INBOX', seen: false }],
        createdModseq: 9,
        modseq: 9,
      },
    ]);
    expect(commit.messages).toEqual([
      { messageId: 'm1', folder: 'INBOX', uid: 7, keywords: [], threadId: 'T1', createdModseq: 9 },
    ]);
    expect(commit.usage).toEqual({ bytes: 100, messages: 1 });
    expect(commit.expunged).toEqual([]);
  });

  it('counts a second message of a thread in the same folder once as a thread', () => {
    const existing = thread('T1', [{ messageId: 'm1', receivedAt: 5, folderId: 'INBOX', seen: true }]);
    const inbox = folder('INBOX', {
      uidNext: 2,
      totalEmails: 1,
      unreadEmails: 0,
      totalThreads: 1,
      unreadThreads: 0,
    });

    const { commit } = planChanges([inbox], [existing], [{ after: after('m2') }], 9);

    expect(commit.folders[0]).toMatchObject({
      totalEmails: 2,
      unreadEmails: 1,
      totalThreads: 1,
      unreadThreads: 1,
    });
    expect(commit.threads[0].members.map((member) => member.messageId)).toEqual(['m1', 'm2']);
    expect(commit.threads[0].createdModseq).toBe(2);
  });

  it('marks a message read: the same UID, one unread less, the thread no longer unread', () => {
    const m1 = stored('m1', { uid: 4 });
    const existing = thread('T1', [{ messageId: 'm1', receivedAt: 10, folderId: 'INBOX', seen: false }]);
    const inbox = folder('INBOX', {
      uidNext: 5,
      totalEmails: 1,
      unreadEmails: 1,
      totalThreads: 1,
      unreadThreads: 1,
    });

    const { commit, uids } = planChanges(
      [inbox],
      [existing],
      [{ before: m1, after: { ...m1, keywords: ['$seen'] } }],
      9,
    );

    expect(uids.get('m1')).toBe(4);
    expect(commit.folders[0]).toMatchObject({
      uidNext: 5,
      totalEmails: 1,
      unreadEmails: 0,
      totalThreads: 1,
      unreadThreads: 0,
    });
    expect(commit.expunged).toEqual([]);
    expect(commit.messages[0]).toMatchObject({ uid: 4, keywords: ['$seen'], createdModseq: 2 });
    expect(commit.usage).toBeUndefined();
  });

  it('moves a message: a new UID in the target, an expunge record in the source, counters on both sides', () => {
    const m1 = stored('m1', { uid: 4 });
    const existing = thread('T1', [{ messageId: 'm1', receivedAt: 10, folderId: 'INBOX', seen: false }]);
    const inbox = folder('INBOX', {
      uidNext: 5,
      totalEmails: 1,
      unreadEmails: 1,
      totalThreads: 1,
      unreadThreads: 1,
    });
    const archive = folder('ARCH', { uidNext: 30 });

    const { commit, uids } = planChanges(
      [inbox, archive],
      [existing],
      [{ before: m1, after: { ...m1, folder: 'ARCH' } }],
      9,
    );

    expect(uids.get('m1')).toBe(30);
    expect(commit.expunged).toEqual([{ folderId: 'INBOX', uid: 4 }]);
    const byId = new Map(commit.folders.map((f) => [f.folderId, f]));
    expect(byId.get('INBOX')).toMatchObject({
      totalEmails: 0,
      unreadEmails: 0,
      totalThreads: 0,
      unreadThreads: 0,
      uidNext: 5,
    });
    expect(byId.get('ARCH')).toMatchObject({
      totalEmails: 1,
      unreadEmails: 1,
      totalThreads: 1,
      unreadThreads: 1,
      uidNext: 31,
    });
  });

  it('destroys a message: expunged, uncounted, its thread emptied, its size given back', () => {
    const m1 = stored('m1', { uid: 4, keywords: ['$seen'] });
    const existing = thread('T1', [{ messageId: 'm1', receivedAt: 10, folderId: 'INBOX', seen: true }]);
    const inbox = folder('INBOX', {
      uidNext: 5,
      totalEmails: 1,
      unreadEmails: 0,
      totalThreads: 1,
      unreadThreads: 0,
    });

    const { commit } = planChanges([inbox], [existing], [{ before: m1 }], 9);

    expect(commit.destroyedMessages).toEqual([m1]);
    expect(commit.expunged).toEqual([{ folderId: 'INBOX', uid: 4 }]);
    expect(commit.folders[0]).toMatchObject({ totalEmails: 0, unreadEmails: 0, totalThreads: 0 });
    expect(commit.threads).toEqual([{ threadId: 'T1', members: [], createdModseq: 2, modseq: 9 }]);
    expect(commit.usage).toEqual({ bytes: -100, messages: -1 });
  });

  it('keeps a thread counted in a folder while another of its messages stays there', () => {
    const m1 = stored('m1', { uid: 1 });
    const members = [
      { messageId: 'm1', receivedAt: 10, folderId: 'INBOX', seen: false },
      { messageId: 'm2', receivedAt: 11, folderId: 'INBOX', seen: false },
    ];
    const inbox = folder('INBOX', {
      uidNext: 3,
      totalEmails: 2,
      unreadEmails: 2,
      totalThreads: 1,
      unreadThreads: 1,
    });

    const { commit } = planChanges(
      [inbox, folder('ARCH')],
      [thread('T1', members)],
      [{ before: m1, after: { ...m1, folder: 'ARCH' } }],
      9,
    );

    expect(commit.folders.find((f) => f.folderId === 'INBOX')).toMatchObject({
      totalThreads: 1,
      unreadThreads: 1,
    });
  });

  it('refuses to plan with a folder it was not given', () => {
    expect(() => planChanges([], [], [{ after: after('m1') }], 9)).toThrow(TypeError);
  });
});

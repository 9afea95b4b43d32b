import type {
  ExpungedUid,
  FolderRecord,
  MessageStatePatch,
  ModelCommit,
  ThreadMember,
  ThreadRecord,
} from './model-types';
import type { MessageIndexEntry } from './types';

/**
 * Turns message changes into everything they imply — UIDs, folder counters (messages and threads, read and
 * unread), thread records and IMAP expunge records — as one commit. Pure: the caller reads the folders and threads
 * involved, and commits the result conditional on the modseq it read.
 */

/** The state of a message after a change. */
export type MessageAfter = Pick<
  MessageIndexEntry,
  'messageId' | 'folder' | 'keywords' | 'threadId' | 'receivedAt' | 'sizeBytes'
>;

/** One message's change: `before` absent for a new message, `after` absent for a destroyed one. */
export interface MessageChange {
  readonly before?: MessageIndexEntry;
  readonly after?: MessageAfter;
}

/** The planned commit, and the UID each changed message has afterwards. */
export interface PlannedChanges {
  readonly commit: Required<
    Pick<ModelCommit, 'folders' | 'messages' | 'destroyedMessages' | 'expunged' | 'threads'>
  > &
    Pick<ModelCommit, 'usage'>;
  readonly uids: ReadonlyMap<string, number>;
}

/** Whether a message with these keywords counts as read. */
export function isSeen(keywords: readonly string[]): boolean {
  return keywords.includes('$seen');
}

/**
 * Plans the changes of some messages of one mailbox.
 * @param folders - every folder a change leaves or enters, as read
 * @param threads - every thread a change leaves or enters, as read (a missing one is created)
 * @param changes - at most one change per message
 * @param modseq - the modseq the commit takes
 * @throws TypeError when a change names a folder that is not in `folders` (a caller bug: check folders first)
 * @example
 * planChanges([inbox], [], [{ after: { messageId: 'm1', folder: 'INBOX', keywords: [], threadId: 'T1', … } }], 7);
 */
export function planChanges(
  folders: readonly FolderRecord[],
  threads: readonly ThreadRecord[],
  changes: readonly MessageChange[],
  modseq: number,
): PlannedChanges {
  const folderState = new Map(folders.map((folder) => [folder.folderId, { ...folder }]));
  const members = new Map(threads.map((thread) => [thread.threadId, [...thread.members]]));
  const touchedFolders = new Set<string>();
  const touchedThreads = new Set<string>();
  const folderOf = (folderId: string) => {
    const folder = folderState.get(folderId);
    if (!folder) throw new TypeError(`planChanges: folder ${folderId} was not read`);
    touchedFolders.add(folderId);
    return folder;
  };
  const messages: MessageStatePatch[] = [];
  const destroyedMessages: MessageIndexEntry[] = [];
  const expunged: ExpungedUid[] = [];
  const uids = new Map<string, number>();
  let usageBytes = 0;
  let usageMessages = 0;
  for (const { before, after } of changes) {
    if (before) {
      const folder = folderOf(before.folder);
      folder.totalEmails -= 1;
      if (!isSeen(before.keywords)) folder.unreadEmails -= 1;
      const list = members.get(before.threadId) ?? [];
      members.set(
        before.threadId,
        list.filter((member) => member.messageId !== before.messageId),
      );
      touchedThreads.add(before.threadId);
      if (!after || after.folder !== before.folder)
        expunged.push({ folderId: before.folder, uid: before.uid });
    }
    if (!after) {
      destroyedMessages.push(before as MessageIndexEntry);
      usageBytes -= (before as MessageIndexEntry).sizeBytes;
      usageMessages -= 1;
      continue;
    }
    const folder = folderOf(after.folder);
    const uid = before && before.folder === after.folder ? before.uid : folder.uidNext++;
    uids.set(after.messageId, uid);
    folder.totalEmails += 1;
    if (!isSeen(after.keywords)) folder.unreadEmails += 1;
    const member: ThreadMember = {
      messageId: after.messageId,
      receivedAt: after.receivedAt,
      folderId: after.folder,
      seen: isSeen(after.keywords),
    };
    members.set(after.threadId, [...(members.get(after.threadId) ?? []), member]);
    touchedThreads.add(after.threadId);
    const { messageId, keywords, threadId } = after;
    messages.push({
      messageId,
      folder: after.folder,
      uid,
      keywords,
      threadId,
      createdModseq: before ? before.createdModseq : modseq,
    });
    if (!before) {
      usageBytes += after.sizeBytes;
      usageMessages += 1;
    }
  }
  const original = new Map(threads.map((thread) => [thread.threadId, thread]));
  const changedThreads: ThreadRecord[] = [];
  // Only folders a message left or entered can change their thread counts.
  const countedFolders = [...touchedFolders];
  for (const threadId of touchedThreads) {
    const was = original.get(threadId)?.members ?? [];
    const now = (members.get(threadId) ?? []).sort((a, b) => a.receivedAt - b.receivedAt);
    for (const folderId of countedFolders) {
      const folder = folderOf(folderId);
      folder.totalThreads += presence(now, folderId, false) - presence(was, folderId, false);
      folder.unreadThreads += presence(now, folderId, true) - presence(was, folderId, true);
    }
    // A thread that was empty (destroyed) and gets a message again is new to every client.
    const before = original.get(threadId);
    const createdModseq = before && before.members.length > 0 ? before.createdModseq : modseq;
    changedThreads.push({ threadId, members: now, createdModseq, modseq });
  }
  return {
    commit: {
      folders: [...touchedFolders].map((folderId) => ({
        ...(folderState.get(folderId) as FolderRecord),
        modseq,
      })),
      messages,
      destroyedMessages,
      expunged,
      threads: changedThreads,
      ...(usageMessages !== 0 || usageBytes !== 0
        ? { usage: { bytes: usageBytes, messages: usageMessages } }
        : {}),
    },
    uids,
  };
}

/** 1 when some member is in the folder (and unread, if asked), else 0. */
function presence(members: readonly ThreadMember[], folderId: string, unreadOnly: boolean): number {
  return members.some((member) => member.folderId === folderId && !(unreadOnly && member.seen)) ? 1 : 0;
}

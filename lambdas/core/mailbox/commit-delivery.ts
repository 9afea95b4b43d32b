import { FORMAT_VERSION } from '../crypto/envelope';
import type { Clock } from '../crypto/key-cache';
import { MailboxTransactionConflictError } from './errors';
import { newFolder, SYSTEM_FOLDERS, type SystemFolder } from './folders';
import { deriveIndexKey, INDEX_KEY_VERSION } from './index-key';
import type { MailboxKeyring } from './keyring';
import type { ThreadRecord } from './model-types';
import { backoff, supersededChanges } from './optimistic-change';
import { planChanges } from './plan-changes';
import type { MailboxStore } from './ports';
import { threadCandidates } from './threads';
import type { DeliverInput, MessageIndexEntry, PutMessageOutcome } from './types';
import type { VacationWindow } from '../vacation/types';

/**
 * Commits a delivered message into the mailbox model: the next UID of its folder, the next modseq, its thread (see
 * `threads.ts`) and the counters, in one transaction with its index entry and ledger receipt. Reads once (twice
 * when only a reference record knows the thread) and retries when another change took the modseq first. Also returns
 * the vacation window the mailbox record carries, so the delivery learns without another read whether to answer.
 */
export async function commitDelivery(
  store: MailboxStore,
  keyring: MailboxKeyring,
  now: Clock,
  input: DeliverInput,
  stored: Pick<MessageIndexEntry, 'blobKey' | 'keyVersion' | 'wrappedMessageKey' | 'summary'>,
): Promise<{ outcome: PutMessageOutcome | 'FOLDER_NOT_FOUND'; vacation?: VacationWindow }> {
  const { organizationId, mailboxId, messageId, folder } = input;
  const indexKey = await keyring.use(organizationId, mailboxId, INDEX_KEY_VERSION, deriveIndexKey);
  const candidates = threadCandidates(input.threading, indexKey, messageId);
  indexKey.fill(0);
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
    const keys = { folders: [folder], threads: candidates.threadIds, references: candidates.referenceKeys };
    let snapshot = await store.read(organizationId, mailboxId, keys);
    const mailbox = snapshot.mailbox;
    if (mailbox?.state !== 'ACTIVE') return { outcome: 'MAILBOX_NOT_FOUND' };
    const referenced = candidates.referenceKeys.map((key) => snapshot.references.get(key)).find(Boolean);
    if (!snapshot.threads.some(hasRoom) && referenced) {
      const more = await store.read(organizationId, mailboxId, { threads: [referenced] });
      snapshot = { ...snapshot, threads: more.threads };
    }
    const modseq = mailbox.modseq + 1;
    const thread =
      candidates.threadIds.map((id) => snapshot.threads.find((t) => t.threadId === id)).find(hasRoom) ??
      snapshot.threads.find(hasRoom);
    // A full thread under the new thread's name (a very long conversation) starts a successor, never a reset.
    const taken = snapshot.threads.some((t) => t.threadId === candidates.newThreadId);
    const threadId =
      thread?.threadId ?? (taken ? `${candidates.newThreadId}.${modseq}` : candidates.newThreadId);
    const system = SYSTEM_FOLDERS.find((candidate) => candidate.folderId === folder);
    if (!snapshot.folders[0] && !system) return { outcome: 'FOLDER_NOT_FOUND' };
    const folderRecord = snapshot.folders[0] ?? newFolder(system as SystemFolder, modseq, now());
    const after = {
      messageId,
      folder,
      keywords: input.keywords ?? [],
      threadId,
      receivedAt: input.receivedAt,
      sizeBytes: input.raw.length,
    };
    const { commit, uids } = planChanges([folderRecord], thread ? [thread] : [], [{ after }], modseq);
    const { messages: _messages, ...body } = commit;
    const changedAt = now();
    const entry: MessageIndexEntry = {
      ...after,
      ...stored,
      formatVersion: FORMAT_VERSION,
      uid: uids.get(messageId) as number,
      modseq,
      createdModseq: modseq,
      ageAt: changedAt,
    };
    const outcome = await store.putMessage(organizationId, mailboxId, entry, {
      quotaBytes: input.quotaBytes,
      receipt: input.receipt,
      commit: {
        ...body,
        expectedModseq: mailbox.modseq,
        modseq,
        superseded: supersededChanges(snapshot, body),
        changedAt,
      },
      ...(candidates.ownReferenceKey ? { referenceKey: candidates.ownReferenceKey } : {}),
    });
    if (outcome !== 'CONFLICT')
      return { outcome, ...(mailbox.vacation ? { vacation: mailbox.vacation } : {}) };
    await backoff(attempt);
  }
  throw new MailboxTransactionConflictError(mailboxId, ['modseq moved']);
}

/** A thread takes new members up to this many; then a reply starts a successor (the record stays under ~60 KB). */
const MAX_THREAD_MEMBERS = 500;
const DELIVERY_ATTEMPTS = 8;

function hasRoom(thread: ThreadRecord | undefined): thread is ThreadRecord {
  return thread !== undefined && thread.members.length < MAX_THREAD_MEMBERS;
}

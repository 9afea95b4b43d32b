import { MailboxNotFoundError, MailboxTransactionConflictError } from './errors';
import type { MailboxModelStore, SnapshotKeys } from './ports';
import type { ChangeKey, ChangeKind, ModelCommit, ModelSnapshot } from './model-types';

/** A change's commit without the modseqs, which the loop fills in. */
export type CommitBody = Omit<ModelCommit, 'expectedModseq' | 'modseq' | 'superseded'>;

/** What a change decides from a snapshot: a result, and the commit it needs (none: nothing to change). */
export interface Decision<T> {
  readonly result: T;
  readonly commit?: CommitBody;
}

/** A snapshot with the modseq the change will take. */
export type Decide<T> = (snapshot: Snapshot, modseq: number) => Decision<T>;

/** A snapshot with the thread ids of the reference records read. */
export type Snapshot = ModelSnapshot & { readonly references: ReadonlyMap<string, string> };

/** Attempts before a change gives up on a busy mailbox. */
const ATTEMPTS = 8;

/**
 * Runs one change of a mailbox with optimistic concurrency: read a snapshot, decide, commit conditional on the
 * modseq read; when another change committed first, read again and decide again. Items the store reads after the
 * mailbox record (folders, threads of messages) are covered by the commit's modseq condition all the same.
 * @param keys - what to read
 * @param decide - pure: the result and the commit, from the snapshot
 * @throws MailboxNotFoundError when the mailbox does not exist or is being destroyed
 * @throws MailboxTransactionConflictError when other changes kept committing first
 * @example
 * await changeMailbox(store, orgId, mailboxId, { folders: ['INBOX'] }, (snapshot, modseq) => ({ result: 1 }));
 */
export async function changeMailbox<T>(
  store: MailboxModelStore,
  organizationId: string,
  mailboxId: string,
  keys: SnapshotKeys,
  decide: Decide<T>,
): Promise<T> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const snapshot = await store.read(organizationId, mailboxId, keys);
    const mailbox = snapshot.mailbox;
    if (mailbox?.state !== 'ACTIVE') throw new MailboxNotFoundError(organizationId, mailboxId);
    if (torn(snapshot, mailbox.modseq)) {
      await backoff(attempt);
      continue;
    }
    const decision = decide(snapshot, mailbox.modseq + 1);
    if (!decision.commit) return decision.result;
    const commit = {
      ...decision.commit,
      expectedModseq: mailbox.modseq,
      modseq: mailbox.modseq + 1,
      superseded: supersededChanges(snapshot, decision.commit),
    };
    const outcome = await store.commit(organizationId, mailboxId, commit);
    if (outcome === 'COMMITTED') return decision.result;
    if (outcome === 'MAILBOX_NOT_FOUND') throw new MailboxNotFoundError(organizationId, mailboxId);
    await backoff(attempt);
  }
  throw new MailboxTransactionConflictError(mailboxId, ['modseq moved']);
}

/**
 * The change-log entries a commit replaces: the latest entry of each folder, message and thread it writes or
 * destroys that existed in the snapshot.
 * @example
 * supersededChanges(snapshot, { folders: [inbox] }); // [{ kind: 'FOLDER', id: 'INBOX', modseq: 4 }]
 */
export function supersededChanges(snapshot: ModelSnapshot, commit: CommitBody): ChangeKey[] {
  const latest = new Map<string, number>([
    ...snapshot.folders.map((folder) => [`FOLDER ${folder.folderId}`, folder.modseq] as const),
    ...snapshot.messages.map((message) => [`EMAIL ${message.messageId}`, message.modseq] as const),
    ...snapshot.threads.map((thread) => [`THREAD ${thread.threadId}`, thread.modseq] as const),
  ]);
  const written: Array<[ChangeKind, string]> = [
    ...(commit.folders ?? []).map((folder): [ChangeKind, string] => ['FOLDER', folder.folderId]),
    ...(commit.destroyedFolders ?? []).map((folder): [ChangeKind, string] => ['FOLDER', folder.folderId]),
    ...(commit.messages ?? []).map((message): [ChangeKind, string] => ['EMAIL', message.messageId]),
    ...(commit.destroyedMessages ?? []).map((message): [ChangeKind, string] => ['EMAIL', message.messageId]),
    ...(commit.threads ?? []).map((thread): [ChangeKind, string] => ['THREAD', thread.threadId]),
  ];
  return written.flatMap(([kind, id]) => {
    const modseq = latest.get(`${kind} ${id}`);
    return modseq === undefined ? [] : [{ kind, id, modseq }];
  });
}

/**
 * True when items read after the mailbox record already carry a later commit (a concurrent change landed between
 * the reads): deciding on them would supersede change-log entries the commit itself writes, which DynamoDB refuses
 * as two operations on one item before it even checks the modseq condition. Such a snapshot is read again.
 */
function torn(snapshot: ModelSnapshot, modseq: number): boolean {
  return [...snapshot.folders, ...snapshot.messages, ...snapshot.threads].some(
    (item) => item.modseq > modseq,
  );
}

/** Waits a little longer after each lost race, with jitter so that racing writers spread out. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10 * attempt));
}

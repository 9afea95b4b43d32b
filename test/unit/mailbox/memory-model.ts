import type {
  ChangeEntry,
  ChangeKind,
  FolderRecord,
  ModelCommit,
  ThreadRecord,
} from '../../../lambdas/core/mailbox/model-types';
import type { CommitOutcome, MailboxModelStore, SnapshotKeys } from '../../../lambdas/core/mailbox/ports';
import type { MailboxRecord, MessageIndexEntry } from '../../../lambdas/core/mailbox/types';

/**
 * The mailbox model's storage in memory: the unit-test double of the DynamoDB adapter, held to the same contract
 * (test/integration/mailbox-model-store.contract.ts). Reads and commits are atomic because nothing here awaits.
 */
export class InMemoryMailboxModel implements MailboxModelStore {
  readonly mailboxes = new Map<string, MailboxRecord>();
  readonly messages = new Map<string, MessageIndexEntry>();
  readonly folderRecords = new Map<string, FolderRecord>();
  readonly threadRecords = new Map<string, ThreadRecord>();
  readonly references = new Map<string, string>();
  /** The latest change-log entry of each object, as `<mailbox>|<kind>|<id>`. */
  readonly changeLog = new Map<string, ChangeEntry & { kind: ChangeKind }>();
  /** Expunge records, as `<mailbox>|<folder>|<uid>` → modseq. */
  readonly expunged = new Map<string, number>();

  async read(organizationId: string, mailboxId: string, keys: SnapshotKeys) {
    const id = mailboxKey(organizationId, mailboxId);
    const pick = <T>(map: Map<string, T>, names: readonly string[] | undefined) =>
      (names ?? []).flatMap((name) => {
        const value = map.get(`${id}/${name}`);
        return value === undefined ? [] : [value];
      });
    const messages = pick(this.messages, keys.messages);
    const threadIds = [
      ...(keys.threads ?? []),
      ...(keys.threadsOfMessages ? messages.map((message) => message.threadId) : []),
    ];
    const mailbox = this.mailboxes.get(id);
    return {
      ...(mailbox ? { mailbox } : {}),
      folders: keys.allFolders
        ? await this.listFolders(organizationId, mailboxId)
        : pick(this.folderRecords, keys.folders),
      messages,
      threads: pick(this.threadRecords, [...new Set(threadIds)]),
      references: new Map(
        (keys.references ?? []).flatMap((key) => {
          const threadId = this.references.get(`${id}/${key}`);
          return threadId === undefined ? [] : [[key, threadId] as const];
        }),
      ),
    };
  }

  async listFolders(organizationId: string, mailboxId: string): Promise<FolderRecord[]> {
    const prefix = `${mailboxKey(organizationId, mailboxId)}/`;
    return [...this.folderRecords].filter(([key]) => key.startsWith(prefix)).map(([, folder]) => folder);
  }

  async commit(organizationId: string, mailboxId: string, commit: ModelCommit): Promise<CommitOutcome> {
    const refusal = this.check(organizationId, mailboxId, commit);
    if (refusal) return refusal;
    this.apply(organizationId, mailboxId, commit);
    return 'COMMITTED';
  }

  async changes(
    organizationId: string,
    mailboxId: string,
    kind: ChangeKind,
    sinceModseq: number,
    limit: number,
  ): Promise<ChangeEntry[]> {
    const prefix = `${mailboxKey(organizationId, mailboxId)}|${kind}|`;
    return [...this.changeLog]
      .filter(([key, entry]) => key.startsWith(prefix) && entry.modseq > sinceModseq)
      .map(([, { kind: _kind, ...entry }]) => entry)
      .sort((a, b) => a.modseq - b.modseq || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  /** Why a commit cannot apply now, if it cannot. */
  protected check(
    organizationId: string,
    mailboxId: string,
    commit: ModelCommit,
  ): Exclude<CommitOutcome, 'COMMITTED'> | undefined {
    const mailbox = this.mailboxes.get(mailboxKey(organizationId, mailboxId));
    if (mailbox?.state !== 'ACTIVE') return 'MAILBOX_NOT_FOUND';
    return mailbox.modseq === commit.expectedModseq ? undefined : 'CONFLICT';
  }

  /** Applies a checked commit. */
  protected apply(organizationId: string, mailboxId: string, commit: ModelCommit): void {
    const id = mailboxKey(organizationId, mailboxId);
    const { modseq } = commit;
    const log = (kind: ChangeKind, objectId: string, createdModseq: number, destroyed = false) =>
      this.changeLog.set(`${id}|${kind}|${objectId}`, {
        kind,
        id: objectId,
        modseq,
        createdModseq,
        destroyed,
      });
    const mailbox = this.mailboxes.get(id) as MailboxRecord;
    this.mailboxes.set(id, {
      ...mailbox,
      modseq,
      usedBytes: mailbox.usedBytes + (commit.usage?.bytes ?? 0),
      messageCount: mailbox.messageCount + (commit.usage?.messages ?? 0),
    });
    for (const folder of commit.folders ?? []) {
      this.folderRecords.set(`${id}/${folder.folderId}`, folder);
      log('FOLDER', folder.folderId, folder.createdModseq);
    }
    for (const folder of commit.destroyedFolders ?? []) {
      this.folderRecords.delete(`${id}/${folder.folderId}`);
      log('FOLDER', folder.folderId, folder.createdModseq, true);
    }
    for (const patch of commit.messages ?? []) {
      const message = this.messages.get(`${id}/${patch.messageId}`) as MessageIndexEntry;
      // Like the adapter: every change of an entry restarts its retention age.
      const ageAt = commit.changedAt ?? Date.now();
      this.messages.set(`${id}/${patch.messageId}`, { ...message, ...patch, modseq, ageAt });
      log('EMAIL', patch.messageId, patch.createdModseq);
    }
    for (const message of commit.destroyedMessages ?? []) {
      this.messages.delete(`${id}/${message.messageId}`);
      log('EMAIL', message.messageId, message.createdModseq, true);
    }
    for (const { folderId, uid } of commit.expunged ?? [])
      this.expunged.set(`${id}|${folderId}|${uid}`, modseq);
    for (const thread of commit.threads ?? []) {
      this.threadRecords.set(`${id}/${thread.threadId}`, thread);
      log('THREAD', thread.threadId, thread.createdModseq, thread.members.length === 0);
    }
  }

  /** Forgets the model's items of a mailbox (what the adapter's `deleteMailbox` deletes besides the record). */
  protected forget(organizationId: string, mailboxId: string): void {
    const id = mailboxKey(organizationId, mailboxId);
    for (const map of [this.folderRecords, this.threadRecords, this.references])
      for (const key of [...map.keys()]) if (key.startsWith(`${id}/`)) map.delete(key);
    for (const map of [this.changeLog, this.expunged])
      for (const key of [...map.keys()]) if (key.startsWith(`${id}|`)) map.delete(key);
  }
}

/** The key of a mailbox in the doubles' maps. */
export function mailboxKey(organizationId: string, mailboxId: string): string {
  return `${organizationId}|${mailboxId}`;
}

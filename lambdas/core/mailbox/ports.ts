import type { Readable } from 'node:stream';
import type { Page } from '../api/pagination';
import type { ChangeEntry, ChangeKind, FolderRecord, ModelCommit, ModelSnapshot } from './model-types';
import type {
  FolderUidPage,
  FolderUidRequest,
  MailboxRecord,
  MessageIndexEntry,
  MessagePageRequest,
  OrganizationKey,
  PutMessageOptions,
  PutMessageOutcome,
  WrappedMailboxKey,
} from './types';

/** Opaque storage of encrypted message blobs (S3 `store` bucket in the cloud). Keys never reveal content. */
export interface BlobStore {
  /**
   * Streams `body` into the object `key`, replacing any object there; resolves once it is durable.
   * @param sizeBytes - the exact length of `body`, when known (lets small blobs go in one request)
   */
  putStream(key: string, body: Readable, sizeBytes?: number): Promise<void>;
  /** The object's bytes as a stream, or `undefined` when there is no such object. */
  get(key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Deletes the object; deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
}

/**
 * Mailbox metadata: wrapped mailbox keys, usage counters and the message index. Uniqueness and quota are enforced
 * by conditional writes in the database, never by read-then-write.
 */
export interface MailboxStore extends MailboxModelStore {
  /** Writes the mailbox record and its first key version atomically; `false` when the mailbox already exists. */
  createMailbox(record: MailboxRecord, firstKey: WrappedMailboxKey): Promise<boolean>;
  /** The mailbox record (strongly consistent), if any. */
  getMailbox(organizationId: string, mailboxId: string): Promise<MailboxRecord | undefined>;
  /** One wrapped key version, if it exists (it does not once the mailbox was destroyed). */
  getKey(organizationId: string, mailboxId: string, version: number): Promise<WrappedMailboxKey | undefined>;
  /**
   * Adds `key` and makes it the current version, only if the current version is still `expectedCurrentVersion`
   * and the mailbox is active; `false` otherwise.
   */
  addKeyVersion(
    organizationId: string,
    mailboxId: string,
    key: WrappedMailboxKey,
    expectedCurrentVersion: number,
  ): Promise<boolean>;
  /** The index entry of one message, if stored. */
  getMessage(
    organizationId: string,
    mailboxId: string,
    messageId: string,
  ): Promise<MessageIndexEntry | undefined>;
  /**
   * In one transaction: inserts the index entry unless the message id exists, commits `options.commit` (its folder,
   * thread and usage changes) unless the mailbox's modseq moved (`CONFLICT`), the mailbox is not active or the
   * message would exceed `options.quotaBytes`, and writes the ledger receipt unless its target already has a final
   * record (`DUPLICATE`).
   */
  putMessage(
    organizationId: string,
    mailboxId: string,
    entry: MessageIndexEntry,
    options: PutMessageOptions,
  ): Promise<PutMessageOutcome>;
  /** One page of a folder's index entries, newest first (a query on the folder index). */
  listMessages(
    organizationId: string,
    mailboxId: string,
    folder: string,
    request: MessagePageRequest,
  ): Promise<Page<MessageIndexEntry>>;
  /**
   * One page of a folder's messages in UID order (a query on the folder's UID index, which projects no sealed
   * attribute). The index is eventually consistent: callers reconcile with the change log.
   */
  listFolderUids(
    organizationId: string,
    mailboxId: string,
    folder: string,
    request: FolderUidRequest,
  ): Promise<FolderUidPage>;
  /** One page of the index entries of every folder, in no particular order (mailbox destruction). */
  listAllMessages(
    organizationId: string,
    mailboxId: string,
    request: MessagePageRequest,
  ): Promise<Page<MessageIndexEntry>>;
  /** Removes one index entry and subtracts its size from the usage counters; a missing entry is a no-op. */
  deleteMessage(organizationId: string, mailboxId: string, messageId: string): Promise<void>;
  /** Marks an existing mailbox `DESTROYING`, so no message can be added any more; a missing one is a no-op. */
  markDestroying(organizationId: string, mailboxId: string): Promise<void>;
  /** Deletes every wrapped key version of the mailbox: crypto-shredding. */
  deleteKeys(organizationId: string, mailboxId: string): Promise<void>;
  /** Deletes the mailbox record itself (last step of destruction). */
  deleteMailbox(organizationId: string, mailboxId: string): Promise<void>;
}

/** How {@link MailboxModelStore.commit} ended. */
export type CommitOutcome = 'COMMITTED' | 'CONFLICT' | 'MAILBOX_NOT_FOUND';

/** What {@link MailboxModelStore.read} reads besides the mailbox record. */
export interface SnapshotKeys {
  /** Every folder, read after the mailbox record. */
  readonly allFolders?: boolean;
  readonly folders?: readonly string[];
  readonly messages?: readonly string[];
  /** The threads of the messages read, read after them. */
  readonly threadsOfMessages?: boolean;
  readonly threads?: readonly string[];
  /** Keys of thread reference records (see `threads.ts`). */
  readonly references?: readonly string[];
}

/**
 * The mailbox model's storage: consistent reads, commits that succeed only if the mailbox's modseq did not move, and
 * a change log queried by modseq, so that every sync costs what changed.
 */
export interface MailboxModelStore {
  /**
   * The mailbox record and the named items that exist, all as of one instant (one transactional read of at most 100
   * items), and the thread ids the named reference records point to.
   */
  read(
    organizationId: string,
    mailboxId: string,
    keys: SnapshotKeys,
  ): Promise<ModelSnapshot & { readonly references: ReadonlyMap<string, string> }>;
  /** Every folder of the mailbox (one query, sized by the folder count). */
  listFolders(organizationId: string, mailboxId: string): Promise<FolderRecord[]>;
  /** Commits the change atomically unless the mailbox's modseq is no longer `commit.expectedModseq`. */
  commit(organizationId: string, mailboxId: string, commit: ModelCommit): Promise<CommitOutcome>;
  /** Latest changes of one kind with a modseq above `sinceModseq`, oldest first, at most `limit`. */
  changes(
    organizationId: string,
    mailboxId: string,
    kind: ChangeKind,
    sinceModseq: number,
    limit: number,
  ): Promise<ChangeEntry[]>;
}

/** Resolves an organization's ARN and KMS key (from the directory); injected so core needs no directory import. */
export type OrganizationKeyResolver = (organizationId: string) => Promise<OrganizationKey>;

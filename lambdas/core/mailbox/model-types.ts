import type { FolderRole } from './folders';
import type { KeywordChange } from './keywords';
import type { MailboxRecord, MessageIndexEntry } from './types';

/**
 * Types of the mailbox model: folders, message state, threads and the change log that JMAP states, JMAP `/changes`
 * and IMAP CONDSTORE/QRESYNC all derive from. Every change to a mailbox takes the next value of the mailbox's one
 * modification sequence (`modseq`) and commits only if no other change took it first.
 */

/**
 * Days that tombstones and expunge records are kept: a client last synced longer ago than this gets a full resync
 * (JMAP `cannotCalculateChanges`) instead of changes that could miss a destruction.
 */
export const CHANGE_HISTORY_DAYS = 90;

/** A folder (JMAP Mailbox, IMAP mailbox) with its IMAP UID state and counters. */
export interface FolderRecord {
  readonly folderId: string;
  readonly name: string;
  /** Absent for a top-level folder. */
  readonly parentId?: string;
  readonly role?: FolderRole;
  /** IMAP UIDVALIDITY: 1 to 2^32 - 1, fixed for the folder's life. */
  readonly uidValidity: number;
  /** The UID the next message added to the folder gets; UIDs only grow. */
  readonly uidNext: number;
  readonly totalEmails: number;
  /** Messages without the `$seen` keyword. */
  readonly unreadEmails: number;
  /** Threads with at least one message in the folder. */
  readonly totalThreads: number;
  /** Threads with at least one unread message in the folder. */
  readonly unreadThreads: number;
  readonly createdModseq: number;
  readonly modseq: number;
}

/** One message of a thread, as the thread record keeps it (enough to count threads per folder). */
export interface ThreadMember {
  readonly messageId: string;
  readonly receivedAt: number;
  readonly folderId: string;
  readonly seen: boolean;
}

/** A thread: its messages, oldest first. A thread with no members is destroyed (its record stays, empty). */
export interface ThreadRecord {
  readonly threadId: string;
  readonly members: readonly ThreadMember[];
  readonly createdModseq: number;
  readonly modseq: number;
}

/** The state the model reads before a change: consistent as of one modseq. */
export interface ModelSnapshot {
  /** Undefined when the mailbox does not exist. */
  readonly mailbox?: MailboxRecord;
  readonly folders: readonly FolderRecord[];
  readonly messages: readonly MessageIndexEntry[];
  readonly threads: readonly ThreadRecord[];
}

/** The model-owned state of a stored message, as a change writes it. */
export type MessageStatePatch = Pick<
  MessageIndexEntry,
  'messageId' | 'folder' | 'uid' | 'keywords' | 'threadId' | 'createdModseq'
>;

/** A UID that left a folder (moved or destroyed): what IMAP QRESYNC reports as VANISHED. */
export interface ExpungedUid {
  readonly folderId: string;
  readonly uid: number;
}

/**
 * One atomic change of a mailbox, committed only while the mailbox's modseq is still `expectedModseq`. Everything
 * it writes carries `modseq`.
 */
export interface ModelCommit {
  readonly expectedModseq: number;
  readonly modseq: number;
  /** Folders created or changed (whole records). */
  readonly folders?: readonly FolderRecord[];
  readonly destroyedFolders?: readonly FolderRecord[];
  /** Messages whose state changed. */
  readonly messages?: readonly MessageStatePatch[];
  /** Messages destroyed: their index entries become tombstones (the wrapped message key is dropped). */
  readonly destroyedMessages?: readonly MessageIndexEntry[];
  readonly expunged?: readonly ExpungedUid[];
  /** Threads created or changed (whole records); one with no members is destroyed. */
  readonly threads?: readonly ThreadRecord[];
  /** Added to the mailbox's usage counters. */
  readonly usage?: { readonly bytes: number; readonly messages: number };
  /** Change-log entries that this commit's entries replace (each object keeps only its latest). */
  readonly superseded?: readonly ChangeKey[];
  /**
   * When the change was decided (epoch ms): the retention age of every message it writes restarts here.
   * @default - the store's clock
   */
  readonly changedAt?: number;
}

/** Names one change-log entry. */
export interface ChangeKey {
  readonly kind: ChangeKind;
  readonly id: string;
  readonly modseq: number;
}

/** What a change-log query is about: JMAP's Email, Mailbox and Thread types. */
export type ChangeKind = 'EMAIL' | 'FOLDER' | 'THREAD';

/** One entry of the change log: the latest change of one object. */
export interface ChangeEntry {
  readonly id: string;
  readonly modseq: number;
  readonly createdModseq: number;
  readonly destroyed: boolean;
}

/** What changed since a modseq (JMAP `/changes`). */
export interface ModelChanges {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly destroyed: readonly string[];
  /** The modseq these changes bring the caller to. */
  readonly modseq: number;
  /** More changes follow `modseq`. */
  readonly hasMore: boolean;
}

/** Why the model refused a change; each front end maps these to its own errors. */
export type ModelRefusal =
  | { readonly type: 'notFound' }
  | { readonly type: 'folderNotFound' }
  | { readonly type: 'invalidName'; readonly reason: string }
  | { readonly type: 'nameTaken' }
  | { readonly type: 'parentNotFound' }
  | { readonly type: 'cycle' }
  | { readonly type: 'tooDeep' }
  | { readonly type: 'tooManyFolders' }
  | { readonly type: 'systemFolder' }
  /** Only retention moves messages into Recoverable Items. */
  | { readonly type: 'retentionFolder' }
  | { readonly type: 'folderHasChildren' }
  | { readonly type: 'folderHasMessages' }
  | { readonly type: 'invalidKeyword'; readonly keyword: string }
  | { readonly type: 'tooManyKeywords' }
  | { readonly type: 'tooManyChanges' }
  | { readonly type: 'overQuota' };

/** The outcome of one item of a change: done, or refused with a reason. */
export type ModelResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: ModelRefusal };

/** A change of a user folder: a new name, a new parent (`null`: top level), or both. */
export interface FolderChange {
  readonly name?: string;
  readonly parentId?: string | null;
}

/** A change of a message: its keywords, its folder, or both. */
export interface MessageUpdate {
  readonly messageId: string;
  readonly keywords?: KeywordChange;
  readonly folderId?: string;
}

/** A message's state after an update. */
export type UpdatedMessage = Pick<
  MessageIndexEntry,
  'messageId' | 'folder' | 'uid' | 'keywords' | 'threadId'
>;

import type { Readable } from 'node:stream';
import type { Page } from '../api/pagination';
import type {
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
export interface MailboxStore {
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
   * In one transaction: inserts the index entry unless the message id exists, adds its size to the usage counters
   * unless that would exceed `options.quotaBytes` or the mailbox is not active, and writes the ledger receipt
   * unless its target already has a final record (`DUPLICATE`).
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

/** Resolves an organization's ARN and KMS key (from the directory); injected so core needs no directory import. */
export type OrganizationKeyResolver = (organizationId: string) => Promise<OrganizationKey>;

import type { Cursor } from '../api/pagination';
import type { DeliveryReceipt } from '../delivery/ports';
import type { VacationWindow } from '../vacation/types';
import type { ModelCommit } from './model-types';

/** Folders that inbound delivery writes to (WorkMail's well-known folder names). */
export type DeliveryFolder = 'INBOX' | 'JUNK_EMAIL';

/** The only key scheme so far: a symmetric 256-bit mailbox key wrapped by KMS (security-and-logging.md §10.9). */
export type KeyScheme = 'AES256_SYMMETRIC_V1';

/** Lifecycle state of a mailbox record; `DESTROYING` means its keys are (being) shredded. */
export type MailboxState = 'ACTIVE' | 'DESTROYING';

/** A mailbox's metadata and usage counters. */
export interface MailboxRecord {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly state: MailboxState;
  readonly keyScheme: KeyScheme;
  /** Version of the mailbox key that new messages are wrapped with. */
  readonly currentKeyVersion: number;
  /** Sum of the raw (plaintext) sizes of the stored messages. */
  readonly usedBytes: number;
  readonly messageCount: number;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** The mailbox's modification sequence: the modseq of its latest change (0 before the first). */
  readonly modseq: number;
  /** While the owner's vacation response is enabled: when it applies (written by the vacation settings store). */
  readonly vacation?: VacationWindow;
}

/** One version of a mailbox key, as stored: only wrapped, never in plaintext. */
export interface WrappedMailboxKey {
  readonly version: number;
  /** The KeyWrapper (KMS) ciphertext of the 256-bit mailbox key. */
  readonly wrappedKey: Uint8Array;
  /** The KMS key that wrapped it, when not the deployment default. */
  readonly kmsKeyArn?: string;
  readonly createdAt: number;
}

/** Index fields that reveal content, each encrypted separately (AAD names the field). */
export type EncryptedSummary = Readonly<Partial<Record<SummaryField, Uint8Array>>>;

/** Names of the encrypted summary fields. */
export type SummaryField = 'subject' | 'from' | 'to' | 'snippet';

/** Plaintext summary of a message, as given to delivery and returned by listings. */
export interface MessageSummary {
  readonly subject?: string;
  readonly from?: string;
  readonly to?: readonly string[];
  readonly snippet?: string;
}

/** A message index entry as stored: everything that reveals content is ciphertext. */
export interface MessageIndexEntry {
  readonly messageId: string;
  readonly folder: string;
  readonly receivedAt: number;
  /** Raw (plaintext) size in bytes; counts towards the quota. */
  readonly sizeBytes: number;
  /** Where the encrypted blob is in the BlobStore. */
  readonly blobKey: string;
  readonly keyVersion: number;
  readonly formatVersion: number;
  /** The message key wrapped under mailbox key `keyVersion`. */
  readonly wrappedMessageKey: Uint8Array;
  readonly summary: EncryptedSummary;
  /** JMAP keywords (IMAP flags), lower case: `$seen`, `$flagged`, `$answered`, `$draft`, custom ones. */
  readonly keywords: readonly string[];
  /** IMAP UID in `folder`. */
  readonly uid: number;
  readonly threadId: string;
  /** The modseq of the message's latest change. */
  readonly modseq: number;
  /** The modseq of the change that stored it. */
  readonly createdModseq: number;
  /**
   * Epoch milliseconds when the message's retention age started: its creation, or the latest change of its entry
   * (keywords, folder). Absent on entries stored before retention existed: their `receivedAt` counts.
   */
  readonly ageAt?: number;
}

/** A decrypted listing row. */
export interface MessageListItem {
  readonly messageId: string;
  readonly folder: string;
  readonly receivedAt: number;
  readonly sizeBytes: number;
  readonly keywords: readonly string[];
  readonly uid: number;
  readonly threadId: string;
  readonly summary: MessageSummary;
}

/** A request for one page of a folder listing, newest first. */
export interface MessagePageRequest {
  readonly limit: number;
  readonly cursor?: Cursor;
}

/** A message of a folder as IMAP's view of the folder needs it: from the UID index, nothing sealed. */
export type FolderMessage = Pick<
  MessageIndexEntry,
  'messageId' | 'uid' | 'keywords' | 'modseq' | 'sizeBytes' | 'receivedAt'
>;

/** A page of a folder in UID order: the messages with a UID above `afterUid`, at most `limit`. */
export interface FolderUidRequest {
  readonly afterUid: number;
  readonly limit: number;
}

/** One page of a folder in UID order; `more` when a later page may hold more. */
export interface FolderUidPage {
  readonly items: readonly FolderMessage[];
  readonly more: boolean;
}

/** How {@link MailboxStore.putMessage} ended. */
export type PutMessageOutcome = 'STORED' | 'DUPLICATE' | 'QUOTA_EXCEEDED' | 'MAILBOX_NOT_FOUND' | 'CONFLICT';

/** The organization's ARN (encryption context) and KMS key (when it is not the deployment default). */
export interface OrganizationKey {
  readonly arn: string;
  readonly kmsKeyArn?: string;
}

/** Input of {@link MailboxService.deliver}. */
export interface DeliverInput {
  readonly organizationId: string;
  readonly mailboxId: string;
  /** Unique per mailbox (e.g. the SES message id); letters, digits and `._:-` only, so never an address. */
  readonly messageId: string;
  /** The folder id: Inbox or Junk Email for inbound mail, any folder for an import. */
  readonly folder: string;
  /** Keywords the message starts with (an import's); none for inbound mail. */
  readonly keywords?: readonly string[];
  readonly raw: Buffer;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  readonly summary: MessageSummary;
  /** The mailbox quota in bytes. */
  readonly quotaBytes: number;
  /** The delivery ledger's receipt, written in the same transaction as the message. */
  readonly receipt?: DeliveryReceipt;
  /** The message's own and referenced Message-IDs, which place it in a thread. */
  readonly threading?: ThreadHeaders;
}

/** The raw values of the header fields that thread a message (RFC 5322 §3.6.4). */
export interface ThreadHeaders {
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: string;
}

/** How a message is stored: the quota it must fit in and the ledger receipt committed with it. */
export interface PutMessageOptions {
  readonly quotaBytes: number;
  readonly receipt?: DeliveryReceipt;
  /** The folder, thread and usage changes the message brings, committed with it. */
  readonly commit: ModelCommit;
  /** Records the message's own Message-ID under this key, pointing to its thread (see `threads.ts`). */
  readonly referenceKey?: string;
}

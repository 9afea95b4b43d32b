import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Page } from '../api/pagination';
import { decryptContent, encryptContent, encryptedLength, sliceBuffer } from '../crypto/content-stream';
import { generateKey, unwrapMessageKey, wrapMessageKey, type MessageIdentity } from '../crypto/envelope';
import { KeyCache, MAX_KEY_CACHE_MS, type Clock } from '../crypto/key-cache';
import type { KeyWrapper } from '../crypto/ports';
import type { MailboxLifecycle } from '../directory/ports';
import {
  InvalidMessageIdError,
  MailboxCleanupIncompleteError,
  MailboxKeyRotationConflictError,
  MailboxNotFoundError,
  MailboxQuotaExceededError,
  FolderNotFoundError,
  MessageIntegrityError,
  MessageNotFoundError,
} from './errors';
import { commitDelivery } from './commit-delivery';
import { deriveIndexKey, INDEX_KEY_VERSION } from './index-key';
import { MailboxKeyring } from './keyring';
import type { BlobStore, MailboxStore, OrganizationKeyResolver } from './ports';
import { decryptSummary, encryptSummary } from './summary';
import { readUpload, storeUpload } from './uploads';
import type { VacationWindow } from '../vacation/types';
import type {
  DeliverInput,
  MailboxRecord,
  MessageIndexEntry,
  MessageListItem,
  MessagePageRequest,
} from './types';

/** Dependencies of {@link MailboxService}. */
export interface MailboxServiceDeps {
  readonly store: MailboxStore;
  readonly blobs: BlobStore;
  /** KMS in the cloud, the master-key file locally. */
  readonly keyWrapper: KeyWrapper;
  readonly organizationKey: OrganizationKeyResolver;
  /** @default - `Date.now` */
  readonly now?: Clock;
  /** How long plaintext mailbox keys stay cached, at most 60 000. @default - 60 000 ms */
  readonly keyCacheTtlMs?: number;
  /** Id of one blob write attempt. @default - `randomUUID` */
  readonly newBlobId?: () => string;
}

const MESSAGE_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const DESTROY_PAGE = 100;

/**
 * The encrypted mail store: mailbox lifecycle (keys, crypto-shredding), delivery, reading and listing.
 * @example
 * const mailboxes = new MailboxService({ store, blobs, keyWrapper, organizationKey });
 * await mailboxes.provision('m-1', 'S-1-1');
 */
export class MailboxService implements MailboxLifecycle {
  private readonly keyring: MailboxKeyring;
  private readonly now: Clock;
  private readonly newBlobId: () => string;

  constructor(private readonly deps: MailboxServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newBlobId = deps.newBlobId ?? randomUUID;
    const cache = new KeyCache({ ttlMs: deps.keyCacheTtlMs, now: this.now });
    const versionTtlMs = Math.min(deps.keyCacheTtlMs ?? MAX_KEY_CACHE_MS, MAX_KEY_CACHE_MS);
    this.keyring = new MailboxKeyring({ ...deps, cache, now: this.now, versionTtlMs });
  }

  /** Creates the mailbox with key version 1 (one KMS Encrypt) unless it exists; finishes a pending destroy first. */
  async provision(organizationId: string, mailboxId: string): Promise<void> {
    const existing = await this.deps.store.getMailbox(organizationId, mailboxId);
    if (existing?.state === 'ACTIVE') return;
    if (existing) await this.destroy(organizationId, mailboxId);
    const record: MailboxRecord = {
      organizationId,
      mailboxId,
      state: 'ACTIVE',
      keyScheme: 'AES256_SYMMETRIC_V1',
      currentKeyVersion: 1,
      usedBytes: 0,
      messageCount: 0,
      createdAt: this.now(),
      modseq: 0,
    };
    const key = await this.keyring.newWrappedKey(organizationId, mailboxId, 1);
    if (await this.deps.store.createMailbox(record, key)) this.keyring.remember(organizationId, mailboxId, 1);
  }

  /**
   * Destroys the mailbox. Primary course: 1. mark it DESTROYING (no new mail); 2. delete every wrapped key
   * (crypto-shredding: all copies of its mail become unreadable); 3. delete each blob, then its index entry;
   * 4. delete the mailbox record. Idempotent; a failed blob deletion leaves the rest for the next call.
   */
  async destroy(organizationId: string, mailboxId: string): Promise<void> {
    const existing = await this.deps.store.getMailbox(organizationId, mailboxId);
    if (!existing) return;
    await this.deps.store.markDestroying(organizationId, mailboxId);
    await this.deps.store.deleteKeys(organizationId, mailboxId);
    this.keyring.evict(organizationId, mailboxId);
    const failures: unknown[] = [];
    let cursor: MessagePageRequest['cursor'];
    do {
      const page = await this.deps.store.listAllMessages(organizationId, mailboxId, {
        limit: DESTROY_PAGE,
        cursor,
      });
      const results = await Promise.allSettled(
        page.items.map(async (entry) => {
          await this.deps.blobs.delete(entry.blobKey);
          await this.deps.store.deleteMessage(organizationId, mailboxId, entry.messageId);
        }),
      );
      for (const result of results) if (result.status === 'rejected') failures.push(result.reason);
      cursor = page.cursor;
    } while (cursor);
    if (failures.length > 0) {
      throw new MailboxCleanupIncompleteError(mailboxId, failures.length, {
        cause: new AggregateError(failures, 'blob clean-up failed'),
      });
    }
    await this.deps.store.deleteMailbox(organizationId, mailboxId);
  }

  /** Raw bytes stored in the mailbox (what GetMailboxDetails reports); 0 when there is no mailbox. */
  async sizeBytes(organizationId: string, mailboxId: string): Promise<number> {
    return (await this.deps.store.getMailbox(organizationId, mailboxId))?.usedBytes ?? 0;
  }

  /**
   * Delivers one message. Primary course: 1. check the id; 2. take the mailbox's current key version (remembered,
   * see {@link MailboxKeyring.currentVersion}); 3. generate a message key and wrap it with the (cached) mailbox key;
   * 4. stream the encrypted content into a fresh blob; 5. in one transaction, insert the index entry (encrypted
   * summary), add to usage and write the delivery's ledger receipt, conditional on "new message", "receipt not
   * written yet", "mailbox active" and "within quota". A warm delivery is one blob write and one transaction.
   * A crash before 5 leaves an unreferenced blob and no visible message; a retry completes the delivery. A refused
   * transaction (duplicate, quota, mailbox gone) deletes its blob. A stored message comes back with the mailbox
   * record's vacation window, when it has one (read by step 5 anyway).
   * @throws MailboxQuotaExceededError when the message does not fit (nothing is stored)
   */
  async deliver(input: DeliverInput): Promise<{ stored: boolean; vacation?: VacationWindow }> {
    const { organizationId, mailboxId, messageId, raw, quotaBytes } = input;
    if (!MESSAGE_ID.test(messageId)) throw new InvalidMessageIdError(messageId);
    const identity: MessageIdentity = {
      organizationId,
      mailboxId,
      messageId,
      keyVersion: await this.keyring.currentVersion(organizationId, mailboxId),
    };
    const messageKey = generateKey();
    try {
      const wrappedMessageKey = await this.keyring.use(
        organizationId,
        mailboxId,
        identity.keyVersion,
        (mailboxKey) => wrapMessageKey(mailboxKey, messageKey, identity),
      );
      const blobKey = `${organizationId}/${mailboxId}/${digest(messageId)}/${this.newBlobId()}`;
      const body = Readable.from(encryptContent(sliceBuffer(raw), messageKey, wrappedMessageKey, identity));
      await this.deps.blobs.putStream(blobKey, body, encryptedLength(raw.length));
      const stored = {
        blobKey,
        keyVersion: identity.keyVersion,
        wrappedMessageKey,
        summary: encryptSummary(messageKey, identity, input.summary),
      };
      const { outcome, vacation } = await commitDelivery(
        this.deps.store,
        this.keyring,
        this.now,
        input,
        stored,
      );
      if (outcome === 'STORED') return { stored: true, ...(vacation ? { vacation } : {}) };
      await this.deps.blobs.delete(blobKey);
      if (outcome === 'DUPLICATE') return { stored: false };
      if (outcome === 'QUOTA_EXCEEDED')
        throw new MailboxQuotaExceededError(mailboxId, quotaBytes, raw.length);
      if (outcome === 'FOLDER_NOT_FOUND') throw new FolderNotFoundError(mailboxId, input.folder);
      this.keyring.evict(organizationId, mailboxId);
      throw new MailboxNotFoundError(organizationId, mailboxId);
      // Stryker disable next-line BlockStatement: zeroing the message key is memory hygiene no caller can observe
    } finally {
      messageKey.fill(0);
    }
  }

  /** The exact original bytes of a message, as a stream of authenticated chunks. */
  async openMessage(organizationId: string, mailboxId: string, messageId: string): Promise<Readable> {
    const entry = await this.deps.store.getMessage(organizationId, mailboxId, messageId);
    if (!entry) throw new MessageNotFoundError(mailboxId, messageId);
    const identity: MessageIdentity = { organizationId, mailboxId, messageId, keyVersion: entry.keyVersion };
    const messageKey = await this.keyring.use(organizationId, mailboxId, entry.keyVersion, (mailboxKey) =>
      unwrapMessageKey(mailboxKey, entry.wrappedMessageKey, identity),
    );
    const blob = await this.deps.blobs.get(entry.blobKey);
    if (!blob) throw new MessageIntegrityError(messageId);
    return Readable.from(checkedContent(decryptContent(blob, messageKey, identity), entry, messageKey));
  }

  /**
   * Calls `fn` with the mailbox's index key (see `index-key.ts`), zeroed once `fn` returns; `fn` must not keep it.
   * @example
   * const key = await mailboxes.useIndexKey(orgId, mailboxId, (indexKey) => termKey(indexKey, 'invoice'));
   */
  async useIndexKey<T>(organizationId: string, mailboxId: string, fn: (indexKey: Buffer) => T): Promise<T> {
    const indexKey = await this.keyring.use(organizationId, mailboxId, INDEX_KEY_VERSION, deriveIndexKey);
    try {
      return fn(indexKey);
    } finally {
      indexKey.fill(0);
    }
  }

  /** The exact original bytes of a message. */
  async readMessage(organizationId: string, mailboxId: string, messageId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openMessage(organizationId, mailboxId, messageId))
      chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** One page of a folder, newest first, with decrypted summaries (a query on the folder index). */
  async listMessages(
    organizationId: string,
    mailboxId: string,
    folder: string,
    page: MessagePageRequest,
  ): Promise<Page<MessageListItem>> {
    const stored = await this.deps.store.listMessages(organizationId, mailboxId, folder, page);
    const items = await Promise.all(
      stored.items.map((entry) => {
        const identity: MessageIdentity = {
          organizationId,
          mailboxId,
          messageId: entry.messageId,
          keyVersion: entry.keyVersion,
        };
        return this.keyring.use(
          organizationId,
          mailboxId,
          entry.keyVersion,
          (mailboxKey): MessageListItem => {
            const messageKey = unwrapMessageKey(mailboxKey, entry.wrappedMessageKey, identity);
            const summary = decryptSummary(messageKey, identity, entry.summary);
            messageKey.fill(0);
            const { messageId, receivedAt, sizeBytes, keywords, uid, threadId } = entry;
            return {
              messageId,
              folder: entry.folder,
              receivedAt,
              sizeBytes,
              keywords,
              uid,
              threadId,
              summary,
            };
          },
        );
      }),
    );
    return stored.cursor ? { items, cursor: stored.cursor } : { items };
  }

  /** Encrypts and stores an upload (JMAP upload); its id, for {@link readUpload}. See `uploads.ts`. */
  storeUpload(organizationId: string, mailboxId: string, bytes: Buffer): Promise<string> {
    return storeUpload(this.keyring, this.deps.blobs, organizationId, mailboxId, bytes);
  }

  /** The bytes of an upload of this mailbox, or undefined (expired, unknown, another mailbox's). */
  readUpload(organizationId: string, mailboxId: string, uploadId: string): Promise<Buffer | undefined> {
    return readUpload(this.keyring, this.deps.blobs, organizationId, mailboxId, uploadId);
  }

  /** Adds mailbox key version n+1 (one KMS Encrypt) for new messages; older messages stay readable. */
  async rotateMailboxKey(organizationId: string, mailboxId: string): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const mailbox = await this.activeMailbox(organizationId, mailboxId);
      const version = mailbox.currentKeyVersion + 1;
      const key = await this.keyring.newWrappedKey(organizationId, mailboxId, version);
      if (await this.deps.store.addKeyVersion(organizationId, mailboxId, key, mailbox.currentKeyVersion)) {
        this.keyring.remember(organizationId, mailboxId, version);
        return version;
      }
    }
    throw new MailboxKeyRotationConflictError(mailboxId);
  }

  private async activeMailbox(organizationId: string, mailboxId: string): Promise<MailboxRecord> {
    const mailbox = await this.deps.store.getMailbox(organizationId, mailboxId);
    if (mailbox?.state !== 'ACTIVE') throw new MailboxNotFoundError(organizationId, mailboxId);
    return mailbox;
  }
}

async function* checkedContent(
  plaintext: AsyncIterable<Buffer>,
  entry: MessageIndexEntry,
  messageKey: Buffer,
) {
  let length = 0;
  try {
    for await (const chunk of plaintext) {
      length += chunk.length;
      yield chunk;
    }
  } finally {
    messageKey.fill(0);
  }
  if (length !== entry.sizeBytes) throw new MessageIntegrityError(entry.messageId);
}

function digest(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 32);
}

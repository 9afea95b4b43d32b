import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Page } from '../../../lambdas/core/api/pagination';
import { canonicalContext } from '../../../lambdas/core/crypto/context';
import type { KeyWrapper } from '../../../lambdas/core/crypto/ports';
import type { BlobStore, MailboxStore } from '../../../lambdas/core/mailbox/ports';
import type {
  FolderUidPage,
  FolderUidRequest,
  MailboxRecord,
  MessageIndexEntry,
  MessagePageRequest,
  PutMessageOptions,
  PutMessageOutcome,
  WrappedMailboxKey,
} from '../../../lambdas/core/mailbox/types';
import { InMemoryMailboxModel, mailboxKey } from './memory-model';

/** A KeyWrapper double: AES-256-GCM under one in-memory key, context as AAD, counting calls like KMS would. */
export class CountingKeyWrapper implements KeyWrapper {
  readonly calls = { wrap: 0, unwrap: 0 };
  readonly keyIds: Array<string | undefined> = [];
  /** Copies of every plaintext it wrapped, so tests can prove they are stored nowhere. */
  readonly plaintexts: Buffer[] = [];
  private readonly key = randomBytes(32);

  async wrap(
    keyId: string | undefined,
    plaintext: Uint8Array,
    context: Readonly<Record<string, string>>,
  ): Promise<Uint8Array> {
    this.calls.wrap++;
    this.keyIds.push(keyId);
    this.plaintexts.push(Buffer.from(plaintext));
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce).setAAD(canonicalContext(context));
    return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }

  async unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array> {
    this.calls.unwrap++;
    const bytes = Buffer.from(ciphertext);
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12)).setAAD(
      canonicalContext(context),
    );
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  }
}

/** A BlobStore double holding objects in a Map. */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, Buffer>();
  failDeletes = false;

  async putStream(key: string, body: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    this.objects.set(key, Buffer.concat(chunks));
  }

  async get(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const object = this.objects.get(key);
    return object ? toAsync(object) : undefined;
  }

  async delete(key: string): Promise<void> {
    if (this.failDeletes) throw new Error('blob store unavailable');
    this.objects.delete(key);
  }
}

async function* toAsync(object: Buffer): AsyncGenerator<Uint8Array> {
  // Odd-sized pieces, so readers cannot rely on chunk-aligned input.
  for (let offset = 0; offset < object.length; offset += 7000) yield object.subarray(offset, offset + 7000);
}

/** A MailboxStore double with the same conditional semantics as the DynamoDB adapter (atomic in one tick). */
export class InMemoryMailboxStore extends InMemoryMailboxModel implements MailboxStore {
  readonly keys = new Map<string, WrappedMailboxKey>();
  /** Delivery receipts committed with messages, as `<ledger message id>|<target>`. */
  readonly receipts = new Set<string>();

  async createMailbox(record: MailboxRecord, firstKey: WrappedMailboxKey): Promise<boolean> {
    const id = mailboxKey(record.organizationId, record.mailboxId);
    if (this.mailboxes.has(id)) return false;
    this.mailboxes.set(id, record);
    this.keys.set(`${id}/${firstKey.version}`, firstKey);
    return true;
  }

  async getMailbox(organizationId: string, mailboxId: string): Promise<MailboxRecord | undefined> {
    return this.mailboxes.get(mailboxKey(organizationId, mailboxId));
  }

  async getKey(
    organizationId: string,
    mailboxId: string,
    version: number,
  ): Promise<WrappedMailboxKey | undefined> {
    return this.keys.get(`${mailboxKey(organizationId, mailboxId)}/${version}`);
  }

  async addKeyVersion(
    organizationId: string,
    mailboxId: string,
    key: WrappedMailboxKey,
    expected: number,
  ): Promise<boolean> {
    const id = mailboxKey(organizationId, mailboxId);
    const mailbox = this.mailboxes.get(id);
    if (
      mailbox?.state !== 'ACTIVE' ||
      mailbox.currentKeyVersion !== expected ||
      this.keys.has(`${id}/${key.version}`)
    )
      return false;
    this.keys.set(`${id}/${key.version}`, key);
    this.mailboxes.set(id, { ...mailbox, currentKeyVersion: key.version });
    return true;
  }

  async getMessage(
    organizationId: string,
    mailboxId: string,
    messageId: string,
  ): Promise<MessageIndexEntry | undefined> {
    return this.messages.get(`${mailboxKey(organizationId, mailboxId)}/${messageId}`);
  }

  async putMessage(
    organizationId: string,
    mailboxId: string,
    entry: MessageIndexEntry,
    { quotaBytes, receipt, commit, referenceKey }: PutMessageOptions,
  ): Promise<PutMessageOutcome> {
    const id = mailboxKey(organizationId, mailboxId);
    if (this.messages.has(`${id}/${entry.messageId}`)) return 'DUPLICATE';
    const receiptKey = receipt && `${receipt.messageId}|${receipt.target}`;
    if (receiptKey && this.receipts.has(receiptKey)) return 'DUPLICATE';
    const refusal = this.check(organizationId, mailboxId, commit);
    if (refusal) return refusal;
    const mailbox = this.mailboxes.get(id) as MailboxRecord;
    if (mailbox.usedBytes + entry.sizeBytes > quotaBytes) return 'QUOTA_EXCEEDED';
    this.messages.set(`${id}/${entry.messageId}`, entry);
    if (receiptKey) this.receipts.add(receiptKey);
    if (referenceKey) this.references.set(`${id}/${referenceKey}`, entry.threadId);
    this.apply(organizationId, mailboxId, commit);
    this.changeLog.set(`${id}|EMAIL|${entry.messageId}`, {
      kind: 'EMAIL',
      id: entry.messageId,
      modseq: commit.modseq,
      createdModseq: commit.modseq,
      destroyed: false,
    });
    return 'STORED';
  }

  async listMessages(
    organizationId: string,
    mailboxId: string,
    folder: string,
    request: MessagePageRequest,
  ): Promise<Page<MessageIndexEntry>> {
    const all = this.entries(organizationId, mailboxId)
      .filter((entry) => entry.folder === folder)
      .sort((a, b) => b.receivedAt - a.receivedAt);
    const start = (request.cursor?.offset as number | undefined) ?? 0;
    const items = all.slice(start, start + request.limit);
    return start + request.limit < all.length
      ? { items, cursor: { offset: start + request.limit } }
      : { items };
  }

  async listFolderUids(
    organizationId: string,
    mailboxId: string,
    folder: string,
    request: FolderUidRequest,
  ): Promise<FolderUidPage> {
    const rest = this.entries(organizationId, mailboxId)
      .filter((entry) => entry.folder === folder && entry.uid > request.afterUid)
      .sort((a, b) => a.uid - b.uid);
    const items = rest
      .slice(0, request.limit)
      .map(({ messageId, uid, keywords, modseq, sizeBytes, receivedAt }) => ({
        messageId,
        uid,
        keywords,
        modseq,
        sizeBytes,
        receivedAt,
      }));
    return { items, more: rest.length > request.limit };
  }

  async listAllMessages(
    organizationId: string,
    mailboxId: string,
    request: MessagePageRequest,
  ): Promise<Page<MessageIndexEntry>> {
    // Key-based like DynamoDB's LastEvaluatedKey, so deleting listed entries while paging skips none.
    const after = request.cursor?.after as string | undefined;
    const rest = this.entries(organizationId, mailboxId)
      .sort((a, b) => (a.messageId < b.messageId ? -1 : 1))
      .filter((entry) => after === undefined || entry.messageId > after);
    const items = rest.slice(0, request.limit);
    return rest.length > request.limit ? { items, cursor: { after: items.at(-1)?.messageId } } : { items };
  }

  async deleteMessage(organizationId: string, mailboxId: string, messageId: string): Promise<void> {
    const id = mailboxKey(organizationId, mailboxId);
    const entry = this.messages.get(`${id}/${messageId}`);
    if (!entry) return;
    this.messages.delete(`${id}/${messageId}`);
    const mailbox = this.mailboxes.get(id);
    if (mailbox)
      this.mailboxes.set(id, {
        ...mailbox,
        usedBytes: mailbox.usedBytes - entry.sizeBytes,
        messageCount: mailbox.messageCount - 1,
      });
  }

  async markDestroying(organizationId: string, mailboxId: string): Promise<void> {
    const id = mailboxKey(organizationId, mailboxId);
    const mailbox = this.mailboxes.get(id);
    if (mailbox) this.mailboxes.set(id, { ...mailbox, state: 'DESTROYING' });
  }

  async deleteKeys(organizationId: string, mailboxId: string): Promise<void> {
    const prefix = `${mailboxKey(organizationId, mailboxId)}/`;
    for (const id of [...this.keys.keys()]) if (id.startsWith(prefix)) this.keys.delete(id);
  }

  async deleteMailbox(organizationId: string, mailboxId: string): Promise<void> {
    this.forget(organizationId, mailboxId);
    this.mailboxes.delete(mailboxKey(organizationId, mailboxId));
  }

  private entries(organizationId: string, mailboxId: string): MessageIndexEntry[] {
    const prefix = `${mailboxKey(organizationId, mailboxId)}/`;
    return [...this.messages].filter(([id]) => id.startsWith(prefix)).map(([, entry]) => entry);
  }
}

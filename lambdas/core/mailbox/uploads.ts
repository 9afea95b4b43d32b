import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CONTENT_HEADER_BYTES,
  decryptContent,
  encryptContent,
  encryptedLength,
  readContentHeader,
  sliceBuffer,
} from '../crypto/content-stream';
import { generateKey, unwrapMessageKey, wrapMessageKey, type MessageIdentity } from '../crypto/envelope';
import type { MailboxKeyring } from './keyring';
import type { BlobStore } from './ports';

/**
 * Uploaded blobs (JMAP upload, RFC 8620 §6.1): encrypted under the mailbox key like messages, self-describing (the
 * blob header carries the key version and the wrapped blob key), so an upload needs no index item. They live under
 * `uploads/` in the store bucket, which a lifecycle rule empties after a day; destroying the mailbox's keys makes
 * them unreadable at once. Their identity is `upload/<id>`, which no message id can be (message ids have no `/`).
 */

const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;

const uploadKey = (organizationId: string, mailboxId: string, uploadId: string) =>
  `uploads/${organizationId}/${mailboxId}/${uploadId}`;

/**
 * Encrypts and stores an upload; returns its id.
 * @example
 * const uploadId = await storeUpload(keyring, blobs, orgId, mailboxId, bytes);
 */
export async function storeUpload(
  keyring: MailboxKeyring,
  blobs: BlobStore,
  organizationId: string,
  mailboxId: string,
  bytes: Buffer,
): Promise<string> {
  const uploadId = randomBytes(16).toString('base64url');
  const keyVersion = await keyring.currentVersion(organizationId, mailboxId);
  const identity: MessageIdentity = {
    organizationId,
    mailboxId,
    messageId: `upload/${uploadId}`,
    keyVersion,
  };
  const blobKey = generateKey();
  try {
    const wrapped = await keyring.use(organizationId, mailboxId, keyVersion, (mailboxKey) =>
      wrapMessageKey(mailboxKey, blobKey, identity),
    );
    const body = Readable.from(encryptContent(sliceBuffer(bytes), blobKey, wrapped, identity));
    await blobs.putStream(
      uploadKey(organizationId, mailboxId, uploadId),
      body,
      encryptedLength(bytes.length),
    );
    return uploadId;
  } finally {
    blobKey.fill(0);
  }
}

/**
 * The bytes of an upload of this mailbox, or undefined when there is none (expired, another mailbox's, or not an
 * upload id).
 * @example
 * const bytes = await readUpload(keyring, blobs, orgId, mailboxId, uploadId);
 */
export async function readUpload(
  keyring: MailboxKeyring,
  blobs: BlobStore,
  organizationId: string,
  mailboxId: string,
  uploadId: string,
): Promise<Buffer | undefined> {
  if (!UPLOAD_ID.test(uploadId)) return undefined;
  const source = await blobs.get(uploadKey(organizationId, mailboxId, uploadId));
  if (!source) return undefined;
  const sealed: Buffer[] = [];
  for await (const chunk of source) sealed.push(Buffer.from(chunk));
  const blob = Buffer.concat(sealed);
  const { keyVersion, wrappedMessageKey } = readContentHeader(blob.subarray(0, CONTENT_HEADER_BYTES));
  const identity: MessageIdentity = {
    organizationId,
    mailboxId,
    messageId: `upload/${uploadId}`,
    keyVersion,
  };
  const blobKey = await keyring.use(organizationId, mailboxId, keyVersion, (mailboxKey) =>
    unwrapMessageKey(mailboxKey, wrappedMessageKey, identity),
  );
  try {
    const plain: Buffer[] = [];
    for await (const chunk of decryptContent([blob], blobKey, identity)) plain.push(chunk);
    return Buffer.concat(plain);
  } finally {
    blobKey.fill(0);
  }
}

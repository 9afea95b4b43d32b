import { randomUUID } from 'node:crypto';
import {
  deriveSubkey,
  encodeAad,
  FORMAT_VERSION,
  generateKey,
  openGcm,
  sealGcm,
  unwrapMessageKey,
  wrapMessageKey,
  type MessageIdentity,
} from '../crypto/envelope';
import type { MailboxKeyring } from '../mailbox/keyring';
import type { MailboxRef } from './types';

/** A sealed object version: its id, the wrapped object key and the ciphertext. */
export interface SealedContent {
  readonly objectId: string;
  readonly keyVersion: number;
  readonly wrappedKey: Uint8Array;
  readonly sealed: Uint8Array;
}

/**
 * Seals calendar and contact objects like mail (docs/encryption.md): a fresh 256-bit object key per version,
 * wrapped under the mailbox key with the object's identity as AAD; the content AES-256-GCM sealed under its HKDF
 * content subkey, AAD = `encodeAad(["mailwright/calendar-object", 1, orgId, mailboxId, objectId, keyVersion])`.
 * @example
 * const sealed = await new ObjectSealing(keyring).seal(owner, keyVersion, ics);
 */
export class ObjectSealing {
  constructor(private readonly keyring: MailboxKeyring) {}

  /** Seals a new version of an object with the mailbox's current key version. */
  async seal(owner: MailboxRef, keyVersion: number, content: string): Promise<SealedContent> {
    const objectId = randomUUID();
    const identity = identityOf(owner, objectId, keyVersion);
    const objectKey = generateKey();
    try {
      const wrappedKey = await this.keyring.use(
        owner.organizationId,
        owner.mailboxId,
        keyVersion,
        (mailboxKey) => wrapMessageKey(mailboxKey, objectKey, identity),
      );
      const sealed = withContentKey(objectKey, (contentKey) =>
        sealGcm(contentKey, Buffer.from(content, 'utf8'), contentAad(identity)),
      );
      return { objectId, keyVersion, wrappedKey, sealed };
    } finally {
      objectKey.fill(0);
    }
  }

  /** Opens a sealed version; throws DecryptionFailedError when anything was altered or moved. */
  async open(owner: MailboxRef, content: SealedContent): Promise<string> {
    const identity = identityOf(owner, content.objectId, content.keyVersion);
    const objectKey = await this.keyring.use(
      owner.organizationId,
      owner.mailboxId,
      content.keyVersion,
      (mailboxKey) => unwrapMessageKey(mailboxKey, content.wrappedKey, identity),
    );
    try {
      return withContentKey(objectKey, (contentKey) =>
        openGcm(contentKey, content.sealed, contentAad(identity)).toString('utf8'),
      );
    } finally {
      objectKey.fill(0);
    }
  }
}

/** Calls `fn` with the object key's content subkey, zeroed afterwards. */
function withContentKey<T>(objectKey: Uint8Array, fn: (contentKey: Buffer) => T): T {
  const contentKey = deriveSubkey(objectKey, 'content');
  try {
    return fn(contentKey);
  } finally {
    contentKey.fill(0);
  }
}

function identityOf(owner: MailboxRef, objectId: string, keyVersion: number): MessageIdentity {
  return { ...owner, messageId: `calendar-object:${objectId}`, keyVersion };
}

function contentAad(identity: MessageIdentity): Buffer {
  const { organizationId, mailboxId, messageId, keyVersion } = identity;
  return encodeAad([
    'mailwright/calendar-object',
    FORMAT_VERSION,
    organizationId,
    mailboxId,
    messageId,
    keyVersion,
  ]);
}

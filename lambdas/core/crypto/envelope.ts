import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DecryptionFailedError, UnsupportedCiphertextError } from './errors';

/** Version of the byte formats in docs/encryption.md; authenticated in every AAD. */
export const FORMAT_VERSION = 1;
/** Length of every symmetric key in the hierarchy (AES-256). */
export const KEY_BYTES = 32;
/** GCM nonce and tag lengths. */
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** Length of a message key wrapped under a mailbox key: nonce, ciphertext, tag. */
export const WRAPPED_MESSAGE_KEY_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES;

/** Who a ciphertext belongs to; every part is authenticated, so a ciphertext moved elsewhere fails to decrypt. */
export interface MessageIdentity {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly messageId: string;
  /** Version of the mailbox key that wraps the message key. */
  readonly keyVersion: number;
}

/** Encodes strings and numbers unambiguously (each part prefixed by its 4-byte length) for use as AAD. */
export function encodeAad(parts: ReadonlyArray<string | number>): Buffer {
  const buffers = parts.flatMap((part) => {
    const bytes = Buffer.from(String(part));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return [length, bytes];
  });
  return Buffer.concat(buffers);
}

/** Generates a fresh 256-bit key from the CSPRNG (mailbox keys and message keys). */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts with AES-256-GCM under a random nonce; returns nonce ‖ ciphertext ‖ tag. */
export function sealGcm(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens what {@link sealGcm} produced; throws {@link DecryptionFailedError} on any mismatch. */
export function openGcm(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES)
    throw new DecryptionFailedError('The ciphertext is too short.');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new DecryptionFailedError(undefined, { cause: error });
  }
}

function messageKeyAad(identity: MessageIdentity): Buffer {
  const { organizationId, mailboxId, messageId, keyVersion } = identity;
  return encodeAad([
    'mailwright/message-key',
    FORMAT_VERSION,
    organizationId,
    mailboxId,
    messageId,
    keyVersion,
  ]);
}

/**
 * Wraps a message key under the plaintext mailbox key (AES-256-GCM, AAD = the message identity).
 * @example
 * const wrapped = wrapMessageKey(mailboxKey, messageKey, { organizationId, mailboxId, messageId, keyVersion: 1 });
 */
export function wrapMessageKey(
  mailboxKey: Uint8Array,
  messageKey: Uint8Array,
  identity: MessageIdentity,
): Buffer {
  return sealGcm(mailboxKey, messageKey, messageKeyAad(identity));
}

/** Unwraps a message key; fails when the mailbox key or any part of the identity differs. */
export function unwrapMessageKey(
  mailboxKey: Uint8Array,
  wrapped: Uint8Array,
  identity: MessageIdentity,
): Buffer {
  if (wrapped.length !== WRAPPED_MESSAGE_KEY_BYTES) {
    throw new UnsupportedCiphertextError(
      `A wrapped message key has ${WRAPPED_MESSAGE_KEY_BYTES} bytes, got ${wrapped.length}.`,
    );
  }
  return openGcm(mailboxKey, wrapped, messageKeyAad(identity));
}

/** Derives the per-purpose subkey (content or index fields) from a message key with HKDF-SHA256. */
export function deriveSubkey(messageKey: Uint8Array, purpose: 'content' | 'fields'): Buffer {
  return Buffer.from(
    hkdfSync('sha256', messageKey, Buffer.alloc(0), `mailwright/${purpose}/v${FORMAT_VERSION}`, KEY_BYTES),
  );
}

function fieldAad(identity: MessageIdentity, field: string): Buffer {
  const { organizationId, mailboxId, messageId, keyVersion } = identity;
  return encodeAad([
    'mailwright/field',
    FORMAT_VERSION,
    organizationId,
    mailboxId,
    messageId,
    keyVersion,
    field,
  ]);
}

/** Encrypts one index field (UTF-8) under the message's field key; the field name is authenticated too. */
export function encryptField(
  messageKey: Uint8Array,
  identity: MessageIdentity,
  field: string,
  value: string,
): Buffer {
  return sealGcm(deriveSubkey(messageKey, 'fields'), Buffer.from(value), fieldAad(identity, field));
}

/** Decrypts what {@link encryptField} produced for the same identity and field name. */
export function decryptField(
  messageKey: Uint8Array,
  identity: MessageIdentity,
  field: string,
  sealed: Uint8Array,
): string {
  return openGcm(deriveSubkey(messageKey, 'fields'), sealed, fieldAad(identity, field)).toString('utf8');
}

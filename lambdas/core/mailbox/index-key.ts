import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The mailbox's index key: the key under which thread names (and search terms) are MACed, so that stored index
 * entries reveal no Message-ID or word. It derives from key version 1 of the mailbox key, so rotating the mailbox key
 * keeps the index valid, and destroying the mailbox's keys (crypto-shredding) makes the index meaningless.
 */

/** The key version index keys derive from. */
export const INDEX_KEY_VERSION = 1;

/**
 * Derives the index key from the mailbox key (HKDF-SHA256).
 * @example
 * const indexKey = await keyring.use(orgId, mailboxId, INDEX_KEY_VERSION, deriveIndexKey);
 */
export function deriveIndexKey(mailboxKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', mailboxKey, Buffer.alloc(0), 'mailwright/index/v1', 32));
}

/**
 * A MAC of a value under the index key, for one purpose (thread names, reference keys, search terms): 128 bits of
 * HMAC-SHA256 over `<purpose>\0<value>`, in base64url (22 characters). The purpose keeps the uses apart.
 * @example
 * indexMac(indexKey, 'term', 'invoice'); // 'q9J0…'
 */
export function indexMac(indexKey: Uint8Array, purpose: string, value: string): string {
  return createHmac('sha256', indexKey).update(`${purpose}\0${value}`).digest('base64url').slice(0, 22);
}

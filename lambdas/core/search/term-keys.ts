import { indexMac } from '../mailbox/index-key';

/**
 * The key a word is stored under: an HMAC-SHA256 of the word under the mailbox's index key, 128 bits in base64url.
 * Without the mailbox key nobody can tell which word a key stands for, and shredding the mailbox key leaves the keys
 * meaningless. The `term` purpose keeps them apart from thread names, MACed under the same key.
 * @example
 * termKey(indexKey, 'invoice'); // 'q9J0…' (22 characters)
 */
export function termKey(indexKey: Uint8Array, term: string): string {
  return indexMac(indexKey, 'term', term);
}

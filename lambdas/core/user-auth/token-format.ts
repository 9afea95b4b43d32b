import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal access token values: `mwpat_<id>_<secret>`, with a 128-bit id (32 hex digits) and a 256-bit secret
 * (43 base64url characters). The id names the stored record, so checking a token reads one item; only a SHA-256
 * digest of the whole value is stored (the value has 256 random bits: a slow hash would add nothing).
 */

/** What every token value starts with, so secret scanners and humans recognise one. */
export const TOKEN_PREFIX = 'mwpat_';

const TOKEN_PATTERN = /^mwpat_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const DIGEST_LENGTH = 32;
/** Compared against when a token has no record, so a miss costs what a hit costs. */
const NO_DIGEST = Buffer.alloc(DIGEST_LENGTH);

/** A new token: its id and its value (shown to the user once, never stored). */
export interface NewTokenValue {
  readonly tokenId: string;
  readonly value: string;
}

/**
 * Generates a token id and value.
 * @example
 * const { tokenId, value } = generateTokenValue(); // value: 'mwpat_<tokenId>_<43 characters>'
 */
export function generateTokenValue(): NewTokenValue {
  const tokenId = randomBytes(16).toString('hex');
  return { tokenId, value: `${TOKEN_PREFIX}${tokenId}_${randomBytes(32).toString('base64url')}` };
}

/**
 * The token id inside a token value, or undefined when the value is not shaped like a token.
 * @example
 * tokenIdOf('mwpat_0123…_abc…'); // '0123…'
 */
export function tokenIdOf(value: string): string | undefined {
  return TOKEN_PATTERN.exec(value)?.[1];
}

/**
 * The digest stored for a token value: base64url SHA-256 of the whole value.
 * @example
 * const record = { ...metadata, tokenHash: digestTokenValue(value) };
 */
export function digestTokenValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/**
 * True when `value` hashes to `storedDigest`, compared in constant time; false for a missing or malformed digest
 * after the same work.
 * @example
 * if (!tokenMatches(value, record?.tokenHash)) return refuse('INVALID_CREDENTIALS');
 */
export function tokenMatches(value: string, storedDigest: string | undefined): boolean {
  const actual = createHash('sha256').update(value, 'utf8').digest();
  const stored = Buffer.from(storedDigest ?? '', 'base64url');
  const expected = stored.length === DIGEST_LENGTH ? stored : NO_DIGEST;
  return timingSafeEqual(actual, expected) && expected !== NO_DIGEST;
}

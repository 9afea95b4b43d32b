import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deriveDeploymentSubkey } from '../crypto/deployment-keys';

/**
 * The `X-WM-Journal-Report` value: `v=1; id=<record id>; to=<journaling address>; sha256=<original's SHA-256,
 * base64url>; mac=<HMAC-SHA256, base64url>`. The MAC, under a subkey of a deployment key only Mailwright holds,
 * binds the record id, the address it was sent to and the attached original, so a report cannot be forged, nor an
 * original swapped, nor a report replayed to another address.
 */

/** The parts the MAC covers. */
export interface JournalReportClaims {
  readonly recordId: string;
  readonly journalingAddress: string;
  /** SHA-256 of the attached original's bytes. */
  readonly originalSha256: Buffer;
}

/** Why a header does not verify. */
export type JournalReportInvalid = 'malformed' | 'original-changed' | 'bad-mac';

/** The outcome of {@link verifyJournalReportHeader}. */
export type JournalReportVerification =
  | { readonly valid: true; readonly recordId: string; readonly journalingAddress: string }
  | { readonly valid: false; readonly reason: JournalReportInvalid };

const VERSION = '1';

/**
 * The MAC key of journal reports, derived from a deployment key (the delivery ledger's), so no new key is stored.
 * @example
 * const macKey = journalReportKey(await ledgerKey());
 */
export function journalReportKey(deploymentKey: Uint8Array): Buffer {
  return deriveDeploymentSubkey(deploymentKey, 'journaling/report-mac');
}

/**
 * SHA-256 of the original message's bytes.
 * @example
 * const digest = sha256(raw);
 */
export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/**
 * Signs a record: the value of its `X-WM-Journal-Report` header.
 * @param key - from {@link journalReportKey}
 * @example
 * const signature = signJournalReport(key, { recordId, journalingAddress, originalSha256: sha256(raw) });
 */
export function signJournalReport(key: Uint8Array, claims: JournalReportClaims): string {
  const address = claims.journalingAddress.toLowerCase();
  return [
    `v=${VERSION}`,
    `id=${claims.recordId}`,
    `to=${address}`,
    `sha256=${claims.originalSha256.toString('base64url')}`,
    `mac=${mac(key, { ...claims, journalingAddress: address }).toString('base64url')}`,
  ].join('; ');
}

/**
 * Checks an `X-WM-Journal-Report` value against the original attached to the report.
 * @param key - from {@link journalReportKey}
 * @param value - the header's value
 * @param original - the bytes of the report's message/rfc822 part
 * @example
 * const result = verifyJournalReportHeader(key, value, original); // { valid: true, recordId, journalingAddress }
 */
export function verifyJournalReportHeader(
  key: Uint8Array,
  value: string,
  original: Uint8Array,
): JournalReportVerification {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const [recordId, journalingAddress, digest, given] = ['id', 'to', 'sha256', 'mac'].map((name) =>
    fields.get(name),
  );
  if (fields.get('v') !== VERSION || !recordId || !journalingAddress || !digest || !given)
    return { valid: false, reason: 'malformed' };
  const originalSha256 = sha256(original);
  if (digest !== originalSha256.toString('base64url')) return { valid: false, reason: 'original-changed' };
  const expected = mac(key, { recordId, journalingAddress, originalSha256 });
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { valid: false, reason: 'bad-mac' };
  return { valid: true, recordId, journalingAddress };
}

function mac(key: Uint8Array, claims: JournalReportClaims): Buffer {
  return createHmac('sha256', key)
    .update(`mailwright-journal-report/v${VERSION}\n${claims.recordId}\n${claims.journalingAddress}\n`)
    .update(claims.originalSha256)
    .digest();
}

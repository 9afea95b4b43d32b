/**
 * Charset decoding with problem detection, on the runtime's WHATWG decoders (full ICU: the Encoding Standard's
 * charsets and labels). Charsets outside that standard (UTF-7, most IBM code pages) count as unknown.
 */

import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { DecodedText } from './types';

/** Labels of US-ASCII, which the Encoding Standard maps to windows-1252. */
const ASCII_LABELS = new Set([
  'us-ascii',
  'ascii',
  'us',
  'ansi_x3.4-1968',
  'iso646-us',
  'csascii',
  'iso-ir-6',
]);

const decoders = new Map<string, { lenient: TextDecoder; strict: TextDecoder } | null>();

function decodersFor(label: string): { lenient: TextDecoder; strict: TextDecoder } | null {
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  let found: { lenient: TextDecoder; strict: TextDecoder } | null;
  try {
    found = { lenient: new TextDecoder(label), strict: new TextDecoder(label, { fatal: true }) };
  } catch (error) {
    if (errorCode(error) !== 'ERR_ENCODING_NOT_SUPPORTED') throw error;
    found = null; // an unknown label is an answer, not a failure
  }
  if (decoders.size < 256) decoders.set(label, found);
  return found;
}

/** Node's error code (compared by code: errors from another realm, as under jest, fail `instanceof`). */
function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function normalise(charset: string | null | undefined): string {
  return (charset ?? '').trim().toLowerCase() || 'us-ascii';
}

/**
 * Whether `charset` names a charset this runtime can decode.
 * @example
 * isKnownCharset('ISO-8859-1'); // true
 * isKnownCharset('x-unknown'); // false
 */
export function isKnownCharset(charset: string): boolean {
  const label = normalise(charset);
  return ASCII_LABELS.has(label) || decodersFor(label) !== null;
}

/**
 * Decodes `bytes` in `charset` (US-ASCII when absent). Best effort, never throws: malformed sequences become U+FFFD.
 * Heuristics: US-ASCII text that holds valid UTF-8 is read as UTF-8 (undeclared UTF-8 is common) and other 8-bit
 * US-ASCII as windows-1252; an unknown charset is read as UTF-8 when valid, else as windows-1252.
 * @example
 * decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'iso-8859-1'); // { text: 'café', isEncodingProblem: false }
 */
export function decodeText(bytes: Uint8Array, charset: string | null | undefined): DecodedText {
  const label = normalise(charset);
  if (ASCII_LABELS.has(label)) {
    if (isAscii(bytes)) return { text: Buffer.from(bytes).toString('latin1'), isEncodingProblem: false };
    return isUtf8(bytes)
      ? { text: Buffer.from(bytes).toString('utf8'), isEncodingProblem: false }
      : { text: guess(bytes), isEncodingProblem: true };
  }
  const found = decodersFor(label);
  if (!found) return { text: guess(bytes), isEncodingProblem: true };
  if (found.lenient.encoding === 'windows-1252')
    return { text: decodeWindows1252(bytes), isEncodingProblem: false };
  if (found.lenient.encoding === 'utf-8') {
    return { text: found.lenient.decode(bytes), isEncodingProblem: !isUtf8(bytes) };
  }
  try {
    return { text: found.strict.decode(bytes), isEncodingProblem: false };
  } catch (error) {
    if (errorCode(error) !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    // The strict decoder found a malformed sequence: decode again with replacement characters.
    return { text: found.lenient.decode(bytes), isEncodingProblem: true };
  }
}

function guess(bytes: Uint8Array): string {
  return isUtf8(bytes) ? Buffer.from(bytes).toString('utf8') : decodeWindows1252(bytes);
}

/** windows-1252's characters for 0x80–0x9F; the other bytes are Latin-1. */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 (which the Encoding Standard also uses for Latin-1 and US-ASCII labels), decoded here because
 * Node 20's TextDecoder decodes it as ISO-8859-1, losing the quotes, dashes and euro sign of 0x80–0x9F.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes).toString('latin1');
  return /[\x80-\x9f]/.test(latin1)
    ? latin1.replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80])
    : latin1;
}

/**
 * Encodes response values (RFC 9051 §4) and status lines. Strings are quoted when that is safe and short, else
 * written as literals; nothing a client sent can break a line, because CR and LF only ever travel in literals.
 */
import type { ImapValue } from './types';

/** How values are written for this connection. */
export interface WriteOptions {
  /** UTF8=ACCEPT or IMAP4rev2 is enabled: UTF-8 may be quoted; otherwise 8-bit text goes in a literal. */
  readonly utf8: boolean;
}

/** The longest string written quoted; longer ones become literals (easier on clients' line buffers). */
export const MAX_QUOTED_BYTES = 1024;

const CRLF = Buffer.from('\r\n');

function canQuote(bytes: Buffer, utf8: boolean): boolean {
  if (bytes.length > MAX_QUOTED_BYTES) return false;
  for (const byte of bytes) {
    if (byte === 0 || byte === 0x0d || byte === 0x0a) return false;
    if (byte >= 0x80 && !utf8) return false;
  }
  return true;
}

function literal(bytes: Buffer, binary: boolean): Buffer {
  return Buffer.concat([Buffer.from(`${binary ? '~' : ''}{${bytes.length}}\r\n`), bytes]);
}

function encodeString(text: string, utf8: boolean): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (!canQuote(bytes, utf8)) return literal(bytes, false);
  const escaped = Buffer.alloc(bytes.length * 2 + 2);
  let n = 0;
  escaped[n++] = 0x22;
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) escaped[n++] = 0x5c;
    escaped[n++] = byte;
  }
  escaped[n++] = 0x22;
  return escaped.subarray(0, n);
}

function checkAtom(atom: string): string {
  if (atom === '' || /[\r\n\0]/.test(atom)) throw new Error('An IMAP atom must be non-empty and on one line');
  return atom;
}

/**
 * Encodes one value: `null` → `NIL`, a number → digits, a string → quoted or literal, `{ atom }` as is,
 * `{ literal }` → `{n}`/`~{n}` and the bytes, an array → a parenthesised list.
 *
 * @example encodeValue([{ atom: 'UID' }, 7], { utf8: false }).toString() // '(UID 7)'
 * @param value - the value
 * @param options - the connection's write options
 * @throws Error for a negative or fractional number, or an atom that is empty or contains CR, LF or NUL
 */
export function encodeValue(value: ImapValue, options: WriteOptions): Buffer {
  if (value === null) return Buffer.from('NIL');
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error('An IMAP number is a non-negative integer');
    return Buffer.from(String(value));
  }
  if (typeof value === 'string') return encodeString(value, options.utf8);
  if ('atom' in value) return Buffer.from(checkAtom(value.atom), 'utf8');
  if ('literal' in value) return literal(value.literal, value.binary === true);
  return Buffer.concat([Buffer.from('('), encodeValues(value, options), Buffer.from(')')]);
}

/**
 * Encodes values separated by single spaces.
 *
 * @example encodeValues([1, { atom: 'EXISTS' }], { utf8: false }).toString() // '1 EXISTS'
 * @param values - the values
 * @param options - the connection's write options
 */
export function encodeValues(values: readonly ImapValue[], options: WriteOptions): Buffer {
  const parts: Buffer[] = [];
  values.forEach((value, i) => {
    if (i > 0) parts.push(Buffer.from(' '));
    parts.push(encodeValue(value, options));
  });
  return Buffer.concat(parts);
}

/** Human-readable text on a status line: CR, LF and NUL become spaces so it stays one line. */
const oneLine = (text: string): string => text.replace(/[\r\n\0]/g, ' ');

function statusLine(prefix: string, status: string, text: string, code?: string): Buffer {
  const codePart = code === undefined ? '' : `[${oneLine(code)}] `;
  return Buffer.from(`${prefix} ${status} ${codePart}${oneLine(text)}\r\n`, 'utf8');
}

/**
 * A tagged status response.
 *
 * @example tagged('A1', 'NO', 'Message too big', 'TOOBIG').toString() // 'A1 NO [TOOBIG] Message too big\r\n'
 * @param tag - the command's tag
 * @param status - OK, NO or BAD
 * @param text - human-readable text
 * @param code - a response code without brackets (`APPENDUID 38505 3955`)
 */
export function tagged(tag: string, status: 'OK' | 'NO' | 'BAD', text: string, code?: string): Buffer {
  return statusLine(tag, status, text, code);
}

/**
 * An untagged status response.
 *
 * @example untaggedStatus('BYE', 'Logging out').toString() // '* BYE Logging out\r\n'
 * @param status - OK, NO, BAD, BYE or PREAUTH
 * @param text - human-readable text
 * @param code - a response code without brackets
 */
export function untaggedStatus(
  status: 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH',
  text: string,
  code?: string,
): Buffer {
  return statusLine('*', status, text, code);
}

/**
 * An untagged data response: `*`, the values separated by spaces, CRLF.
 *
 * @example untagged([3, { atom: 'EXISTS' }], { utf8: false }).toString() // '* 3 EXISTS\r\n'
 * @param values - the response's values
 * @param options - the connection's write options
 */
export function untagged(values: readonly ImapValue[], options: WriteOptions): Buffer {
  return Buffer.concat([Buffer.from('* '), encodeValues(values, options), CRLF]);
}

/**
 * A command continuation request.
 *
 * @example continuation('Ready').toString() // '+ Ready\r\n'
 * @param text - text, or base64 data for AUTHENTICATE (may be empty)
 */
export function continuation(text: string): Buffer {
  return Buffer.from(`+ ${oneLine(text)}\r\n`, 'utf8');
}

/**
 * Low-level, never-throwing readers for RFC 5322 header blocks: locating the block, unfolding, RFC 2047 decoding
 * and Content-Type parameters. Everything here treats its input as untrusted.
 */

import { TextDecoder } from 'node:util';

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');
const utf8 = new TextDecoder('utf-8');

/** Offsets of a header block inside `buffer[start, end)`: the headers end at `headerEnd`, the body starts at `bodyStart`. */
export interface BlockBounds {
  readonly headerEnd: number;
  readonly bodyStart: number;
}

/**
 * Finds where the header block of the entity in `buffer[start, end)` ends, looking at most `maxBytes` far.
 * A message with no blank line is all headers when it starts like a header, and all body otherwise.
 * @example
 * splitHeaderBlock(Buffer.from('Subject: x\r\n\r\nbody'), 0, 17, 65536); // { headerEnd: 12, bodyStart: 14 }
 */
export function splitHeaderBlock(buffer: Buffer, start: number, end: number, maxBytes: number): BlockBounds {
  if (buffer[start] === 0x0a) return { headerEnd: start, bodyStart: start + 1 };
  if (buffer[start] === 0x0d && buffer[start + 1] === 0x0a) return { headerEnd: start, bodyStart: start + 2 };
  const limit = Math.min(end, start + maxBytes);
  const crlf = buffer.indexOf(CRLFCRLF, start);
  const lf = buffer.indexOf(LFLF, start);
  const candidates = [crlf >= 0 && crlf < limit ? crlf : -1, lf >= 0 && lf < limit ? lf : -1].filter(
    // Stryker disable next-line EqualityOperator: a blank line at index 0 starts the entity, which the returns above take
    (i) => i >= 0,
  );
  if (candidates.length > 0) {
    const at = Math.min(...candidates);
    return at === crlf ? { headerEnd: at + 2, bodyStart: at + 4 } : { headerEnd: at + 1, bodyStart: at + 2 };
  }
  const firstLine =
    buffer
      .subarray(start, Math.min(limit, start + 1000))
      .toString('latin1')
      .split('\n', 1)[0] ?? '';
  return /^[!-9;-~]+:/.test(firstLine)
    ? { headerEnd: limit, bodyStart: limit }
    : { headerEnd: start, bodyStart: start };
}

/**
 * Unfolds a header block and returns the first value of each wanted (lower-case) field name, NUL bytes removed.
 * @param wanted - field names to keep, lower case
 * @example
 * readFields('Subject: a\r\n b\r\n', ['subject']).get('subject'); // 'a b'
 */
export function readFields(block: string, wanted: readonly string[]): Map<string, string> {
  const fields = new Map<string, string>();
  let name: string | undefined;
  let value = '';
  const flush = () => {
    if (name !== undefined && wanted.includes(name) && !fields.has(name)) fields.set(name, value.trim());
  };
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    // Stryker disable next-line EqualityOperator: a line starting with ':' names an empty field, which no caller wants
    name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : undefined;
    value = colon > 0 ? line.slice(colon + 1) : '';
  }
  flush();
  for (const [key, text] of fields) fields.set(key, text.replace(/\0/g, ''));
  return fields;
}

/** Decodes header bytes: UTF-8 (RFC 6532) with replacement characters for invalid sequences. */
export function decodeHeaderBytes(bytes: Buffer): string {
  return utf8.decode(bytes);
}

/** Decodes `bytes` in `charset`, falling back to Latin-1 for charsets the runtime does not know. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label);
  } catch (error) {
    if ((error as { name?: unknown } | undefined)?.name !== 'RangeError') throw error;
    return Buffer.from(bytes).toString('latin1');
  }
  return decoder.decode(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words (B and Q); whitespace between adjacent encoded words is dropped.
 * @example
 * decodeEncodedWords('=?UTF-8?B?w6k=?='); // 'é'
 */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (_match, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(Buffer.from(text.replace(/_/g, ' '), 'latin1'), 'word');
    return decodeCharset(bytes, charset.split('*')[0]);
  });
}

/**
 * Decodes quoted-printable bytes (RFC 2045 §6.7): `=XX` escapes, soft line breaks (a line ending in `=`, also the
 * last line before a boundary) and the padding white space at line ends go; malformed escapes are kept as they are.
 * @param mode - `word` for an RFC 2047 encoded word (no lines, every space counts)
 * @example
 * decodeQuotedPrintable(Buffer.from('caf=C3=A9')).toString(); // 'café'
 */
export function decodeQuotedPrintable(input: Buffer, mode: 'body' | 'word' = 'body'): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let length = 0;
  let lineStart = 0;
  while (lineStart <= input.length) {
    const newline = input.indexOf(0x0a, lineStart);
    const lineEnd = newline < 0 ? input.length : newline;
    let end = lineEnd > lineStart && input[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
    // RFC 2045 §6.7 rule 3: white space at the end of an encoded line is padding, not content (bodies only: an
    // encoded word's '_' stands for a space that must stay).
    if (mode === 'body')
      while (end > lineStart && (input[end - 1] === 0x20 || input[end - 1] === 0x09)) end--;
    // Rule 5: a line ending in '=' (after any such padding) continues on the next: a soft line break.
    const soft = mode === 'body' && end > lineStart && input[end - 1] === 0x3d && !isHexPair(input, end - 1);
    if (soft) end--;
    for (let i = lineStart; i < end; i++) {
      const byte = input[i] as number;
      if (byte === 0x3d && isHexPair(input, i) && i + 2 < end) {
        out[length++] = parseInt(input.subarray(i + 1, i + 3).toString('latin1'), 16);
        i += 2;
      } else out[length++] = byte;
    }
    if (newline < 0) break;
    if (!soft)
      for (let i = end; i <= newline; i++)
        if (input[i] === 0x0d || input[i] === 0x0a) out[length++] = input[i] as number;
    lineStart = newline + 1;
  }
  return out.subarray(0, length);
}

/** Whether `input[at]` is '=' followed by two hex digits. */
function isHexPair(input: Buffer, at: number): boolean {
  return input[at] === 0x3d && isHex(input[at + 1]) && isHex(input[at + 2]);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66))
  );
}

/** A parsed Content-Type: lower-case `type/subtype` and lower-case parameter names. */
export interface ContentType {
  readonly mediaType: string;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Parses a Content-Type (or Content-Disposition) value; a missing or broken value yields `text/plain`.
 * @example
 * parseContentType('multipart/mixed; boundary="b1"').params.get('boundary'); // 'b1'
 */
export function parseContentType(value: string | undefined): ContentType {
  const [head = '', ...rest] = (value ?? '').split(';');
  const mediaType = head.trim().toLowerCase();
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const raw = part.slice(eq + 1).trim();
    if (!params.has(key))
      params.set(key, raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') ? -1 : undefined) : raw);
  }
  return {
    mediaType: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType) ? mediaType : 'text/plain',
    params,
  };
}

/**
 * The first addr-spec in a header value (`"A" <a@b>` → `a@b`), lower-cased; `undefined` when there is none.
 * @example
 * extractAddress('"Alice" <Alice@Example.com>'); // 'alice@example.com'
 */
export function extractAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const bare = angle ? angle[1] : /[^\s<>"(),;:]+@[^\s<>"(),;:]+/.exec(value)?.[0];
  return bare?.toLowerCase();
}

/**
 * Splits an address-list header value at commas outside quotes, comments and angle brackets.
 * @example
 * splitAddressList('"Doe, J" <j@example.com>, k@example.com'); // ['"Doe, J" <j@example.com>', 'k@example.com']
 */
export function splitAddressList(value: string | undefined): string[] {
  if (!value) return [];
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let depth = 0;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '<' || char === '(')) depth++;
    else if (!quoted && (char === '>' || char === ')')) depth = Math.max(0, depth - 1);
    if (char === ',' && !quoted && depth === 0) {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items
    .map((item) => item.trim())
    .filter(Boolean)
    .slice(0, 100);
}

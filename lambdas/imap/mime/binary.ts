/**
 * The content of `BINARY[part]` (RFC 3516): a part's body with its Content-Transfer-Encoding undone. Base64 is read
 * leniently (anything outside the alphabet is skipped, reading stops at padding); quoted-printable follows RFC 2045
 * §6.7 (soft line breaks, transport padding dropped, a malformed `=` kept as is); 7bit, 8bit and binary bodies are
 * returned unchanged. `BINARY[]` and composite parts (multipart, message/rfc822), which RFC 2045 §6.4 allows only
 * identity encodings, are returned unchanged too.
 */
import type { PartNumbers } from '../protocol/types';
import type { MessagePart } from './message-part';
import { findPart } from './sections';

const IDENTITY = new Set(['7bit', '8bit', 'binary']);

function decodeBase64(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const end = text.indexOf('=');
  return Buffer.from((end < 0 ? text : text.slice(0, end)).replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const out = Buffer.alloc(body.length);
  let o = 0;
  let lineStart = 0;
  while (lineStart < body.length) {
    const lf = body.indexOf(0x0a, lineStart);
    const next = lf < 0 ? body.length : lf + 1;
    let end = lf < 0 ? body.length : lf > lineStart && body[lf - 1] === 0x0d ? lf - 1 : lf;
    while (end > lineStart && isBlank(body[end - 1])) end--;
    let soft = false;
    for (let i = lineStart; i < end; i++) {
      if (body[i] !== 0x3d) out[o++] = body[i];
      else if (i === end - 1) soft = true;
      else {
        const high = hexValue(body[i + 1]);
        const low = hexValue(body[i + 2]);
        if (high >= 0 && low >= 0 && i + 2 < end) {
          out[o++] = high * 16 + low;
          i += 2;
        } else out[o++] = body[i];
      }
    }
    if (!soft && lf >= 0) {
      if (body[next - 2] === 0x0d) out[o++] = 0x0d;
      out[o++] = 0x0a;
    }
    lineStart = next;
  }
  return out.subarray(0, o);
}

/**
 * The decoded body of a part, 'unknownEncoding' for an encoding other than 7bit, 8bit, binary, base64 and
 * quoted-printable (the session answers `NO [UNKNOWN-CTE]`), or undefined when the part does not exist.
 * @param root - the message
 * @param raw - the raw message the offsets point into
 * @param partNumbers - the part; empty for the whole message, which is returned unchanged
 * @example
 * binaryBytes(root, raw, [2]); // the attachment's bytes, base64 undone
 */
export function binaryBytes(
  root: MessagePart,
  raw: Buffer,
  partNumbers: PartNumbers,
): Buffer | 'unknownEncoding' | undefined {
  if (partNumbers.length === 0) return raw;
  const part = findPart(root, partNumbers);
  if (part === undefined) return undefined;
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  if (part.kind !== 'leaf') return body;
  const encoding = (part.content.transferEncoding ?? '7bit').toLowerCase();
  if (IDENTITY.has(encoding)) return body;
  if (encoding === 'base64') return decodeBase64(body);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return 'unknownEncoding';
}

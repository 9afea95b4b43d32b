/** Content-Transfer-Encoding decoding (RFC 2045 §6) of an entity's body. */

import { decodeQuotedPrintable } from '../delivery/header-block';
import type { MimeEntity } from './types';

const IDENTITY = new Set(['', '7bit', '8bit', 'binary']);

/**
 * Whether the transfer encoding is one RFC 2045 defines. An unknown one is treated as no encoding at all
 * (RFC 8621 §4.1.4, `blobId`).
 * @example
 * isKnownTransferEncoding('x-uuencode'); // false
 */
export function isKnownTransferEncoding(encoding: string): boolean {
  return IDENTITY.has(encoding) || encoding === 'base64' || encoding === 'quoted-printable';
}

/**
 * Whether the body bytes in the raw message are the content itself (no transfer encoding to undo).
 * @example
 * isIdentityEncoding('8bit'); // true
 */
export function isIdentityEncoding(encoding: string): boolean {
  return !isKnownTransferEncoding(encoding) || IDENTITY.has(encoding);
}

/**
 * The content of an entity: its body with the transfer encoding undone. An identity encoding returns a view of
 * `raw` (no copy). Never throws: characters outside the base64 alphabet are skipped, each `=`-padded base64 run
 * is decoded on its own, and malformed quoted-printable escapes are kept as they are.
 * @example
 * decodeBody(message.raw, part).toString('utf8');
 */
export function decodeBody(raw: Buffer, entity: MimeEntity): Buffer {
  const body = raw.subarray(entity.bodyStart, entity.end);
  if (entity.transferEncoding === 'base64') return decodeBase64(body);
  if (entity.transferEncoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeBase64(body: Buffer): Buffer {
  let text = body.toString('latin1');
  // Node's decoder also reads the URL-safe alphabet; RFC 2045 says to ignore characters outside the base64 one.
  if (/[-_]/.test(text)) text = text.replace(/[-_]/g, '');
  const out = Buffer.allocUnsafe(Math.ceil((text.length * 3) / 4) + 3);
  let length = 0;
  for (const run of text.split('=')) if (run !== '') length += out.write(run, length, 'base64');
  return out.subarray(0, length);
}

/** `bodyValues` (RFC 8621 §4.1.4) and their truncation to `maxBodyValueBytes` (§4.2). */

import { decodeBody, decodeText, isKnownTransferEncoding } from '../../../core/message';
import type { BodyPart } from './body-part';

/** An EmailBodyValue. */
export interface EmailBodyValue {
  readonly value: string;
  readonly isEncodingProblem: boolean;
  readonly isTruncated: boolean;
}

/**
 * Cuts `value` to at most `maxBytes` octets of UTF-8, never inside a character; for HTML, never inside a tag
 * (the cut moves back to before the tag's `<`). `maxBytes` 0 means no limit.
 * @example
 * truncateUtf8('héllo', 2, false); // { value: 'h', isTruncated: true }
 */
export function truncateUtf8(
  value: string,
  maxBytes: number,
  isHtml: boolean,
): { value: string; isTruncated: boolean } {
  // A UTF-16 code unit is at least one UTF-8 octet, so only the first maxBytes units can fit.
  if (maxBytes <= 0 || value.length <= maxBytes / 3) return { value, isTruncated: false };
  const head = value.slice(0, maxBytes + 1);
  const bytes = Buffer.from(head, 'utf8');
  if (bytes.length <= maxBytes && head.length === value.length) return { value, isTruncated: false };
  let cut = Math.min(maxBytes, bytes.length);
  // Step back over continuation bytes so the cut falls on a character boundary.
  while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xc0) === 0x80) cut--;
  let truncated = bytes.subarray(0, cut).toString('utf8');
  if (truncated.length === value.length) return { value, isTruncated: false };
  if (isHtml) {
    const open = truncated.lastIndexOf('<');
    if (open >= 0 && truncated.indexOf('>', open) < 0) truncated = truncated.slice(0, open);
  }
  return { value: truncated, isTruncated: true };
}

/**
 * The EmailBodyValue of a text part: transfer encoding and charset decoded, CRLF made LF, truncated.
 * `isEncodingProblem` is set for an unknown transfer encoding or charset and for malformed sequences.
 * @example
 * bodyValue(raw, part, 0); // { value: 'Hello\n', isEncodingProblem: false, isTruncated: false }
 */
export function bodyValue(raw: Buffer, part: BodyPart, maxBytes: number): EmailBodyValue {
  const { entity } = part;
  const decoded = decodeText(decodeBody(raw, entity), entity.parameters.get('charset'));
  const { value, isTruncated } = truncateUtf8(
    decoded.text.replace(/\r\n/g, '\n'),
    maxBytes,
    part.type === 'text/html',
  );
  return {
    value,
    isEncodingProblem: decoded.isEncodingProblem || !isKnownTransferEncoding(entity.transferEncoding),
    isTruncated,
  };
}

/** Which parts' values Email/get or Email/parse asked for. */
export interface BodyValueSelection {
  readonly fetchTextBodyValues?: boolean;
  readonly fetchHTMLBodyValues?: boolean;
  readonly fetchAllBodyValues?: boolean;
  readonly maxBodyValueBytes?: number;
}

function leaves(part: BodyPart): BodyPart[] {
  return part.subParts === null ? [part] : part.subParts.flatMap(leaves);
}

/**
 * The `bodyValues` map: the `text/*` parts of `textBody` and/or `htmlBody`, or of the whole body structure,
 * keyed by partId in body-structure order.
 * @example
 * bodyValues(raw, structure, lists, { fetchTextBodyValues: true }); // { '1': { value: 'Hi', … } }
 */
export function bodyValues(
  raw: Buffer,
  bodyStructure: BodyPart,
  lists: { readonly textBody: readonly BodyPart[]; readonly htmlBody: readonly BodyPart[] },
  selection: BodyValueSelection,
): Record<string, EmailBodyValue> {
  const wanted = new Set<BodyPart>([
    ...(selection.fetchTextBodyValues ? lists.textBody : []),
    ...(selection.fetchHTMLBodyValues ? lists.htmlBody : []),
  ]);
  const values: Record<string, EmailBodyValue> = {};
  for (const part of leaves(bodyStructure)) {
    if (!part.type.startsWith('text/') || (!selection.fetchAllBodyValues && !wanted.has(part))) continue;
    values[part.partId as string] = bodyValue(raw, part, selection.maxBodyValueBytes ?? 0);
  }
  return values;
}

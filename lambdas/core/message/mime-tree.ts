/**
 * Parses a raw RFC 5322 message into its MIME entity tree, with byte offsets into the raw bytes.
 *
 * Written by hand: postal-mime and mailparser return decoded attachments but no offsets or IMAP section numbers,
 * and mailsplit streams nodes without a tree. Charsets are decoded by the runtime's WHATWG decoders; libmime's
 * RFC 2231 parser was left out for its bundle size (see parameters.ts). The parser never throws: malformed input
 * yields a best-effort tree. Work is bounded by `MimeLimits` and each entity's header block and body are searched
 * only within their own bytes, so the whole parse is linear in the size of the message (times the nesting depth,
 * at most 32).
 */

import { readHeaderBlock } from './header-fields';
import { splitMultipart } from './multipart';
import { mediaTypeOf, parseParameterizedValue } from './parameters';
import { stripComments, unfold } from './field-value';
import { isIdentityEncoding } from './transfer-encoding';
import type { HeaderField, MimeEntity, MimeLimits, MimeMessage } from './types';

/** The limits used when the caller gives none. */
export const DEFAULT_MIME_LIMITS: Required<MimeLimits> = {
  maxDepth: 32,
  maxParts: 500,
  maxHeaderBytes: 256 * 1024,
  maxHeaderFields: 10_000,
};

interface Context {
  readonly raw: Buffer;
  readonly limits: Required<MimeLimits>;
  parts: number;
  isTruncated: boolean;
}

/** Where an entity sits: a message (top-level or encapsulated in part `prefix`), or a multipart's child. */
type Position =
  { readonly root: true; readonly prefix: string } | { readonly root: false; readonly section: string };

/**
 * Parses `raw` into its entity tree. See `MimeEntity` for the section numbering (also the RFC 8621 `partId`).
 * @param limits - bounds on depth, parts and header blocks (defaults: `DEFAULT_MIME_LIMITS`)
 * @example
 * const message = parseMime(Buffer.from('Content-Type: text/plain\r\n\r\nHello'));
 * message.root.partId; // '1'
 */
export function parseMime(raw: Buffer, limits: MimeLimits = {}): MimeMessage {
  const context: Context = {
    raw,
    limits: { ...DEFAULT_MIME_LIMITS, ...limits },
    parts: 0,
    isTruncated: false,
  };
  const root = parseEntity(context, 0, raw.length, 0, { root: true, prefix: '' }, false);
  return { raw, root, isTruncated: context.isTruncated };
}

function parseEntity(
  context: Context,
  start: number,
  end: number,
  depth: number,
  position: Position,
  inDigest: boolean,
): MimeEntity {
  const { raw, limits } = context;
  context.parts += 1;
  const block = readHeaderBlock(raw, start, end, limits.maxHeaderBytes, limits.maxHeaderFields);
  if (block.isTruncated) context.isTruncated = true;
  const headers = block.fields;
  const bodyStart = block.bodyStart;
  const contentTypeField = firstValue(headers, 'content-type');
  const contentType = parseParameterizedValue(contentTypeField ?? '');
  let type = mediaTypeOf(contentType) ?? (inDigest ? 'message/rfc822' : 'text/plain');
  let hasContentType = contentTypeField !== undefined && mediaTypeOf(contentType) !== undefined;
  let parameters = hasContentType ? contentType.parameters : new Map<string, string>();
  const transferEncoding = stripComments(unfold(firstValue(headers, 'content-transfer-encoding') ?? ''))
    .trim()
    .toLowerCase();

  let ranges: { start: number; end: number }[] = [];
  const isMultipart = type.startsWith('multipart/');
  if (isMultipart && depth < limits.maxDepth && context.parts < limits.maxParts) {
    const boundary = parameters.get('boundary') ?? '';
    const split =
      boundary === ''
        ? undefined
        : splitMultipart(raw, bodyStart, end, boundary, limits.maxParts - context.parts);
    if (split?.isTruncated) context.isTruncated = true;
    ranges = split?.parts ?? [];
    if (ranges.length === 0) {
      // No boundary, or it never occurs: an invalid multipart, read as RFC 2045 §5.2's default type.
      type = 'text/plain';
      hasContentType = false;
      parameters = new Map();
    }
  } else if (isMultipart) context.isTruncated = true;

  const section = position.root
    ? type.startsWith('multipart/')
      ? position.prefix
      : joinSection(position.prefix, 1)
    : position.section;
  const subParts: MimeEntity[] = [];
  for (const [index, range] of ranges.entries()) {
    if (context.parts >= limits.maxParts) {
      context.isTruncated = true;
      break;
    }
    const child = { root: false as const, section: joinSection(section, index + 1) };
    subParts.push(
      parseEntity(context, range.start, range.end, depth + 1, child, type === 'multipart/digest'),
    );
  }

  let message: MimeEntity | null = null;
  if ((type === 'message/rfc822' || type === 'message/global') && isIdentityEncoding(transferEncoding)) {
    if (depth < limits.maxDepth && context.parts < limits.maxParts) {
      message = parseEntity(context, bodyStart, end, depth + 1, { root: true, prefix: section }, false);
    } else context.isTruncated = true;
  }

  return {
    section,
    partId: type.startsWith('multipart/') ? null : section,
    headers,
    type,
    parameters,
    hasContentType,
    transferEncoding,
    start,
    bodyStart,
    end,
    subParts,
    message,
  };
}

function joinSection(prefix: string, index: number): string {
  return prefix === '' ? String(index) : `${prefix}.${index}`;
}

/**
 * The value of the first field named `name` (case-insensitive), in *Raw* form.
 * @example
 * firstValue(entity.headers, 'content-type'); // ' text/plain; charset=utf-8'
 */
export function firstValue(headers: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((field) => field.name.toLowerCase() === lower)?.value;
}

/**
 * Finds the entity with this `partId`, encapsulated messages included.
 * @example
 * findPart(parseMime(raw).root, '2.1')?.type; // 'image/png'
 */
export function findPart(root: MimeEntity, partId: string): MimeEntity | undefined {
  const pending: MimeEntity[] = [root];
  for (let entity = pending.pop(); entity; entity = pending.pop()) {
    if (entity.partId === partId) return entity;
    pending.push(...entity.subParts);
    if (entity.message) pending.push(entity.message);
  }
  return undefined;
}

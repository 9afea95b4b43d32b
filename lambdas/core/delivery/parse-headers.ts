import {
  decodeCharset,
  decodeEncodedWords,
  decodeHeaderBytes,
  decodeQuotedPrintable,
  parseContentType,
  readFields,
  splitHeaderBlock,
} from './header-block';
import type { MessageHeaders } from './types';

/** Header blocks longer than this are cut (a 1,000-header message fits well below). */
const MAX_HEADER_BYTES = 256 * 1024;
/** Multipart nesting deeper than this is not searched for a text part. */
const MAX_DEPTH = 32;
/** Encoded text read to build a snippet. */
const SNIPPET_SOURCE_BYTES = 4096;
const SNIPPET_CHARS = 256;

const TOP_FIELDS = [
  'subject',
  'from',
  'sender',
  'to',
  'message-id',
  'in-reply-to',
  'references',
  'date',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
];
const PART_FIELDS = ['content-type', 'content-transfer-encoding', 'content-disposition'];

/**
 * Reads the headers inbound delivery needs, and a snippet of the first text part, without parsing the whole message.
 * Never throws: malformed input yields fewer fields. Work is linear in the size of the message.
 * @param raw - the raw RFC 5322 message
 * @example
 * parseMessageHeaders(Buffer.from('Subject: Hi\r\n\r\nHello')).snippet; // 'Hello'
 */
export function parseMessageHeaders(raw: Buffer): MessageHeaders {
  const bounds = splitHeaderBlock(raw, 0, raw.length, MAX_HEADER_BYTES);
  const rawHeaderBlock = decodeHeaderBytes(raw.subarray(0, bounds.headerEnd));
  const fields = readFields(rawHeaderBlock, TOP_FIELDS);
  const text = (name: string) => {
    const value = fields.get(name);
    return value === undefined ? undefined : decodeEncodedWords(value);
  };
  const contentType = parseContentType(fields.get('content-type'));
  const snippet = findSnippet(raw, 0, raw.length, fields, 0);
  return {
    subject: text('subject'),
    from: text('from'),
    sender: text('sender'),
    to: text('to'),
    messageId: fields.get('message-id'),
    inReplyTo: fields.get('in-reply-to'),
    references: fields.get('references'),
    date: fields.get('date'),
    snippet: snippet || undefined,
    rawHeaderBlock,
    isDeliveryReport:
      contentType.mediaType === 'multipart/report' &&
      contentType.params.get('report-type')?.toLowerCase() === 'delivery-status',
  };
}

/** Depth-first search for the first inline text/plain part (or, failing that, text/html) of an entity. */
function findSnippet(
  raw: Buffer,
  start: number,
  end: number,
  fields: Map<string, string>,
  depth: number,
): string {
  const bounds = depth === 0 ? splitHeaderBlock(raw, start, end, MAX_HEADER_BYTES) : undefined;
  const bodyStart = bounds?.bodyStart ?? start;
  const contentType = parseContentType(fields.get('content-type'));
  if ((fields.get('content-disposition') ?? '').trim().toLowerCase().startsWith('attachment')) return '';
  if (contentType.mediaType === 'text/plain' || contentType.mediaType === 'text/html') {
    return snippetOf(raw.subarray(bodyStart, end), fields.get('content-transfer-encoding'), contentType);
  }
  const boundary = contentType.params.get('boundary');
  if (!contentType.mediaType.startsWith('multipart/') || !boundary || depth >= MAX_DEPTH) return '';
  let html = '';
  for (const part of splitMultipart(raw, bodyStart, end, boundary)) {
    const partBounds = splitHeaderBlock(raw, part.start, part.end, MAX_HEADER_BYTES);
    const partFields = readFields(
      decodeHeaderBytes(raw.subarray(part.start, partBounds.headerEnd)),
      PART_FIELDS,
    );
    // A part without a Content-Type reads as text/plain (RFC 2045 §5.2), as parseContentType reads a missing one.
    const found = findSnippet(raw, partBounds.bodyStart, part.end, partFields, depth + 1);
    if (!found) continue;
    if (parseContentType(partFields.get('content-type')).mediaType !== 'text/html') return found;
    html ||= found;
  }
  return html;
}

/** The parts between `--boundary` delimiter lines in `raw[start, end)`, up to the closing delimiter. */
function splitMultipart(
  raw: Buffer,
  start: number,
  end: number,
  boundary: string,
): { start: number; end: number }[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: { start: number; end: number }[] = [];
  let partStart = -1;
  let at = raw.indexOf(delimiter, start);
  // Stryker disable next-line EqualityOperator: at is never 0 (a multipart body follows its headers), nor end (what ends there is a line break or the message)
  while (at >= 0 && at < end) {
    const atLineStart = at === start || raw[at - 1] === 0x0a;
    if (atLineStart) {
      if (partStart >= 0) parts.push({ start: partStart, end: raw[at - 2] === 0x0d ? at - 2 : at - 1 });
      const closing = raw[at + delimiter.length] === 0x2d && raw[at + delimiter.length + 1] === 0x2d;
      if (closing) return parts;
      const lineEnd = raw.indexOf(0x0a, at);
      if (lineEnd < 0 || lineEnd >= end) return parts;
      partStart = lineEnd + 1;
    }
    at = raw.indexOf(delimiter, at + delimiter.length);
  }
  if (partStart >= 0 && partStart < end) parts.push({ start: partStart, end });
  return parts;
}

/** Decodes the beginning of a text body and collapses it into at most 256 characters of plain text. */
function snippetOf(
  body: Buffer,
  transferEncoding: string | undefined,
  contentType: ReturnType<typeof parseContentType>,
) {
  const encoding = (transferEncoding ?? '').trim().toLowerCase();
  const head = body.subarray(0, SNIPPET_SOURCE_BYTES);
  const bytes =
    encoding === 'base64'
      ? Buffer.from(
          head
            .toString('latin1')
            .replace(/[^A-Za-z0-9+/]/g, '')
            .slice(0, (SNIPPET_SOURCE_BYTES * 3) / 4),
          'base64',
        )
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(head)
        : head;
  let text = decodeCharset(bytes, contentType.params.get('charset'));
  if (contentType.mediaType === 'text/html') {
    text = text.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  return text
    .replace(/\0/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .slice(0, SNIPPET_CHARS);
}

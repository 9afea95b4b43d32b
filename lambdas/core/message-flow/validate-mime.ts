import PostalMime from 'postal-mime';
import { HARD_QUOTAS } from '../config/quotas';
import { MessageRejected } from './errors';

/** Headers every replacement must carry (RFC 5322 §3.6: the origination date and the originator). */
export const REQUIRED_HEADERS = ['from', 'date'] as const;
/**
 * Headers a replacement may not change (all occurrences, in order, unfolded and trimmed): identity and trace
 * headers, and the originator fields that sender rules, send-as checks and DMARC were evaluated on.
 */
export const IMMUTABLE_HEADERS = ['message-id', 'date', 'from', 'sender', 'return-path', 'received'] as const;
/** Headers that may appear at most once (RFC 5322 §3.6 table). */
export const UNIQUE_HEADERS = [
  'date',
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'message-id',
  'in-reply-to',
  'references',
  'subject',
] as const;
/** Longest line, excluding CRLF (RFC 5321/5322: 1,000 characters including CRLF). */
export const MAX_LINE_CHARS = 998;
/** Nesting depth of multipart entities that is checked; deeper is rejected. */
export const MAX_MULTIPART_DEPTH = 32;

/** One header field, name lower-cased, value unfolded and trimmed. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** Splits an entity into its header block and body (body empty when there is no blank line). */
export function splitEntity(text: string): { header: string; body: string } {
  const leading = /^\r?\n/.exec(text);
  if (leading) return { header: '', body: text.slice(leading[0].length) };
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { header: text, body: '' };
  return { header: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

/**
 * Parses a header block.
 * @throws MessageRejected on a line that is neither `name: value` nor a continuation (naming its line number)
 */
export function parseHeaderFields(header: string): HeaderField[] {
  const fields: { name: string; value: string }[] = [];
  for (const [index, line] of header.split(/\r?\n/).entries()) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    const match = /^([!-9;-~]+):(.*)$/.exec(line);
    // The line number only: the line itself is content, and errors never repeat content.
    if (!match) throw new MessageRejected(`Header line ${index + 1} is not a well-formed header field`);
    fields.push({ name: match[1].toLowerCase(), value: match[2].trim() });
  }
  return fields.map((field) => ({ name: field.name, value: field.value.replace(/\s+/g, ' ') }));
}

/**
 * Validates replacement MIME content against the original (requirement 18).
 * Primary course: 1. size ≤ 40 MB; 2. every line ≤ 998 characters + CRLF; 3. well-formed header fields;
 * 4. required headers present; 5. unique headers not repeated; 6. immutable headers unchanged; 7. every
 * multipart entity has its boundary, at least one part and its closing delimiter; 8. postal-mime parses it.
 * @param content - the new raw message
 * @param original - the message as received or submitted
 * @throws MessageRejected naming the first problem found
 * @example
 * await validateReplacementMime(newBytes, originalBytes);
 */
export async function validateReplacementMime(content: Uint8Array, original: Uint8Array): Promise<void> {
  if (content.byteLength > HARD_QUOTAS.messageMimeBytes) {
    throw new MessageRejected(
      `The message is ${content.byteLength} bytes; the limit is ${HARD_QUOTAS.messageMimeBytes}`,
    );
  }
  if (content.byteLength === 0) throw new MessageRejected('The message is empty');
  const text = Buffer.from(content).toString('latin1');
  checkLineLengths(text);
  const fields = parseHeaderFields(splitEntity(text).header);
  for (const name of REQUIRED_HEADERS) {
    if (!fields.some((field) => field.name === name))
      throw new MessageRejected(`Required header ${name} is missing`);
  }
  for (const name of UNIQUE_HEADERS) {
    if (fields.filter((field) => field.name === name).length > 1)
      throw new MessageRejected(`Header ${name} appears more than once`);
  }
  const before = parseHeaderFields(splitEntity(Buffer.from(original).toString('latin1')).header);
  for (const name of IMMUTABLE_HEADERS) {
    const values = (list: HeaderField[]) =>
      JSON.stringify(list.filter((f) => f.name === name).map((f) => f.value));
    if (values(before) !== values(fields)) throw new MessageRejected(`Immutable header ${name} was changed`);
  }
  checkEntity(text, 0);
  try {
    await PostalMime.parse(content);
  } catch (error) {
    throw new MessageRejected('The message could not be parsed as MIME', { cause: error });
  }
}

function checkLineLengths(text: string): void {
  let start = 0;
  let line = 1;
  // Stryker disable next-line EqualityOperator: equivalent, the line starting at text.length is empty
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const length = end - start - (text[end - 1] === '\r' ? 1 : 0);
    if (length > MAX_LINE_CHARS)
      throw new MessageRejected(`Line ${line} is longer than 1000 characters including CRLF`);
    start = end + 1;
    line += 1;
  }
}

function checkEntity(text: string, depth: number): void {
  if (depth > MAX_MULTIPART_DEPTH) throw new MessageRejected('Multipart entities are nested too deeply');
  const { header, body } = splitEntity(text);
  const contentType = parseHeaderFields(header).find((field) => field.name === 'content-type')?.value ?? '';
  if (!/^multipart\//i.test(contentType)) return;
  const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType);
  if (!boundary) throw new MessageRejected('A multipart entity has no boundary parameter');
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const lines = body.split(/\r?\n/);
  const parts: string[][] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of lines) {
    const trimmed = line.replace(/[ \t]+$/, '');
    if (trimmed === `${delimiter}--`) {
      if (current) parts.push(current);
      closed = true;
      break;
    }
    if (trimmed === delimiter) {
      if (current) parts.push(current);
      current = [];
    } else if (current) current.push(line);
  }
  // The boundary is content chosen by the sender: never part of the message.
  if (!closed) throw new MessageRejected(`A multipart entity at depth ${depth} has no closing delimiter`);
  if (parts.length === 0) throw new MessageRejected(`A multipart entity at depth ${depth} has no parts`);
  for (const part of parts) checkEntity(part.join('\r\n'), depth + 1);
}

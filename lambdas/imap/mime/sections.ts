/**
 * The content of `BODY[section]` (RFC 9051 §6.4.5), with Dovecot's choices: a part number that does not exist, and
 * HEADER/TEXT of a part that is not message/rfc822, have no content (the session answers an empty string, as
 * Dovecot does); `[n]` of a non-multipart part is its body and `[1]` of a single-part message is the message body;
 * `[n.MIME]` of a message/rfc822 part is its own MIME header. Bytes go out as IMAP needs them: bare LF as CRLF and
 * NUL as 0x80 (Dovecot's `i_stream_create_nonuls`), so sizes match BODYSTRUCTURE's.
 */
import type { Partial, PartNumbers, SectionSpec } from '../protocol/types';
import { fieldName } from './header-fields';
import type { MessagePart } from './message-part';

/**
 * The part `numbers` names (Dovecot's `imap_msgpart_find`): a multipart's n-th child; `1` of any other part is
 * the part itself; numbers after a message/rfc822 part continue inside its embedded message.
 * @param root - the message
 * @param numbers - the part numbers, empty for the root
 * @example
 * findPart(root, [2, 1]); // part 2.1, or undefined
 */
export function findPart(root: MessagePart, numbers: PartNumbers): MessagePart | undefined {
  let part: MessagePart | undefined = root;
  for (let i = 0; i < numbers.length && part !== undefined; i++) {
    const more = i < numbers.length - 1;
    if (part.kind === 'multipart') part = part.children[numbers[i] - 1];
    else if (numbers[i] !== 1 || (more && part.kind !== 'message')) part = undefined;
    if (part !== undefined && more && part.kind === 'message') part = part.message;
  }
  return part;
}

/**
 * The bytes with every bare LF as CRLF (RFC 9051 §2.3.1: messages end lines with CRLF); unchanged input is returned
 * without a copy.
 * @example
 * withCrlfLineEnds(Buffer.from('a\nb\r\n')); // 'a\r\nb\r\n'
 */
export function withCrlfLineEnds(bytes: Buffer): Buffer {
  let bare = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) {
    if (at === 0 || bytes[at - 1] !== 0x0d) bare++;
  }
  if (bare === 0) return bytes;
  const out = Buffer.alloc(bytes.length + bare);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) out[o++] = 0x0d;
    out[o++] = bytes[i];
  }
  return out;
}

/** The bytes as sent: bare LF becomes CRLF and NUL becomes 0x80; unchanged input is returned without a copy. */
function toWire(bytes: Buffer): Buffer {
  const crlf = withCrlfLineEnds(bytes);
  if (!crlf.includes(0)) return crlf;
  const out = crlf === bytes ? Buffer.from(bytes) : crlf;
  for (let at = out.indexOf(0); at >= 0; at = out.indexOf(0, at + 1)) out[at] = 0x80;
  return out;
}

/** The header fields of `message` named (or, with `exclude`, not named) in `names`, then the blank line. */
function headerFields(message: MessagePart, raw: Buffer, names: readonly string[], exclude: boolean): Buffer {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const chunks = message.fields
    .filter((field) => wanted.has(fieldName(raw, field).toLowerCase()) !== exclude)
    .map((field) => raw.subarray(field.start, field.end));
  return Buffer.concat([...chunks, Buffer.from('\r\n')]);
}

/**
 * The content of BODY[section] before any partial, or undefined when the section does not exist.
 * @param root - the message
 * @param raw - the raw message the offsets point into
 * @param section - the section the client asked for
 * @example
 * sectionBytes(root, raw, { part: [1], text: 'MIME' }); // part 1's MIME header, blank line included
 */
export function sectionBytes(root: MessagePart, raw: Buffer, section: SectionSpec): Buffer | undefined {
  const part = findPart(root, section.part);
  if (part === undefined) return undefined;
  const numbered = section.part.length > 0;
  if (section.text === undefined) {
    return toWire(numbered ? raw.subarray(part.bodyStart, part.bodyEnd) : raw);
  }
  if (section.text === 'MIME') {
    return numbered ? toWire(raw.subarray(part.headerStart, part.headerEnd)) : undefined;
  }
  const message = numbered ? part.message : root;
  if (message === undefined) return undefined;
  switch (section.text) {
    case 'HEADER':
      return toWire(raw.subarray(message.headerStart, message.headerEnd));
    case 'TEXT':
      return toWire(raw.subarray(message.bodyStart, message.bodyEnd));
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT':
      return toWire(headerFields(message, raw, section.fields ?? [], section.text === 'HEADER.FIELDS.NOT'));
  }
}

/**
 * `<start.length>` of a partial fetch applied to section bytes: empty when `start` is past the end.
 * @param bytes - the whole section
 * @param partial - the window the client asked for
 * @example
 * applyPartial(Buffer.from('hello'), { start: 1, length: 3 }); // 'ell'
 */
export function applyPartial(bytes: Buffer, partial: Partial): Buffer {
  if (partial.start >= bytes.length) return Buffer.alloc(0);
  return bytes.subarray(partial.start, partial.start + partial.length);
}

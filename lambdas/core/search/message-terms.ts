import {
  decodeBody,
  decodeEncodedWords,
  decodeText,
  firstValue,
  htmlToText,
  parseAddressList,
  parseMime,
  parseParameterizedValue,
  unfold,
} from '../message';
import type { HeaderField, MimeEntity } from '../message';
import { searchTerms } from './terms';

/**
 * What the index learns from a message: each distinct word, and in which fields it appears (a bit mask). The body is
 * the text of the text/plain and text/html parts (HTML read as text) of the message and of attached messages;
 * attachment names are their own field.
 */

/** The fields a word can appear in, as bits. */
export const SearchField = {
  FROM: 1,
  TO: 2,
  CC: 4,
  BCC: 8,
  SUBJECT: 16,
  BODY: 32,
  ATTACHMENT_NAME: 64,
} as const;

/** Every field: what JMAP's `text` condition searches. */
export const ANY_FIELD = 127;

/** Decoded body text read per message; later text is not indexed (a 40 MB message stays one bounded job). */
export const MAX_INDEXED_TEXT_BYTES = 1024 * 1024;
/** Distinct words indexed per message, so one message costs at most this many index entries. */
export const MAX_TERMS_PER_MESSAGE = 5000;

const ADDRESS_FIELDS = [
  ['from', SearchField.FROM],
  ['sender', SearchField.FROM],
  ['to', SearchField.TO],
  ['cc', SearchField.CC],
  ['bcc', SearchField.BCC],
] as const;

/**
 * The words of a message with the fields each appears in.
 * @example
 * messageTerms(raw).get('invoice'); // SearchField.SUBJECT | SearchField.BODY
 */
export function messageTerms(raw: Buffer): Map<string, number> {
  const terms = new Map<string, number>();
  forEachText(raw, (text, field) => {
    for (const term of searchTerms(text)) {
      const fields = terms.get(term);
      if (fields !== undefined) terms.set(term, fields | field);
      else if (terms.size < MAX_TERMS_PER_MESSAGE) terms.set(term, field);
    }
  });
  return terms;
}

/**
 * Calls `visit` with each searchable text of a message and its field, in message order: the header fields, then the
 * body parts (HTML read as text, at most 1 MiB in all) and attachment names.
 * @example
 * forEachText(raw, (text, field) => field === SearchField.BODY && console.log(text));
 */
export function forEachText(raw: Buffer, visit: (text: string, field: number) => void): void {
  const root = parseMime(raw).root;
  addHeaders(root.headers, visit);
  let budget = MAX_INDEXED_TEXT_BYTES;
  const walk = (entity: MimeEntity) => {
    const name = entity.subParts.length > 0 ? undefined : attachmentName(entity);
    if (name) visit(name, SearchField.ATTACHMENT_NAME);
    if (entity.message) {
      // An attached message's headers are part of what the outer message says.
      addHeaders(entity.message.headers, (text) => visit(text, SearchField.BODY));
      walk(entity.message);
      return;
    }
    for (const part of entity.subParts) walk(part);
    if (entity.subParts.length > 0) return;
    if (budget <= 0 || (entity.type !== 'text/plain' && entity.type !== 'text/html')) return;
    if (name && entity.type !== 'text/plain') return;
    const bytes = decodeBody(raw, { ...entity, end: Math.min(entity.end, entity.bodyStart + budget) });
    budget -= bytes.length;
    const text = decodeText(bytes, entity.parameters.get('charset')).text;
    visit(entity.type === 'text/html' ? htmlToText(text) : text, SearchField.BODY);
  };
  walk(root);
}

function addHeaders(headers: readonly HeaderField[], add: (text: string, field: number) => void): void {
  const subject = firstValue(headers, 'subject');
  if (subject !== undefined) add(decodeEncodedWords(unfold(subject)).trim(), SearchField.SUBJECT);
  for (const [name, field] of ADDRESS_FIELDS) {
    for (const header of headers) {
      if (header.name.toLowerCase() !== name) continue;
      for (const group of parseAddressList(header.value)) {
        if (group.name) add(group.name, field);
        for (const address of group.addresses) add(`${address.name ?? ''} ${address.email}`, field);
      }
    }
  }
}

function attachmentName(entity: MimeEntity): string | undefined {
  const disposition = firstValue(entity.headers, 'content-disposition');
  const filename =
    disposition === undefined ? undefined : parseParameterizedValue(disposition).parameters.get('filename');
  const name = filename || entity.parameters.get('name');
  return name ? decodeEncodedWords(name) : undefined;
}

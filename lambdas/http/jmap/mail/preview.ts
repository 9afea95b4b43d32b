/** The `preview` property (RFC 8621 §4.1.4): up to 256 characters of the message's text. */

import { decodeBody, decodeText, htmlToText } from '../../../core/message';
import type { BodyPart } from './body-part';

/** Most characters in a preview (§4.1.4: "MUST NOT be more than 256 characters"). */
export const PREVIEW_CHARACTERS = 256;
/** Encoded bytes read from a text/plain part; enough for 256 characters in any charset and encoding. */
const TEXT_SOURCE_BYTES = 16 * 1024;
/** Encoded bytes read from a text/html part, whose text may start after a long head and style sheet. */
const HTML_SOURCE_BYTES = 256 * 1024;

function partText(raw: Buffer, part: BodyPart): string {
  const { entity } = part;
  const isHtml = part.type === 'text/html';
  const limit = Math.min(entity.end, entity.bodyStart + (isHtml ? HTML_SOURCE_BYTES : TEXT_SOURCE_BYTES));
  const bytes = decodeBody(raw, { ...entity, end: limit });
  // A character cut at the end of the prefix decodes as U+FFFD: drop it.
  let text = decodeText(bytes, entity.parameters.get('charset')).text;
  if (limit < entity.end) text = text.replace(/\ufffd+$/, '');
  return isHtml ? htmlToText(text) : text;
}

/**
 * The preview: the text of the `textBody` parts (text/plain, or text/html read as text), white space collapsed,
 * cut to 256 characters (code points); `''` when the message has no text.
 * @example
 * preview(raw, lists.textBody); // 'Hello Bob, the report is attached.'
 */
export function preview(raw: Buffer, textBody: readonly BodyPart[]): string {
  let text = '';
  for (const part of textBody) {
    if (part.type !== 'text/plain' && part.type !== 'text/html') continue;
    text = `${text} ${partText(raw, part)}`.replace(/\s+/g, ' ').trim();
    if (text.length >= PREVIEW_CHARACTERS * 2) break;
  }
  const characters = Array.from(text);
  return characters.length <= PREVIEW_CHARACTERS ? text : characters.slice(0, PREVIEW_CHARACTERS).join('');
}

/**
 * RFC 2047 encoded words, decoded the way RFC 8621 §4.1.2.2 asks: only an encoded word that stands alone between
 * white space (or the ends of the text) is decoded, and only when its charset is known; white space between two
 * encoded words is dropped; NUL and control characters that an encoded word produced are dropped.
 */

import { isKnownCharset, decodeText } from './charset';
import { decodeQuotedPrintable } from '../delivery/header-block';

const ENCODED_WORD = /^=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// C0 and C1 controls and DEL (RFC 8621: encoded controls are dropped from the decoded value).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const REPLACEMENT = '\ufffd';

interface Word {
  readonly charset: string;
  readonly bytes: Buffer | undefined; // undefined: the payload is malformed
}

function parseWord(token: string): Word | undefined {
  const match = ENCODED_WORD.exec(token);
  if (!match || !isKnownCharset(match[1])) return undefined;
  const [, charset, encoding, text] = match;
  if (encoding === 'B' || encoding === 'b') {
    return { charset, bytes: BASE64.test(text) ? Buffer.from(text, 'base64') : undefined };
  }
  return { charset, bytes: decodeQuotedPrintable(Buffer.from(text.replace(/_/g, ' '), 'latin1'), 'word') };
}

/**
 * Decodes the encoded words of unstructured text (a *Text* header, a display name, a comment, a parameter value).
 * Adjacent encoded words in one charset are decoded together, so a character split across two words survives.
 * A malformed payload becomes U+FFFD.
 * @example
 * decodeEncodedWords('=?UTF-8?Q?caf=C3=A9?= =?UTF-8?B?IGNyw6htZQ==?= now'); // 'café crème now'
 * decodeEncodedWords('Re:=?UTF-8?Q?x?='); // 'Re:=?UTF-8?Q?x?=' (not separated by white space)
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  const pieces = text.split(/([ \t]+)/);
  let out = '';
  let pending: { charset: string; chunks: Buffer[] } | undefined;
  let lastWasEncoded = false;
  const flush = () => {
    if (pending) out += decodeText(Buffer.concat(pending.chunks), pending.charset).text.replace(CONTROLS, '');
    pending = undefined;
  };
  for (let i = 0; i < pieces.length; i += 2) {
    const space = i > 0 ? pieces[i - 1] : '';
    const word = parseWord(pieces[i]);
    if (!word) {
      flush();
      out += space + pieces[i];
    } else {
      if (!lastWasEncoded) out += space;
      if (!word.bytes) {
        flush();
        out += REPLACEMENT;
      } else if (pending?.charset.toLowerCase() === word.charset.toLowerCase())
        pending.chunks.push(word.bytes);
      else {
        flush();
        pending = { charset: word.charset, chunks: [word.bytes] };
      }
    }
    lastWasEncoded = word !== undefined;
  }
  flush();
  return out;
}

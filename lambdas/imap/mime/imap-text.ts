/**
 * Turns header text (latin1 strings: one character per byte) into response values without changing a byte:
 * 7-bit text without line breaks is a string (the writer quotes it), anything else a literal of the original bytes.
 */
import type { ImapValue } from '../protocol/types';

/**
 * A string or NIL for raw header text.
 * @param text - latin1 text, or undefined for NIL
 * @example
 * nstring('<a@b>'); // '<a@b>'
 */
export function nstring(text: string | undefined): ImapValue {
  if (text === undefined) return null;
  // eslint-disable-next-line no-control-regex
  return /[\x00\r\n\x80-\xff]/.test(text) ? { literal: Buffer.from(text, 'latin1') } : text;
}

/**
 * Text cleaned up for people the way Dovecot's `imap_append_string_for_humans` does: runs of whitespace and line
 * breaks become one space, leading and trailing whitespace go, NUL becomes 0x80.
 * @param text - latin1 text
 * @example
 * forHumans('  Re:\r\n\t hello  '); // 'Re: hello'
 */
export function forHumans(text: string): ImapValue {
  return nstring(
    text
      .replace(/[ \t\r\n]+/g, ' ')
      .replace(/^ | $/g, '')
      .replace(/\0/g, '\x80'),
  );
}

/**
 * Header text without its line breaks, as Dovecot's `imap_append_nstring_nolf` writes it (a break not followed by
 * whitespace becomes a space).
 * @param text - latin1 text, or undefined for NIL
 * @example
 * withoutLineBreaks('a\r\n b'); // 'a b'
 */
export function withoutLineBreaks(text: string | undefined): ImapValue {
  return nstring(text?.replace(/[\r\n](?=[^ \t\r\n])/g, ' ').replace(/[\r\n]/g, ''));
}

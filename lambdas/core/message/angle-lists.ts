/** Field values that are lists of `<…>` items: message identifiers (RFC 5322 §3.6.4) and URLs (RFC 2369). */

import { unfold } from './field-value';

/** The `<…>` items of a value (white space inside removed) and the text outside them and outside comments. */
function angleItems(raw: string): { items: string[]; rest: string } {
  const value = unfold(raw);
  const items: string[] = [];
  let rest = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (depth > 0) {
      if (char === '\\') i++;
      else if (char === '(') depth++;
      else if (char === ')') depth--;
    } else if (char === '(') {
      depth = 1;
      rest += ' ';
    } else if (char === '<') {
      const close = value.indexOf('>', i);
      if (close < 0) return { items, rest: rest + value.slice(i) };
      items.push(value.slice(i + 1, close).replace(/\s+/g, ''));
      rest += ' ';
      i = close;
    } else rest += char;
  }
  return { items, rest };
}

/**
 * Reads a list of `msg-id`s without their angle brackets and CFWS. Phrases between identifiers (allowed by the
 * obsolete In-Reply-To and References syntax) are ignored. A value that holds no bracketed identifier is read as a
 * single bare identifier when it is one `left@right` token; otherwise the result is `null`, as for an empty value.
 * @example
 * parseMessageIds(' <a@example.com> (first)\r\n <b@example.com>'); // ['a@example.com', 'b@example.com']
 */
export function parseMessageIds(raw: string): string[] | null {
  const { items, rest } = angleItems(raw);
  const ids = items.filter((id) => id !== '');
  if (ids.length > 0) return ids;
  const bare = rest.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? [bare] : null;
}

/**
 * Reads an RFC 2369 list of URLs: the bracketed items, white space inside them removed, comments ignored;
 * `null` when there is none (e.g. `List-Post: NO`).
 * @example
 * parseUrls(' <mailto:list@example.com?subject=help> (Help), <https://example.com/help>');
 * // ['mailto:list@example.com?subject=help', 'https://example.com/help']
 */
export function parseUrls(raw: string): string[] | null {
  const urls = angleItems(raw).items.filter((url) => url !== '');
  return urls.length > 0 ? urls : null;
}

/** Parameterised field values (Content-Type, Content-Disposition) and MIME media types. */

import libmime from 'libmime';
import { stripComments, unfold } from './field-value';

/** A `value; name=value; …` field: the lower-case leading value and its parameters. */
export interface ParameterizedValue {
  /** The leading token, lower-cased, without white space and comments; `''` when there is none. */
  readonly value: string;
  /** Parameters by lower-case name, RFC 2231 continuations joined and charsets decoded. */
  readonly parameters: ReadonlyMap<string, string>;
}

const TOKEN = "[!#$%&'*+\\-.^_`{|}~0-9a-z]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/**
 * Parses a parameterised field value in its *Raw* form: unfolded, comments outside quoted strings removed, then
 * split by libmime (which joins RFC 2231 continuations and decodes `name*=charset'lang'%XX` values).
 * @example
 * parseParameterizedValue(' attachment; filename*=UTF-8\'\'%E2%82%AC.pdf').parameters.get('filename'); // '€.pdf'
 */
export function parseParameterizedValue(raw: string): ParameterizedValue {
  const parsed = libmime.parseHeaderValue(stripComments(unfold(raw)));
  const parameters = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed.params)) {
    if (name !== '' && typeof value === 'string') parameters.set(name, value);
  }
  return { value: (parsed.value || '').replace(/\s+/g, '').toLowerCase(), parameters };
}

/**
 * The media type in a parsed Content-Type value, or `undefined` when it is not a syntactically valid
 * `type/subtype` (RFC 2045 §5.2 then makes the entity `text/plain; charset=us-ascii`).
 * @example
 * mediaTypeOf(parseParameterizedValue('Text/HTML; charset=utf-8')); // 'text/html'
 */
export function mediaTypeOf(contentType: ParameterizedValue): string | undefined {
  return MEDIA_TYPE.test(contentType.value) ? contentType.value : undefined;
}

/**
 * Parameterised field values (Content-Type, Content-Disposition: RFC 2045 §5.1, RFC 2183) with RFC 2231's
 * continuations and charset-encoded values, and MIME media types. Written here rather than taken from libmime,
 * which would add about 800 KB of charset tables to a Lambda bundle for this one function.
 */

import { decodeText } from './charset';
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
/** `name`, `name*`, `name*3` or `name*3*`: the name, the section number and whether the value is encoded. */
const ATTRIBUTE = /^([^*]+)(?:\*(\d{1,3}))?(\*)?$/;

/** One `name=value` of the field, before RFC 2231 sections are joined. */
interface Section {
  readonly section: number;
  readonly encoded: boolean;
  readonly value: string;
}

/** Splits at semicolons outside quoted strings; quoted strings are unquoted, quoted-pairs decoded. */
function splitParameters(text: string): { name: string; value: string }[] {
  const pieces: { name: string; value: string }[] = [];
  let name: string | undefined;
  let current = '';
  let quoted = false;
  const flush = () => {
    if (name === undefined) pieces.push({ name: current.trim(), value: '' });
    else pieces.push({ name, value: current.trim() });
    name = undefined;
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') current += text[++i] ?? '';
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') flush();
    else if (char === '=' && name === undefined) {
      name = current.trim().toLowerCase();
      current = '';
    } else current += char;
  }
  flush();
  return pieces;
}

/** `%XX` escapes of an RFC 2231 value as the bytes they stand for; other characters as their UTF-8 bytes. */
function percentDecode(value: string): Buffer {
  return Buffer.concat(
    value
      .split(/(%[0-9a-fA-F]{2})/)
      .map((piece) =>
        /^%[0-9a-fA-F]{2}$/.test(piece) ? Buffer.from([parseInt(piece.slice(1), 16)]) : Buffer.from(piece),
      ),
  );
}

/**
 * Joins the sections of one parameter in order (RFC 2231 §3, §4). Encoded sections are percent-decoded and the
 * whole is decoded in the charset the first section names (US-ASCII, read as UTF-8 when valid, if it names none).
 */
function joinSections(sections: Section[]): string {
  sections.sort((a, b) => a.section - b.section);
  if (!sections.some((part) => part.encoded)) return sections.map((part) => part.value).join('');
  const prefix = sections[0].encoded ? /^([^']*)'[^']*'/.exec(sections[0].value) : null;
  const bytes = sections.map((part, index) => {
    const value = index === 0 && prefix ? part.value.slice(prefix[0].length) : part.value;
    return part.encoded ? percentDecode(value) : Buffer.from(value);
  });
  return decodeText(Buffer.concat(bytes), prefix?.[1] || 'us-ascii').text;
}

/**
 * Parses a parameterised field value in its *Raw* form: unfolded, comments outside quoted strings removed, quoted
 * strings unquoted, RFC 2231 sections joined and decoded (an extended `name*` wins over a plain `name`; the first of
 * duplicates wins). A parameter without `=` or without a value is ignored.
 * @example
 * parseParameterizedValue(' attachment; filename*=UTF-8\'\'%E2%82%AC.pdf').parameters.get('filename'); // '€.pdf'
 */
export function parseParameterizedValue(raw: string): ParameterizedValue {
  const [head, ...rest] = splitParameters(stripComments(unfold(raw)));
  const plain = new Map<string, string>();
  const extended = new Map<string, Section[]>();
  for (const { name, value } of rest) {
    if (name === '' || value === '') continue;
    const attribute = ATTRIBUTE.exec(name);
    if (!attribute || (attribute[2] === undefined && attribute[3] === undefined)) {
      if (!plain.has(name)) plain.set(name, value);
      continue;
    }
    const [, base, section, star] = attribute;
    const sections = extended.get(base) ?? [];
    const number = Number(section ?? 0);
    if (!sections.some((existing) => existing.section === number)) {
      sections.push({ section: number, encoded: star !== undefined, value });
    }
    extended.set(base, sections);
  }
  const parameters = new Map(plain);
  for (const [name, sections] of extended) parameters.set(name, joinSections(sections));
  return { value: (head?.name ?? '').replace(/\s+/g, '').toLowerCase(), parameters };
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

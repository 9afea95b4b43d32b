/**
 * The Content-* header fields of one MIME part (RFC 2045, RFC 2183, RFC 3282, RFC 2557, RFC 1864), parsed the way
 * Dovecot's `message-part-data.c` does: names and values keep the case they were written in, the first occurrence of
 * each field wins, and RFC 2231 continuations are joined but left percent-encoded (`name*` = `charset'lang'value`).
 */
import { Rfc822Reader, type TextSink } from './rfc822-reader';

/** A `name=value` parameter as written (latin1 strings). */
export type MimeParameter = readonly [name: string, value: string];

/** What the Content-* fields of a part say; all strings are latin1 (one character per byte). */
export interface ContentFields {
  /** Absent when there is no Content-Type (or the part is not MIME): the RFC 2045 default applies. */
  type?: string;
  subtype?: string;
  params: readonly MimeParameter[];
  disposition?: string;
  dispositionParams: readonly MimeParameter[];
  language?: readonly string[];
  location?: string;
  id?: string;
  description?: string;
  md5?: string;
  transferEncoding?: string;
}

/** Parameters after `;`: plain ones in order, then the RFC 2231 ones joined per name, sorted by name. */
function readParameters(reader: Rfc822Reader): MimeParameter[] {
  const plain: MimeParameter[] = [];
  const split: { key: string; index: number; extended: boolean; value: string }[] = [];
  let index = 0;
  while (!reader.atEnd()) {
    const param = readParameter(reader);
    if (param === undefined) {
      reader.pos++;
      continue;
    }
    const [key, value] = param;
    const star = key.indexOf('*');
    const match = star < 0 ? null : /^\*(\d*)(\*?)$/.exec(key.slice(star));
    if (match === null) {
      plain.push(param);
      continue;
    }
    // Dovecot keeps the previous index for an unnumbered `name*` (its struct is reused), which is 0 in practice.
    if (key.length - star > 1) index = match[1] === '' ? 0 : Number(match[1].slice(0, 9));
    split.push({ key: key.slice(0, star), index, extended: match[2] === '*' || match[1] === '', value });
  }
  split.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  for (let i = 0; i < split.length;) {
    let j = i;
    let complete = true;
    let extended = false;
    for (; j < split.length && split[j].key.toLowerCase() === split[i].key.toLowerCase(); j++) {
      if (split[j].index !== j - i) complete = false;
      if (split[j].extended) extended = true;
    }
    if (!complete) {
      for (const p of split.slice(i, j)) plain.push([`${p.key}*${p.index}${p.extended ? '*' : ''}`, p.value]);
    } else {
      let value = !split[i].extended && extended ? "''" : '';
      for (const p of split.slice(i, j))
        value += !p.extended && extended ? p.value.replace(/%/g, '%25') : p.value;
      plain.push([extended ? `${split[i].key}*` : split[i].key, value]);
    }
    i = j;
  }
  return plain;
}

/** One `; name=value`; undefined when the input at the cursor is not one (the caller skips a byte). */
function readParameter(reader: Rfc822Reader): MimeParameter | undefined {
  if (reader.peek() !== 0x3b) return undefined;
  reader.pos++;
  if (reader.skipLwsp() <= 0) return undefined;
  const key: TextSink = { text: '' };
  if (reader.readMimeToken(key) <= 0 || reader.peek() !== 0x3d) return undefined;
  reader.pos++;
  const value: TextSink = { text: '' };
  let ret = reader.skipLwsp();
  if (ret > 0 && reader.peek() === 0x22) ret = reader.readQuotedString(value);
  else if (ret > 0 && reader.peek() === 0x3d) {
    // Dovecot's workaround for `name==?utf-8?b?...?=`: take everything up to `;` or whitespace.
    const start = reader.pos;
    while (!reader.atEnd() && !/[;\s]/.test(reader.input[reader.pos])) reader.pos++;
    value.text = reader.input.slice(start, reader.pos);
  } else if (ret > 0) ret = reader.readMimeToken(value);
  return ret < 0 ? undefined : [key.text, value.text];
}

function parseContentType(value: string, fields: ContentFields): void {
  const reader = new Rfc822Reader(value);
  const out: TextSink = { text: '' };
  let ok = reader.skipLwsp() > 0 && reader.readMimeToken(out) > 0 && reader.peek() === 0x2f;
  if (ok) {
    reader.pos++;
    ok = reader.skipLwsp() > 0;
    if (ok) {
      out.text += '/';
      ok = reader.readMimeToken(out) >= 0;
    }
  }
  const slash = out.text.indexOf('/');
  fields.type = slash < 0 ? out.text : out.text.slice(0, slash);
  fields.subtype = slash < 0 ? '' : out.text.slice(slash + 1);
  // A broken Content-Type keeps what could be read, without parameters (as Dovecot does).
  if (ok) fields.params = readParameters(reader);
}

function parseDisposition(value: string, fields: ContentFields): void {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const out: TextSink = { text: '' };
  if (reader.readMimeToken(out) < 0) return;
  fields.disposition = out.text;
  fields.dispositionParams = readParameters(reader);
}

function parseLanguage(value: string, fields: ContentFields): void {
  const reader = new Rfc822Reader(value);
  const tags: string[] = [];
  reader.skipLwsp();
  for (;;) {
    const tag: TextSink = { text: '' };
    if (reader.readAtom(tag) < 0) break;
    tags.push(tag.text);
    if (reader.peek() !== 0x2c) break;
    reader.pos++;
    reader.skipLwsp();
  }
  if (tags.length > 0) fields.language = tags;
}

function parseTransferEncoding(value: string, fields: ContentFields): void {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const out: TextSink = { text: '' };
  if (reader.readMimeToken(out) >= 0 && reader.skipLwsp() === 0 && out.text !== '')
    fields.transferEncoding = out.text;
}

/** Empty Content-* fields: every default applies. */
export function emptyContentFields(): ContentFields {
  return { params: [], dispositionParams: [] };
}

/**
 * Applies one header field to `fields` if it is a Content-* field not seen before.
 * @param name - the field name as written
 * @param value - the field value (latin1), leading whitespace skipped, folding kept
 */
export function applyContentField(fields: ContentFields, name: string, value: string): void {
  const kind = name.toLowerCase();
  if (!kind.startsWith('content-')) return;
  const keep = value.replace(/\0/g, '\xef\xbf\xbd');
  switch (kind.slice(8)) {
    case 'type':
      if (fields.type === undefined) parseContentType(value, fields);
      return;
    case 'transfer-encoding':
      if (fields.transferEncoding === undefined) parseTransferEncoding(value, fields);
      return;
    case 'disposition':
      // Dovecot checks for earlier parameters, not an earlier field: a parameterless first field can be replaced.
      if (fields.dispositionParams.length === 0) parseDisposition(value, fields);
      return;
    case 'language':
      if (fields.language === undefined) parseLanguage(value, fields);
      return;
    case 'id':
      fields.id ??= keep;
      return;
    case 'md5':
      fields.md5 ??= keep;
      return;
    case 'location':
      fields.location ??= keep;
      return;
    case 'description':
      fields.description ??= keep;
      return;
  }
}

/**
 * Header fields of one header block, found the way Dovecot's `message-header-parser.c` finds them: a field is a
 * line with its continuation lines (starting with SP or HTAB), its name ends at the first `:` of the first line (a
 * line without one has no name), and a blank line (CRLF or bare LF) ends the block.
 */

/** One header field, by byte offsets into the raw message. */
export interface HeaderField {
  /** First byte of the name. */
  readonly start: number;
  /** End of the name (trailing whitespace before `:` excluded); `start` when the line has no `:`. */
  readonly nameEnd: number;
  /** First byte of the value: after the `:` and the whitespace that follows it. */
  readonly valueStart: number;
  /** End of the value: before the line break of its last line. */
  readonly valueEnd: number;
  /** After the line break of its last line (or the end of the message). */
  readonly end: number;
}

const LF = 0x0a;
const CR = 0x0d;

function isWsp(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/** The length of the blank line at `pos` (2 for CRLF, 1 for LF), or 0 if the line is not blank. */
export function blankLineLength(raw: Buffer, pos: number): number {
  if (raw[pos] === LF) return 1;
  return raw[pos] === CR && raw[pos + 1] === LF ? 2 : 0;
}

/** The end of the line at `pos`: after its LF, or the end of the input. */
export function lineEnd(raw: Buffer, pos: number): number {
  const lf = raw.indexOf(LF, pos);
  return lf < 0 ? raw.length : lf + 1;
}

/** The offset before the line break that ends at `end` (which is after an LF, or the end of the input). */
function contentEnd(raw: Buffer, start: number, end: number): number {
  if (end > start && raw[end - 1] === LF) return end > start + 1 && raw[end - 2] === CR ? end - 2 : end - 1;
  return end;
}

/**
 * Reads the field at `pos` (which must not be a blank line nor the end of the input).
 * @param raw - the message
 * @param pos - the start of a line inside a header block
 */
export function readField(raw: Buffer, pos: number): HeaderField {
  let end = lineEnd(raw, pos);
  const firstLineEnd = contentEnd(raw, pos, end);
  while (end < raw.length && isWsp(raw[end])) end = lineEnd(raw, end);
  const valueEnd = contentEnd(raw, pos, end);
  const colonAt = raw.subarray(pos, firstLineEnd).indexOf(0x3a);
  // A line without a colon names no field: no HEADER.FIELDS name and no ENVELOPE field matches it (Dovecot's
  // parser calls the whole line the name, but its readers skip such a line).
  if (colonAt < 0) return { start: pos, nameEnd: pos, valueStart: valueEnd, valueEnd, end };
  const colon = pos + colonAt;
  let nameEnd = colon;
  while (nameEnd > pos && isWsp(raw[nameEnd - 1])) nameEnd--;
  let valueStart = colon + 1;
  while (valueStart < firstLineEnd && isWsp(raw[valueStart])) valueStart++;
  // A first line of only whitespace loses one blank, as in Dovecot (MESSAGE_HEADER_PARSER_FLAG_SKIP_INITIAL_LWSP).
  if (valueStart === firstLineEnd)
    valueStart = Math.min(colon + 1 + (isWsp(raw[colon + 1]) ? 1 : 0), firstLineEnd);
  return { start: pos, nameEnd, valueStart, valueEnd, end };
}

/** The field name as written (latin1). */
export function fieldName(raw: Buffer, field: HeaderField): string {
  return raw.toString('latin1', field.start, field.nameEnd);
}

/** The value with its folding line breaks kept (latin1), for the structured-field readers. */
export function foldedValue(raw: Buffer, field: HeaderField): string {
  return field.valueStart >= field.valueEnd ? '' : raw.toString('latin1', field.valueStart, field.valueEnd);
}

/** The value unfolded (RFC 5322 §2.2.3: line breaks before whitespace removed), NULs as U+FFFD like Dovecot. */
export function unfoldedValue(raw: Buffer, field: HeaderField): string {
  return foldedValue(raw, field).replace(/\r?\n/g, '').replace(/\0/g, '\xef\xbf\xbd');
}

/** The last field of `fields` named `name` (case-insensitive), as Dovecot's envelope keeps the last one. */
export function lastField(
  raw: Buffer,
  fields: readonly HeaderField[],
  name: string,
): HeaderField | undefined {
  const wanted = name.toLowerCase();
  for (let i = fields.length - 1; i >= 0; i--) {
    const field = fields[i];
    if (field.nameEnd - field.start === wanted.length && fieldName(raw, field).toLowerCase() === wanted)
      return field;
  }
  return undefined;
}

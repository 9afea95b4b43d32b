/**
 * The top-level header block of a message as a list of raw fields, so sending can read the address fields and
 * rewrite the block (drop Bcc, set or remove Sender, add Message-ID and Date) while the body stays byte for byte.
 */

/** Header blocks longer than this are treated as ending there (the rest is body). */
const MAX_HEADER_BYTES = 256 * 1024;

/** One header field with its name as written and its raw lines (folding and line breaks included). */
export interface RawField {
  readonly name: string;
  /** The whole field: `Name: value` with its continuation lines and its final line break. */
  readonly text: string;
}

/** A message split into its header fields and the rest (the empty line and the body). */
export interface SplitMessage {
  readonly fields: readonly RawField[];
  /** Everything after the header fields: the separating empty line and the body, untouched. */
  readonly rest: Buffer;
  /** The line break the message uses (`\r\n` or `\n`). */
  readonly newline: string;
}

/**
 * Splits a message into header fields and the rest. Lines before the empty line that are neither a field nor a
 * continuation are kept as part of the field before them (or dropped at the start), so nothing of the body moves.
 * @param raw - the RFC 5322 message
 * @example
 * splitMessage(Buffer.from('Subject: Hi\r\nBcc: x@y\r\n\r\nBody')).fields.map((f) => f.name); // ['Subject', 'Bcc']
 */
export function splitMessage(raw: Buffer): SplitMessage {
  const window = raw.subarray(0, MAX_HEADER_BYTES);
  const crlf = window.indexOf('\r\n\r\n');
  const lf = window.indexOf('\n\n');
  const firstBreak = window.indexOf('\n');
  const newline =
    crlf >= 0
      ? lf < 0 || crlf < lf
        ? '\r\n'
        : '\n'
      : lf < 0 && window[firstBreak - 1] === 0x0d
        ? '\r\n'
        : '\n';
  const blank = newline === '\r\n' ? crlf : lf;
  const end = blank >= 0 ? blank + newline.length : -1;
  // A message that is all header (no empty line) keeps it all as fields and gets the empty line back on joining.
  const headerEnd = end >= 0 ? end : raw.length <= MAX_HEADER_BYTES ? raw.length : 0;
  const text = raw.subarray(0, headerEnd).toString('latin1');
  const fields: { name: string; text: string }[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    const field = /^([!-9;-~]+)[ \t]*:/.exec(line);
    if (field && !/^[ \t]/.test(line)) fields.push({ name: field[1], text: line });
    else if (fields.length > 0) fields[fields.length - 1].text += line;
  }
  const rest = end >= 0 || headerEnd === 0 ? raw.subarray(headerEnd) : Buffer.from(newline);
  return { fields, rest, newline };
}

/**
 * The values of every field with this name (case-insensitive), unfolded, as UTF-8.
 * @example
 * fieldValues(splitMessage(raw), 'to'); // ['a@example.com, b@example.com']
 */
export function fieldValues(message: SplitMessage, name: string): string[] {
  const wanted = name.toLowerCase();
  return message.fields
    .filter((field) => field.name.toLowerCase() === wanted)
    .map((field) =>
      Buffer.from(field.text.slice(field.text.indexOf(':') + 1), 'latin1')
        .toString('utf8')
        .replace(/\r?\n[ \t]/g, ' ')
        .trim(),
    );
}

/**
 * Joins a message back together without the fields named in `remove` and with `prepend` (whole lines without the
 * line break) before the remaining fields.
 * @example
 * joinMessage(splitMessage(raw), { remove: ['bcc'], prepend: ['Sender: ana@example.com'] });
 */
export function joinMessage(
  message: SplitMessage,
  change: { readonly remove?: readonly string[]; readonly prepend?: readonly string[] },
): Buffer {
  const remove = new Set((change.remove ?? []).map((name) => name.toLowerCase()));
  const added = (change.prepend ?? []).map((line) => Buffer.from(`${line}${message.newline}`, 'utf8'));
  const kept = message.fields
    .filter((field) => !remove.has(field.name.toLowerCase()))
    .map((field) => Buffer.from(field.text, 'latin1'));
  return Buffer.concat([...added, ...kept, message.rest]);
}

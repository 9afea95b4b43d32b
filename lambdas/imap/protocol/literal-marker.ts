/**
 * Recognises a literal announced at the end of a command line: `{n}`, `{n+}` (LITERAL+ / LITERAL-, RFC 7888),
 * `~{n}` and `~{n+}` (literal8, RFC 3516), outside a quoted string. `{n-}` is no IMAP syntax (LITERAL- reuses
 * `{n+}`), so it is not a literal and the command fails to parse.
 */

/** A literal announced at the end of a line. */
export interface LiteralMarker {
  /** Where the announcement starts in the line (the `{` or `~`). */
  readonly start: number;
  /** The announced size; Infinity when it does not fit a safe integer (it is over any limit anyway). */
  readonly size: number;
  /** `{n}`: the client waits for a continuation request before sending the bytes. */
  readonly sync: boolean;
  readonly binary: boolean;
}

const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** Whether the line ends inside a quoted string (then a trailing `{n}` is text, not an announcement). */
function endsInQuote(line: Buffer): boolean {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const byte = line[i];
    if (quoted && byte === 0x5c) i += 1;
    else if (byte === 0x22) quoted = !quoted;
  }
  return quoted;
}

/**
 * The literal announced at the end of `line` (a line without its CRLF), if any.
 *
 * @example literalMarker(Buffer.from('A1 LOGIN {5+}')) // { start: 9, size: 5, sync: false, binary: false }
 * @param line - one line of a command, without CRLF
 */
export function literalMarker(line: Buffer): LiteralMarker | undefined {
  let i = line.length - 1;
  if (line[i] !== 0x7d) return undefined;
  i -= 1;
  const sync = line[i] !== 0x2b;
  if (!sync) i -= 1;
  const digitsEnd = i + 1;
  while (i >= 0 && isDigit(line[i])) i -= 1;
  if (i === digitsEnd - 1 || line[i] !== 0x7b) return undefined;
  const digits = line.toString('latin1', i + 1, digitsEnd);
  const binary = i > 0 && line[i - 1] === 0x7e;
  const start = binary ? i - 1 : i;
  if (endsInQuote(line.subarray(0, start))) return undefined;
  const size = digits.length > 15 ? Infinity : Number(digits);
  return { start, size, sync, binary };
}

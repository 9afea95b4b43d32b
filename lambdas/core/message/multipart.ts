/** Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1). */

const LF = 0x0a;
const CR = 0x0d;

/** A byte range `[start, end)` in the raw message. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The body parts found, and whether `maxParts` stopped the search. */
export interface MultipartSplit {
  readonly parts: ByteRange[];
  readonly isTruncated: boolean;
}

/**
 * Finds the body parts of the multipart body `raw[start, end)`. A delimiter is a line that starts with `--` and
 * the boundary, optionally followed by `--` (the close delimiter) and white space; the line break before it
 * belongs to the delimiter. Preamble and epilogue are not parts. Without a close delimiter the last part runs
 * to `end`. Each search is bounded by the body, so the whole split is linear in its size.
 * @param maxParts - most parts returned
 * @example
 * splitMultipart(Buffer.from('--b\r\nA\r\n--b--'), 0, 14, 'b', 10).parts; // [{ start: 5, end: 6 }]
 */
export function splitMultipart(
  raw: Buffer,
  start: number,
  end: number,
  boundary: string,
  maxParts: number,
): MultipartSplit {
  const body = raw.subarray(start, end);
  const delimiter = Buffer.from(`--${boundary}`, 'utf8');
  const parts: ByteRange[] = [];
  let partStart = -1;
  let position = 0;
  while (position <= body.length) {
    const at = body.indexOf(delimiter, position);
    if (at < 0) break;
    const line = at === 0 || body[at - 1] === LF ? delimiterLine(body, at + delimiter.length) : undefined;
    if (!line) {
      position = at + 1;
      continue;
    }
    if (partStart >= 0) {
      const lineBreak = at >= 2 && body[at - 2] === CR ? 2 : 1;
      parts.push({ start: start + partStart, end: start + Math.max(partStart, at - lineBreak) });
      if (parts.length >= maxParts) return { parts, isTruncated: !line.isClose };
    }
    if (line.isClose) return { parts, isTruncated: false };
    partStart = line.next;
    position = line.next;
  }
  if (partStart >= 0) {
    if (parts.length >= maxParts) return { parts, isTruncated: true };
    parts.push({ start: start + partStart, end });
  }
  return { parts, isTruncated: false };
}

/** Checks the rest of a delimiter line from `index`: `--`? then white space, then a line break or the end. */
function delimiterLine(body: Buffer, index: number): { isClose: boolean; next: number } | undefined {
  let at = index;
  const isClose = body[at] === 0x2d && body[at + 1] === 0x2d;
  if (isClose) at += 2;
  while (body[at] === 0x20 || body[at] === 0x09) at++;
  if (at >= body.length) return { isClose, next: body.length };
  if (body[at] === LF) return { isClose, next: at + 1 };
  if (body[at] === CR && body[at + 1] === LF) return { isClose, next: at + 2 };
  return undefined;
}

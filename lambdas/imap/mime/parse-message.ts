/**
 * Splits a raw RFC 5322 message into its MIME part tree (RFC 2045, RFC 2046), following Dovecot's
 * `message-parser.c` wherever the RFCs leave room, so that BODYSTRUCTURE and section numbers match Dovecot's:
 * - a boundary line is `--` plus a boundary as a prefix; the longest matching boundary of any open multipart wins,
 *   so an outer boundary also closes the inner parts; the line break before it belongs to the boundary;
 * - a boundary line also ends a header that has no blank line;
 * - a part is MIME if it is inside a multipart or has MIME-Version or Content-Type; otherwise its Content-* fields
 *   are ignored; without Content-Type a part is text/plain, or message/rfc822 inside multipart/digest;
 * - a part {@link MAX_DEPTH} deep (the root is 0) or beyond {@link MAX_PARTS} parts is not split further.
 * Bare LF line ends are accepted everywhere. Nothing throws and nothing recurses: the tree is built with a loop.
 */
import { applyContentField, emptyContentFields } from './content-fields';
import {
  blankLineLength,
  fieldName,
  foldedValue,
  lineEnd,
  readField,
  type HeaderField,
} from './header-fields';
import type { MessagePart, PartDraft } from './message-part';

/** Parts at depth 99 (the root is 0) are opaque: Dovecot's `max_nested_mime_parts` default of 100. */
export const MAX_DEPTH = 100;
/** At most this many parts are made (Dovecot's `max_total_mime_parts` default); later ones stay unsplit. */
export const MAX_PARTS = 10_000;
/** Boundaries are cut to 80 characters (RFC 2046 allows 70), as Dovecot does. */
const MAX_BOUNDARY = 80;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

interface Boundary {
  readonly text: Buffer;
  readonly owner: PartDraft;
}

interface Match {
  readonly index: number;
  readonly closing: boolean;
}

function newPart(start: number, depth: number): PartDraft {
  const content = emptyContentFields();
  return {
    ...{ headerStart: start, headerEnd: start, bodyStart: start, bodyEnd: start, fields: [], content },
    ...{ kind: 'leaf', children: [], depth, bodyLines: 0, bodySize: 0 },
  };
}

class MessageParser {
  private readonly boundaries: Boundary[] = [];
  private readonly open: PartDraft[] = [];
  private count = 1;

  constructor(private readonly raw: Buffer) {}

  run(): MessagePart {
    const root = newPart(0, 0);
    this.open.push(root);
    let part = root;
    let inMultipart = false;
    let parentDigest = false;
    let pos = 0;
    for (;;) {
      // 1. The header of `part`, up to a blank line, a boundary line or the end.
      const boundaryAt = this.readHeader(part, pos);
      this.classify(
        part,
        inMultipart,
        parentDigest,
        boundaryAt === undefined && part.headerEnd < this.raw.length,
      );
      // 2. A message part's embedded message starts with the body.
      if (part.kind === 'message') {
        const inner = newPart(part.bodyStart, part.depth + 1);
        this.count++;
        part.message = inner;
        this.open.push(inner);
        part = inner;
        inMultipart = parentDigest = false;
        if (boundaryAt === undefined) {
          pos = inner.headerStart;
          continue;
        }
      }
      // 3. The body up to the next boundary line; a new part after a boundary that opens one.
      let scanFrom = boundaryAt ?? part.bodyStart;
      let firstCut = part.bodyStart;
      let next: PartDraft | undefined;
      while (next === undefined) {
        const found = this.findBoundaryLine(scanFrom);
        if (found === undefined) {
          for (const open of this.open) open.bodyEnd = this.raw.length;
          return this.finish(root);
        }
        const [line, match] = found;
        const cut = line === scanFrom ? firstCut : line - (this.raw[line - 2] === CR ? 2 : 1);
        const owner = this.boundaries[match.index].owner;
        while (this.open.length > 1 && this.open[this.open.length - 1] !== owner)
          this.open.pop()!.bodyEnd = cut;
        this.boundaries.length = match.closing ? match.index : match.index + 1;
        scanFrom = firstCut = lineEnd(this.raw, line);
        const opensPart = !match.closing && this.raw[scanFrom - 1] === LF && this.count < MAX_PARTS;
        if (opensPart) next = newPart(scanFrom, owner.depth + 1);
        if (next !== undefined) {
          this.count++;
          owner.children.push(next);
          this.open.push(next);
          parentDigest = owner.content.subtype?.toLowerCase() === 'digest';
          inMultipart = true;
        }
      }
      part = next;
      pos = next.headerStart;
    }
  }

  /** Reads the header fields at `pos`; returns the offset of a boundary line that ended the header early. */
  private readHeader(part: PartDraft, pos: number): number | undefined {
    const fields: HeaderField[] = [];
    part.fields = fields;
    for (;;) {
      if (pos >= this.raw.length) {
        part.headerEnd = part.bodyStart = this.raw.length;
        return undefined;
      }
      if (this.matchBoundary(pos, part) !== undefined) {
        const newline = fields.length === 0 ? 0 : this.raw[pos - 2] === CR ? 2 : 1;
        part.headerEnd = part.bodyStart = pos - newline;
        return pos;
      }
      const blank = blankLineLength(this.raw, pos);
      if (blank > 0) {
        part.headerEnd = part.bodyStart = pos + blank;
        return undefined;
      }
      const field = readField(this.raw, pos);
      fields.push(field);
      pos = field.end;
    }
  }

  /** Sets the part's Content-* fields and kind, and opens its boundary when it is a multipart with a body. */
  private classify(part: PartDraft, inMultipart: boolean, parentDigest: boolean, hasBody: boolean): void {
    const names = part.fields.map((field) => fieldName(this.raw, field).toLowerCase());
    const isMime = inMultipart || names.includes('mime-version') || names.includes('content-type');
    if (isMime) {
      part.fields.forEach((field, i) =>
        applyContentField(part.content, names[i], foldedValue(this.raw, field)),
      );
    }
    const type = part.content.type?.toLowerCase();
    const subtype = part.content.subtype?.toLowerCase();
    const splittable = part.depth + 1 < MAX_DEPTH && this.count < MAX_PARTS;
    if (type === undefined) part.kind = parentDigest && splittable ? 'message' : 'leaf';
    else if (type === 'message' && (subtype === 'rfc822' || subtype === 'global') && splittable)
      part.kind = 'message';
    else if (type === 'multipart' && subtype !== '' && splittable) part.kind = 'multipart';
    if (part.kind !== 'multipart' || !hasBody) return;
    const boundary = part.content.params.find(([name]) => name.toLowerCase() === 'boundary');
    if (boundary !== undefined) {
      this.boundaries.push({ text: Buffer.from(boundary[1].slice(0, MAX_BOUNDARY), 'latin1'), owner: part });
    }
  }

  /** The first line at or after `from` that is a boundary line, with the boundary it matches. */
  private findBoundaryLine(from: number): [number, Match] | undefined {
    if (this.boundaries.length === 0) return undefined;
    const first = this.matchBoundary(from);
    if (first !== undefined) return [from, first];
    for (let at = this.raw.indexOf('\n--', from); at >= 0; at = this.raw.indexOf('\n--', at + 1)) {
      const match = this.matchBoundary(at + 1);
      if (match !== undefined) return [at + 1, match];
    }
    return undefined;
  }

  /** The boundary the line at `line` is for (the longest, newest first), ignoring `exclude`'s own. */
  private matchBoundary(line: number, exclude?: PartDraft): Match | undefined {
    const raw = this.raw;
    if (this.boundaries.length === 0 || raw[line] !== DASH || raw[line + 1] !== DASH) return undefined;
    const start = line + 2;
    const lf = raw.indexOf(LF, start);
    let size = (lf < 0 ? raw.length : lf) - start;
    if (lf >= 0) {
      if (size > 0 && raw[start + size - 1] === CR) size--;
      if (size > 2 && raw[start + size - 1] === DASH && raw[start + size - 2] === DASH) size -= 2;
    } else size = Math.min(size, MAX_BOUNDARY + 4);
    let best = -1;
    for (let i = this.boundaries.length - 1; i >= 0; i--) {
      const text = this.boundaries[i].text;
      if (text.length > size || (best >= 0 && this.boundaries[best].text.length >= text.length)) continue;
      if (raw.compare(text, 0, text.length, start, start + text.length) !== 0) continue;
      best = i;
      if (text.length === size) break;
    }
    if (best < 0 || this.boundaries[best].owner === exclude) return undefined;
    const after = start + this.boundaries[best].text.length;
    return { index: best, closing: raw[after] === DASH && raw[after + 1] === DASH };
  }

  /** Counts lines and CRLF-normalised sizes with one pass over the message. */
  private finish(root: PartDraft): MessagePart {
    const lfs: number[] = [];
    const bare: number[] = [];
    for (let at = this.raw.indexOf(LF); at >= 0; at = this.raw.indexOf(LF, at + 1)) {
      lfs.push(at);
      if (at === 0 || this.raw[at - 1] !== CR) bare.push(at);
    }
    const stack: PartDraft[] = [root];
    while (stack.length > 0) {
      const part = stack.pop()!;
      part.bodyEnd = Math.max(part.bodyEnd, part.bodyStart);
      part.bodyLines = countIn(lfs, part.bodyStart, part.bodyEnd);
      part.bodySize = part.bodyEnd - part.bodyStart + countIn(bare, part.bodyStart, part.bodyEnd);
      stack.push(...part.children);
      if (part.message !== undefined) stack.push(part.message);
    }
    return root;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function countIn(sorted: readonly number[], from: number, to: number): number {
  return lowerBound(sorted, to) - lowerBound(sorted, from);
}

/**
 * Parses a message into its part tree. Never throws; every offset lies within `raw`.
 * @param raw - the RFC 5322 bytes of one message
 * @example
 * const root = parseMessage(raw);
 * root.children[0].bodyStart; // where part 1's body begins
 */
export function parseMessage(raw: Buffer): MessagePart {
  return new MessageParser(raw).run();
}

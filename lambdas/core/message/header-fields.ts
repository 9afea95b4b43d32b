/**
 * Reads the header block of one MIME entity into header fields in RFC 8621's *Raw* form. Every search is bounded
 * by the entity and by the header-block limit, so a message of many parts is still read in linear time.
 */

import { TextDecoder } from 'node:util';
import type { HeaderField } from './types';

const LF = 0x0a;
const CR = 0x0d;
const utf8 = new TextDecoder('utf-8');
/** A line that begins `name:` (RFC 5322 ftext, with the obsolete white space before the colon). */
const HEADER_START = /^[!-9;-~]+[ \t]*:/;

/** The fields of one header block and where the entity's body starts. */
export interface HeaderBlock {
  readonly fields: HeaderField[];
  readonly bodyStart: number;
  /** Whether a limit dropped header fields. */
  readonly isTruncated: boolean;
}

/**
 * Reads the header block of the entity in `raw[start, end)`. The block ends at the first empty line. Without one,
 * the entity is all header when it starts like a header field and all body otherwise; a block longer than
 * `maxBytes` ends at the last complete line within the limit, and the rest counts as body.
 * @param maxBytes - longest header block read
 * @param maxFields - most fields kept; later fields are dropped
 * @example
 * readHeaderBlock(Buffer.from('Subject: Hi\r\n\r\nbody'), 0, 19, 65536, 100).bodyStart; // 15
 */
export function readHeaderBlock(
  raw: Buffer,
  start: number,
  end: number,
  maxBytes: number,
  maxFields: number,
): HeaderBlock {
  if (raw[start] === LF) return { fields: [], bodyStart: start + 1, isTruncated: false };
  if (raw[start] === CR && raw[start + 1] === LF)
    return { fields: [], bodyStart: start + 2, isTruncated: false };
  const windowEnd = Math.min(end, start + maxBytes);
  const window = raw.subarray(start, windowEnd);
  const lflf = window.indexOf('\n\n');
  const lfcrlf = window.indexOf('\n\r\n');
  const blank = lflf >= 0 && (lfcrlf < 0 || lflf < lfcrlf) ? lflf : lfcrlf;
  let headerEnd: number;
  let bodyStart: number;
  let isTruncated = false;
  if (blank >= 0) {
    headerEnd = start + blank + 1;
    bodyStart = headerEnd + (blank === lflf ? 1 : 2);
  } else if (!HEADER_START.test(window.subarray(0, 1000).toString('latin1'))) {
    return { fields: [], bodyStart: start, isTruncated: false };
  } else if (windowEnd === end) {
    headerEnd = end;
    bodyStart = end;
  } else {
    const lastLf = window.lastIndexOf(LF);
    headerEnd = lastLf >= 0 ? start + lastLf + 1 : windowEnd;
    bodyStart = headerEnd;
    isTruncated = true;
  }
  const parsed = parseFields(raw.subarray(start, headerEnd), maxFields);
  return { fields: parsed.fields, bodyStart, isTruncated: isTruncated || parsed.isTruncated };
}

/** Splits a header block into fields; lines that are neither a field nor a continuation are skipped. */
function parseFields(block: Buffer, maxFields: number): { fields: HeaderField[]; isTruncated: boolean } {
  const fields: HeaderField[] = [];
  let name: string | undefined;
  let valueStart = 0;
  let valueEnd = 0;
  const flush = () => {
    if (name !== undefined) fields.push({ name, value: rawValue(block.subarray(valueStart, valueEnd)) });
    name = undefined;
  };
  let position = 0;
  while (position < block.length) {
    const newline = block.indexOf(LF, position);
    const next = newline < 0 ? block.length : newline + 1;
    const contentEnd =
      newline < 0 ? block.length : newline > position && block[newline - 1] === CR ? newline - 1 : newline;
    const first = block[position];
    if (first === 0x20 || first === 0x09) {
      if (name !== undefined) valueEnd = contentEnd;
    } else {
      flush();
      if (fields.length >= maxFields) return { fields, isTruncated: true };
      const colon = block.subarray(position, contentEnd).indexOf(':');
      const fieldName = colon > 0 ? fieldNameOf(block.subarray(position, position + colon)) : undefined;
      if (fieldName !== undefined) {
        name = fieldName;
        valueStart = position + colon + 1;
        valueEnd = contentEnd;
      }
    }
    position = next;
  }
  flush();
  return { fields, isTruncated: false };
}

/** The field name before the colon (obsolete trailing white space removed), if it is printable ASCII. */
function fieldNameOf(bytes: Buffer): string | undefined {
  const name = bytes.toString('latin1').replace(/[ \t]+$/, '');
  return /^[!-9;-~]+$/.test(name) ? name : undefined;
}

/** The *Raw* form of a value: UTF-8 with U+FFFD for invalid sequences (RFC 8621 §4.1.2.1), NUL dropped. */
function rawValue(bytes: Buffer): string {
  const text = utf8.decode(bytes);
  return text.includes('\0') ? text.replace(/\0/g, '') : text;
}

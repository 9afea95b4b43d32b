/**
 * Sequence sets (RFC 9051 §9 `sequence-set`, RFC 5182 `$`): parsing, membership and the compact form used in
 * COPYUID, APPENDUID and VANISHED responses.
 */
import { ImapSyntaxError } from './tokenizer';
import type { SequenceNumber, SequenceRange, SequenceSet } from './types';

const MAX = 0xffffffff;

function parseNumber(text: string): SequenceNumber {
  if (text === '*') return '*';
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX)
    throw new ImapSyntaxError('Invalid sequence set');
  return Number(text);
}

/**
 * Parses a sequence set as the client wrote it (`1,3:5,7:*`, or `$` for the saved search result).
 *
 * @example parseSequenceSet('2:4,*') // [{ from: 2, to: 4 }, { from: '*', to: '*' }]
 * @param text - the set's characters
 * @throws ImapSyntaxError for `0`, empty ranges or members, non-digits or numbers over 32 bits
 */
export function parseSequenceSet(text: string): SequenceSet {
  if (text === '$') return '$';
  return text.split(',').map((member): SequenceRange => {
    const parts = member.split(':');
    if (parts.length > 2) throw new ImapSyntaxError('Invalid sequence set');
    const from = parseNumber(parts[0]);
    return { from, to: parts.length === 2 ? parseNumber(parts[1]) : from };
  });
}

const resolve = (value: SequenceNumber, largest: number): number => (value === '*' ? largest : value);

/**
 * Whether `value` is in the set, `*` standing for `largest` (the largest number in use).
 *
 * @example sequenceSetHas([{ from: 5, to: '*' }], 9, 9) // true
 * @param set - a parsed set (the session substitutes `$` first)
 * @param value - a sequence number or UID
 * @param largest - the number `*` stands for
 */
export function sequenceSetHas(set: readonly SequenceRange[], value: number, largest: number): boolean {
  return set.some((range) => {
    const a = resolve(range.from, largest);
    const b = resolve(range.to, largest);
    return value >= Math.min(a, b) && value <= Math.max(a, b);
  });
}

/**
 * The members of `ascending` (sequence numbers or UIDs in use, ascending) that are in the set; `*` is the last of
 * them, so `UID FETCH 10:*` still names the largest UID when it is below 10 (RFC 9051 §6.4.8). Empty when
 * `ascending` is.
 *
 * @example selectSequenceSet([{ from: 2, to: '*' }], [1, 4, 7]) // [4, 7]
 * @param set - a parsed set (the session substitutes `$` first)
 * @param ascending - the numbers in use, ascending
 */
export function selectSequenceSet(set: readonly SequenceRange[], ascending: readonly number[]): number[] {
  if (ascending.length === 0) return [];
  const largest = ascending[ascending.length - 1];
  return ascending.filter((value) => sequenceSetHas(set, value, largest));
}

/**
 * The largest explicit number in the set (ignoring `*`), e.g. to refuse sequence numbers beyond the mailbox
 * (RFC 9051 §9: a non-UID set naming a message that does not exist is invalid).
 *
 * @example sequenceSetMaxNumber([{ from: 3, to: 8 }, { from: '*', to: '*' }]) // 8
 * @param set - a parsed set
 */
export function sequenceSetMaxNumber(set: readonly SequenceRange[]): number {
  let max = 0;
  for (const range of set) {
    for (const end of [range.from, range.to]) if (end !== '*' && end > max) max = end;
  }
  return max;
}

/**
 * Writes numbers as a compact set in the order given: runs of consecutive ascending numbers become ranges. The
 * order is kept because COPYUID pairs its two sets member by member.
 *
 * @example formatSequenceSet([1, 2, 3, 5]) // '1:3,5'
 * @param numbers - the numbers (at least one)
 */
export function formatSequenceSet(numbers: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= numbers.length; i += 1) {
    if (i < numbers.length && numbers[i] === numbers[i - 1] + 1) continue;
    parts.push(i - 1 === start ? `${numbers[start]}` : `${numbers[start]}:${numbers[i - 1]}`);
    start = i;
  }
  return parts.join(',');
}

/**
 * Arguments several commands share: mailbox names, sequence sets, flags and dates (RFC 9051 §9).
 */
import { decodeMailboxName, MailboxNameError } from './mailbox-name';
import { parseSequenceSet } from './sequence-set';
import { decodeUtf8, ImapSyntaxError, isAtomChar, isListChar, type Tokenizer } from './tokenizer';
import type { SequenceSet } from './types';

/** The tokenizer of a command and whether names are UTF-8 (RFC 6855) rather than modified UTF-7. */
export interface ParseContext {
  readonly t: Tokenizer;
  readonly utf8: boolean;
}

function decodeName(bytes: Buffer, utf8: boolean): string {
  if (utf8) return decodeUtf8(bytes);
  try {
    return decodeMailboxName(bytes.toString('latin1'));
  } catch (error) {
    if (error instanceof MailboxNameError) throw new ImapSyntaxError(error.message);
    throw error;
  }
}

const normalizeInbox = (name: string): string => (name.toUpperCase() === 'INBOX' ? 'INBOX' : name);

/** A mailbox name, decoded; `INBOX` in any case is `INBOX`. */
export function mailbox({ t, utf8 }: ParseContext): string {
  return normalizeInbox(decodeName(t.astringBytes(), utf8));
}

/** A LIST/LSUB pattern (`list-mailbox`: wildcards allowed unquoted), decoded like a mailbox name. */
export function listMailbox({ t, utf8 }: ParseContext): string {
  const bytes =
    t.atLiteral() || t.peek() === 0x22
      ? t.string()
      : Buffer.from(t.word(isListChar, 'a mailbox pattern'), 'latin1');
  return normalizeInbox(decodeName(bytes, utf8));
}

const isSetChar = (byte: number): boolean => (byte >= 0x30 && byte <= 0x3a) || byte === 0x2c || byte === 0x2a;

/** A sequence set or `$`. */
export function sequenceSet(t: Tokenizer): SequenceSet {
  if (t.accept(0x24)) return '$';
  const text = t.word(isSetChar, 'a sequence set');
  if (isAtomChar(t.peek())) throw new ImapSyntaxError('Invalid sequence set');
  return parseSequenceSet(text);
}

const SYSTEM_FLAGS = new Map(
  ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '\\Recent'].map((flag) => [
    flag.toUpperCase(),
    flag,
  ]),
);

/** A flag: a system flag (canonical case), another `\` flag extension, or a keyword as written. */
export function flag(t: Tokenizer): string {
  if (t.accept(0x5c)) {
    const name = `\\${t.atom('a flag name')}`;
    return SYSTEM_FLAGS.get(name.toUpperCase()) ?? name;
  }
  return t.atom('a flag');
}

/** `(` [flag *(SP flag)] `)`. */
export function flagList(t: Tokenizer): string[] {
  const flags: string[] = [];
  t.list(() => flags.push(flag(t)), true);
  return flags;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const allDigits = (text: string): boolean => text !== '' && [...text].every((c) => c >= '0' && c <= '9');

/** `d-Mon-yyyy` (day 1 or 2 digits, or space-padded) as year, month (1-12) and day, checked against the calendar. */
export function dateParts(text: string): { year: number; month: number; day: number } {
  const [dayText, monthText, yearText, ...rest] = text.split('-');
  const day = dayText?.startsWith(' ') ? dayText.slice(1) : dayText;
  const month = MONTHS.indexOf((monthText ?? '').toUpperCase()) + 1;
  const valid = rest.length === 0 && allDigits(day ?? '') && day.length <= 2 && month > 0;
  if (!valid || yearText?.length !== 4 || !allDigits(yearText)) throw new ImapSyntaxError('Invalid date');
  const parts = { year: Number(yearText), month, day: Number(day) };
  const daysInMonth = new Date(Date.UTC(parts.year, month, 0)).getUTCDate();
  if (parts.day < 1 || parts.day > daysInMonth) throw new ImapSyntaxError('Invalid date');
  return parts;
}

/** A search date (`1-Feb-1994`, optionally quoted) as `1994-02-01`. */
export function searchDate(t: Tokenizer): string {
  const text = t.peek() === 0x22 ? t.quoted().toString('latin1') : t.atom('a date');
  const { year, month, day } = dateParts(text);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateTimeDate(text: string): ReturnType<typeof dateParts> {
  try {
    return dateParts(text);
  } catch (error) {
    if (error instanceof ImapSyntaxError) throw new ImapSyntaxError('Invalid date-time');
    throw error;
  }
}

/** APPEND's date-time (`"17-Jul-1996 02:44:25 -0700"`) as epoch milliseconds. */
export function dateTime(t: Tokenizer): number {
  const text = t.quoted().toString('latin1');
  const date = text.slice(0, text.length - 15);
  const time = text.slice(-14, -6).split(':');
  const zone = text.slice(-5);
  const { year, month, day } = dateTimeDate(date);
  const valid =
    text[text.length - 15] === ' ' &&
    text[text.length - 6] === ' ' &&
    time.length === 3 &&
    time.every((part) => part.length === 2 && allDigits(part)) &&
    (zone[0] === '+' || zone[0] === '-') &&
    allDigits(zone.slice(1));
  const [hours, minutes, seconds] = time.map(Number);
  const zoneHours = Number(zone.slice(1, 3));
  const zoneMinutes = Number(zone.slice(3));
  if (!valid || hours > 23 || minutes > 59 || seconds > 60 || zoneMinutes > 59) {
    throw new ImapSyntaxError('Invalid date-time');
  }
  const offsetMs = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds) - offsetMs;
}

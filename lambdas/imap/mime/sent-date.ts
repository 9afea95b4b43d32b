/**
 * The Date: field as an instant, for SENTBEFORE / SENTON / SENTSINCE (RFC 9051 §6.4.4). Reads RFC 5322 §3.3 dates
 * and the obsolete forms of §4.3: no day of week, no seconds, two- or three-digit years, zone names, comments.
 */
import { lastField, unfoldedValue } from './header-fields';
import type { MessagePart } from './message-part';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets of the zone names RFC 5322 §4.3 keeps, in minutes. Military zones and unknown names count as -0000. */
const ZONES: Readonly<Record<string, number>> = {
  ...{ ut: 0, gmt: 0, z: 0, edt: -240, est: -300, cdt: -300, cst: -360 },
  ...{ mdt: -360, mst: -420, pdt: -420, pst: -480 },
};

const DATE =
  /^\s*(?:[a-z]+\s*,?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*([+-]\d{4}|[a-z]+)?/i;

function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    return zone[0] === '-' ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? 0;
}

function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  return digits.length === 3 ? 1900 + year : year;
}

/**
 * Parses an RFC 5322 date-time; undefined when it is not one.
 * @param text - the field value
 * @example
 * parseRfc5322Date('Mon, 02 Nov 2026 09:14:00 +0000'); // 1793524440000
 */
export function parseRfc5322Date(text: string): number | undefined {
  let withoutComments = text;
  for (let i = 0; i < 8 && withoutComments.includes('('); i++) {
    withoutComments = withoutComments.replace(/\([^()]*\)/g, ' ');
  }
  const match = DATE.exec(withoutComments);
  if (match === null) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const values = [Number(day), Number(hour), Number(minute), Number(second ?? '0')];
  if (month < 0 || values[0] < 1 || values[0] > 31 || values[1] > 23 || values[2] > 59 || values[3] > 60) {
    return undefined;
  }
  const utc = Date.UTC(fullYear(year), month, values[0], values[1], values[2], values[3]);
  return utc - zoneMinutes(zone) * 60_000;
}

/**
 * The last Date: field of a message as epoch milliseconds; undefined when absent or unreadable.
 * @param part - the message (the root, or an embedded message)
 * @param raw - the raw message the offsets point into
 * @example
 * sentDate(parseMessage(raw), raw); // 1793524440000
 */
export function sentDate(part: MessagePart, raw: Buffer): number | undefined {
  const field = lastField(raw, part.fields, 'date');
  return field === undefined ? undefined : parseRfc5322Date(unfoldedValue(raw, field));
}

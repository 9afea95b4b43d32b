/** RFC 5322 §3.3 `date-time` values (obsolete forms of §4.3 included), read into RFC 3339 date-times. */

import { stripComments, unfold } from './field-value';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322 §4.3 obs-zone: the named zones; any other letters (military zones) mean "-0000". */
const NAMED_ZONES: Readonly<Record<string, string>> = {
  ut: '+0000',
  gmt: '+0000',
  edt: '-0400',
  est: '-0500',
  cdt: '-0500',
  cst: '-0600',
  mdt: '-0600',
  mst: '-0700',
  pdt: '-0700',
  pst: '-0800',
};
const DATE_TIME =
  /^(?:[a-z]+\s*,?\s*)?(\d{1,2})\s*([a-z]{3})[a-z]*\s*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*([+-]\d{4}|[a-z]{1,5})$/i;

/** Longer than any date-time, even with every optional space and a four-digit year. */
const MAX_DATE_LENGTH = 64;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Reads a `date-time` field value into an RFC 3339 date-time that keeps the message's own zone offset
 * (`2018-07-10T11:03:11+10:00`): `+0000` becomes `Z`, `-0000` and unknown zones become `-00:00` (RFC 3339 §4.3,
 * "local offset unknown"). Two-digit years follow RFC 5322 §4.3. Returns `null` when the value is not a valid
 * date-time: no zone, a field out of range, or a day the month does not have.
 * @example
 * parseDateTime(' Tue, 10 Jul 2018 11:03:11 +1000 (AEST)'); // '2018-07-10T11:03:11+10:00'
 */
export function parseDateTime(raw: string): string | null {
  // White space runs collapse first, so that the pattern's optional spaces cannot backtrack over a long run.
  const text = stripComments(unfold(raw)).replace(/\s+/g, ' ').trim();
  const match = text.length <= MAX_DATE_LENGTH ? DATE_TIME.exec(text) : null;
  if (!match) return null;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText, zoneText] = match;
  const month = MONTHS.indexOf(monthText.toLowerCase()) + 1;
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText.length === 3) year += 1900;
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const zone = /^[+-]/.test(zoneText) ? zoneText : (NAMED_ZONES[zoneText.toLowerCase()] ?? '-0000');
  const zoneHours = Number(zone.slice(1, 3));
  const zoneMinutes = Number(zone.slice(3, 5));
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (month === 0 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return null;
  if (zoneHours > 23 || zoneMinutes > 59) return null;
  const offset = zone === '+0000' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
}

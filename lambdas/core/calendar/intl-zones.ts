import ICAL from 'ical.js';

const TZID_PARAMETER = /;TZID=(?:"([^"]+)"|([^;:]+))/gi;
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

/**
 * Makes IANA time zones that an object names without a VTIMEZONE (RFC 7809 allows that; Python's `icalendar` writes
 * such objects) known to ical.js, with offsets from the runtime's own time zone database (Intl). A VTIMEZONE in the
 * object still wins (ical.js looks there first). TZIDs Intl does not know (Windows names without a VTIMEZONE, made-up
 * ones) stay unresolved and read as UTC.
 * @param text - iCalendar text (an object or its time skeleton)
 * @example
 * registerIntlZones(ics); // then ICAL.parse(ics)
 */
export function registerIntlZones(text: string): void {
  for (const match of text.matchAll(TZID_PARAMETER)) {
    const tzid = (match[1] ?? match[2]).trim();
    if (ICAL.TimezoneService.has(tzid) || !formatterOf(tzid)) continue;
    const zone = new ICAL.Timezone({ tzid });
    zone.utcOffset = (time: ICAL.Time) => wallClockOffsetSeconds(tzid, time);
    ICAL.TimezoneService.register(zone, tzid);
  }
}

/** The zone's UTC offset (seconds) at a local wall-clock time; in a DST gap, the offset before it. */
function wallClockOffsetSeconds(tzid: string, time: ICAL.Time): number {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const first = offsetMsAt(tzid, wall);
  const second = offsetMsAt(tzid, wall - first);
  return (first === second ? first : offsetMsAt(tzid, wall - second)) / 1000;
}

/** The zone's UTC offset (ms) at an instant. */
function offsetMsAt(tzid: string, instant: number): number {
  const parts = Object.fromEntries(
    (formatterOf(tzid) as Intl.DateTimeFormat)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(instant / 1000) * 1000;
}

function formatterOf(tzid: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(tzid)) return formatters.get(tzid);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tzid,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = undefined;
  }
  formatters.set(tzid, formatter);
  return formatter;
}

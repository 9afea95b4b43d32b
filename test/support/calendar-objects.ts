/** iCalendar and vCard texts for the calendar model's tests. */

/** A VTIMEZONE for Europe/Berlin (CET/CEST, EU rules). */
export const BERLIN_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A VCALENDAR around the given lines (components and time zones), CRLF-terminated. */
export function calendar(...lines: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailwright tests//EN',
    ...lines,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** A VEVENT's lines: UID, DTSTART and DTEND (`…Z` strings or `;TZID=…:` forms), then extra properties. */
export function vevent(uid: string, start: string, end: string, ...extra: string[]): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART${start}`,
    `DTEND${end}`,
    ...extra,
    'END:VEVENT',
  ];
}

/** A one-event calendar object from `start` to `end` (UTC date-times like `20260302T090000Z`). */
export function simpleEvent(uid: string, start: string, end: string, ...extra: string[]): string {
  return calendar(...vevent(uid, `:${start}`, `:${end}`, ...extra));
}

/** A vCard 4.0 with a UID and a formatted name. */
export function vcard(uid: string, fullName: string): string {
  return ['BEGIN:VCARD', 'VERSION:4.0', `UID:${uid}`, `FN:${fullName}`, 'END:VCARD', ''].join('\r\n');
}

/** Epoch ms of an ISO date-time. */
export function at(iso: string): number {
  return Date.parse(iso);
}

/** A VTIMEZONE for America/New_York (EST/EDT, US rules since 2007). */
export const NEW_YORK_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

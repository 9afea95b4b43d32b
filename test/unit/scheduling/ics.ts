/** Builds iCalendar text for scheduling tests: one VCALENDAR, components given as property lines. */

/** One VEVENT's lines; `UID:meeting-1` and `DTSTAMP` are added when absent. */
export function vevent(...lines: string[]): string[] {
  const has = (name: string) => lines.some((line) => line.toUpperCase().startsWith(name));
  return [
    'BEGIN:VEVENT',
    ...(has('UID') ? [] : ['UID:meeting-1']),
    ...(has('DTSTAMP') ? [] : ['DTSTAMP:20261204T120000Z']),
    ...lines,
    'END:VEVENT',
  ];
}

/** A VCALENDAR with an optional METHOD around the components. */
export function ics(method: string | undefined, ...components: string[][]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailwright tests//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...components.flat(),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** An invitation from ana@example.com to ben@example.com and the room, for 10 December 2026, 09:00–10:00 UTC. */
export function meeting(...extra: string[]): string[] {
  return vevent(
    'DTSTART:20261210T090000Z',
    'DTEND:20261210T100000Z',
    'SUMMARY:Planning',
    'ORGANIZER;CN=Ana:mailto:ana@example.com',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.com',
    'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ben@example.com',
    ...extra,
  );
}

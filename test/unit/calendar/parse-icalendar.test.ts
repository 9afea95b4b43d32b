import { parseCalendarObject } from '../../../lambdas/core/calendar/parse-icalendar';
import { calendar, simpleEvent, vevent } from '../../support/calendar-objects';

const reasonOf = (ics: string) => {
  const parsed = parseCalendarObject(ics);
  return parsed.ok ? 'accepted' : parsed.reason;
};

describe('parseCalendarObject', () => {
  it('accepts a master with overrides of one UID and tells them apart', () => {
    const parsed = parseCalendarObject(
      calendar(
        ...vevent('u', ':20260105T090000Z', ':20260105T100000Z', 'RRULE:FREQ=DAILY'),
        ...vevent('u', ':20260106T110000Z', ':20260106T120000Z', 'RECURRENCE-ID:20260106T090000Z'),
      ),
    );
    expect(
      parsed.ok && [parsed.value.uid, parsed.value.master !== undefined, parsed.value.overrides.length],
    ).toEqual(['u', true, 1]);
  });

  it('refuses unterminated and mismatched components, naming them', () => {
    expect(reasonOf('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260105T090000Z\r\n')).toBe(
      'Malformed iCalendar: VEVENT is not terminated.',
    );
    expect(reasonOf('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VTODO\r\nEND:VCALENDAR\r\n')).toBe(
      'Malformed iCalendar: VEVENT ends with END:VTODO.',
    );
    expect(reasonOf('END:VEVENT\r\n')).toBe('Malformed iCalendar: END:VEVENT without BEGIN.');
    expect(reasonOf('BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n')).toBe(
      'Malformed iCalendar: it could not be parsed.',
    );
  });

  it('refuses 10 000 attendees and accepts 1 000', () => {
    const attendees = (n: number) => Array.from({ length: n }, (_, i) => `ATTENDEE:mailto:u${i}@example.com`);
    expect(reasonOf(simpleEvent('a', '20260105T090000Z', '20260105T100000Z', ...attendees(10_000)))).toBe(
      'A component has at most 1000 attendees.',
    );
    expect(reasonOf(simpleEvent('a', '20260105T090000Z', '20260105T100000Z', ...attendees(1_000)))).toBe(
      'accepted',
    );
  });

  it('refuses FREQ=SECONDLY and FREQ=MINUTELY rules, with or without an end', () => {
    expect(reasonOf(simpleEvent('b', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=SECONDLY'))).toBe(
      'RRULE FREQ=SECONDLY is not supported.',
    );
    expect(
      reasonOf(simpleEvent('b', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=MINUTELY;COUNT=5')),
    ).toBe('RRULE FREQ=MINUTELY is not supported.');
  });

  it('refuses objects that are not one VCALENDAR of VEVENTs or VTODOs with one UID', () => {
    const event = vevent('u', ':20260105T090000Z', ':20260105T100000Z');
    expect(reasonOf(calendar(...event) + calendar(...event))).toBe(
      'A calendar object is exactly one VCALENDAR.',
    );
    expect(reasonOf(calendar())).toBe('The VCALENDAR has no VEVENT or VTODO.');
    expect(reasonOf(calendar('BEGIN:VJOURNAL', 'UID:j', 'END:VJOURNAL'))).toBe(
      'A calendar object holds VEVENTs or VTODOs of one kind (and VTIMEZONEs).',
    );
    expect(reasonOf(calendar(...event, 'BEGIN:VTODO', 'UID:u', 'END:VTODO'))).toBe(
      'A calendar object holds VEVENTs or VTODOs of one kind (and VTIMEZONEs).',
    );
    expect(
      reasonOf(
        calendar(
          ...event,
          ...vevent('v', ':20260106T090000Z', ':20260106T100000Z', 'RECURRENCE-ID:20260106T090000Z'),
        ),
      ),
    ).toBe('Every component of a calendar object has the same, non-empty UID.');
    expect(reasonOf(calendar('BEGIN:VEVENT', 'DTSTART:20260105T090000Z', 'END:VEVENT'))).toBe(
      'Every component of a calendar object has the same, non-empty UID.',
    );
    expect(reasonOf(calendar(...event, ...event))).toBe(
      'A calendar object has at most one component without RECURRENCE-ID.',
    );
  });

  it('refuses duplicate RECURRENCE-IDs and more than 1 000 overrides', () => {
    const override = (day: number) =>
      vevent(
        'u',
        `:2027${String(day).padStart(4, '0')}T090000Z`,
        `:2027${String(day).padStart(4, '0')}T100000Z`,
        `RECURRENCE-ID:2027${String(day).padStart(4, '0')}T090000Z`,
      );
    expect(reasonOf(calendar(...override(105), ...override(105)))).toBe(
      'Two components have the same RECURRENCE-ID.',
    );
    const many = Array.from({ length: 1_001 }, (_, i) =>
      vevent(
        'u',
        ':20260105T090000Z',
        ':20260105T100000Z',
        `RECURRENCE-ID:${new Date(Date.UTC(2026, 0, 5) + i * 86_400_000).toISOString().replace(/[-:]|\.000/g, '')}`,
      ),
    ).flat();
    expect(reasonOf(calendar(...many))).toBe('A calendar object has at most 1000 overridden instances.');
  });

  it('refuses a VEVENT without DTSTART, an end before the start, and malformed dates and rules', () => {
    expect(reasonOf(calendar('BEGIN:VEVENT', 'UID:u', 'END:VEVENT'))).toBe('A VEVENT needs a DTSTART.');
    expect(reasonOf(simpleEvent('u', '20260105T100000Z', '20260105T090000Z'))).toBe(
      'DTEND (or DUE) is before DTSTART.',
    );
    expect(reasonOf(calendar('BEGIN:VEVENT', 'UID:u', 'DTSTART:2026-01-05', 'END:VEVENT'))).toBe(
      'A date, duration or recurrence rule is malformed.',
    );
    expect(reasonOf(simpleEvent('u', '20260105T090000Z', '20260105T100000Z', 'RRULE:COUNT=3'))).toBe(
      'An RRULE has no valid FREQ.',
    );
  });

  it('refuses a negative DURATION and malformed DURATION, RECURRENCE-ID, RDATE or EXDATE values', () => {
    const event = (...lines: string[]) =>
      calendar('BEGIN:VEVENT', 'UID:u', 'DTSTART:20260105T090000Z', ...lines, 'END:VEVENT');
    expect(reasonOf(event('DURATION:-PT1H'))).toBe('DURATION is negative.');
    for (const line of ['DURATION:soon', 'RECURRENCE-ID:yesterday', 'RDATE:often', 'EXDATE:never'])
      expect(reasonOf(event(line))).toBe('A date, duration or recurrence rule is malformed.');
  });

  it('accepts a VTODO without any date', () => {
    expect(reasonOf(calendar('BEGIN:VTODO', 'UID:t', 'SUMMARY:Buy milk', 'END:VTODO'))).toBe('accepted');
  });
});

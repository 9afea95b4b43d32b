import ICAL from 'ical.js';
import {
  answerOf,
  eventOf,
  occurrencesBetween,
  withAnswer,
  writeEvent,
} from '../../../web/src/mail/calendar/events';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

/** A weekly Monday 09:00 Berlin meeting for 4 weeks: the second moved to 11:00, the third excluded. */
const SERIES = calendar(
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:planning',
  'DTSTAMP:20261201T000000Z',
  'DTSTART;TZID=Europe/Berlin:20261207T090000',
  'DTEND;TZID=Europe/Berlin:20261207T100000',
  'RRULE:FREQ=WEEKLY;COUNT=4',
  'EXDATE;TZID=Europe/Berlin:20261221T090000',
  'SUMMARY:Planning',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:planning',
  'DTSTAMP:20261201T000000Z',
  'RECURRENCE-ID;TZID=Europe/Berlin:20261214T090000',
  'DTSTART;TZID=Europe/Berlin:20261214T110000',
  'DTEND;TZID=Europe/Berlin:20261214T120000',
  'SUMMARY:Planning (moved)',
  'END:VEVENT',
);

const INVITATION = calendar(
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:review',
  'DTSTAMP:20261201T000000Z',
  'DTSTART:20261210T140000Z',
  'DTEND:20261210T150000Z',
  'SUMMARY:Review',
  'ORGANIZER:mailto:ana@example.com',
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.com',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ben@example.com',
  'END:VEVENT',
);

const attendeesOf = (text: string) =>
  Object.fromEntries(
    new ICAL.Component(ICAL.parse(text) as unknown[])
      .getFirstSubcomponent('vevent')!
      .getAllProperties('attendee')
      .map((each) => [each.getFirstValue(), each.getParameter('partstat')]),
  );

describe('Webmail calendar: events', () => {
  it('expands a series in its time zone, with its override moved and its excluded date left out', () => {
    const found = occurrencesBetween(
      SERIES,
      new Date('2026-12-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );

    expect(found.map((each) => [each.summary, each.start.toISOString()])).toEqual([
      ['Planning', '2026-12-07T08:00:00.000Z'],
      ['Planning (moved)', '2026-12-14T10:00:00.000Z'],
      ['Planning', '2026-12-28T08:00:00.000Z'],
    ]);
  });

  it('gives only the instances meeting the window', () => {
    const found = occurrencesBetween(
      SERIES,
      new Date('2026-12-28T00:00:00Z'),
      new Date('2027-01-04T00:00:00Z'),
    );

    expect(found.map((each) => each.start.toISOString())).toEqual(['2026-12-28T08:00:00.000Z']);
  });

  it('writes a new event with attendees: the user organizes and attends, each attendee is asked to answer', () => {
    const start = new Date('2026-12-10T14:00:00Z');
    const text = writeEvent(
      {
        summary: 'Review',
        location: 'Room 4',
        start,
        end: new Date(+start + 3_600_000),
        allDay: false,
        attendees: ['ben@example.com'],
      },
      'ana@example.com',
    );

    expect(eventOf(text)).toMatchObject({
      summary: 'Review',
      location: 'Room 4',
      organizer: 'ana@example.com',
      attendees: ['ben@example.com'],
      start,
    });
    expect(attendeesOf(text)).toEqual({
      'mailto:ana@example.com': 'ACCEPTED',
      'mailto:ben@example.com': 'NEEDS-ACTION',
    });
    expect(text).toContain('DTSTART:20261210T140000Z');
  });

  it('edits an event: answers already given are kept, SEQUENCE goes up, overrides stay', () => {
    const answered = withAnswer(INVITATION, 'ben@example.com', 'ACCEPTED')!;
    const fields = {
      ...eventOf(answered),
      summary: 'Review, moved',
      attendees: ['ben@example.com', 'cy@example.com'],
    };

    const text = writeEvent(fields, 'ana@example.com', answered);

    expect(attendeesOf(text)).toEqual({
      'mailto:ana@example.com': 'ACCEPTED',
      'mailto:ben@example.com': 'ACCEPTED',
      'mailto:cy@example.com': 'NEEDS-ACTION',
    });
    expect(text).toContain('SEQUENCE:1');
    expect(eventOf(text).summary).toBe('Review, moved');
    expect(writeEvent(eventOf(SERIES), 'ana@example.com', SERIES)).toContain(
      'RECURRENCE-ID;TZID=Europe/Berlin',
    );
  });

  it('writes an all-day event as dates, its end the day after its last day', () => {
    const day = new Date(2026, 11, 24);
    const text = writeEvent(
      {
        summary: 'Holiday',
        location: '',
        start: day,
        end: new Date(2026, 11, 25),
        allDay: true,
        attendees: [],
      },
      'ana@example.com',
    );

    expect(text).toContain('DTSTART;VALUE=DATE:20261224');
    expect(text).toContain('DTEND;VALUE=DATE:20261226');
    expect(text).not.toContain('ORGANIZER');
    expect(eventOf(text)).toMatchObject({ allDay: true, end: new Date(2026, 11, 25) });
  });

  it("answers an invitation: the user's PARTSTAT set, RSVP and METHOD gone, nobody else's changed", () => {
    const text = withAnswer(INVITATION, 'Ben@Example.com', 'TENTATIVE')!;

    expect(attendeesOf(text)).toEqual({
      'mailto:ana@example.com': 'ACCEPTED',
      'mailto:ben@example.com': 'TENTATIVE',
    });
    expect(text).not.toContain('METHOD');
    expect(text).not.toContain('RSVP');
    expect(answerOf(text, 'ben@example.com')).toBe('TENTATIVE');
    expect(answerOf(INVITATION, 'ben@example.com')).toBe('NEEDS-ACTION');
  });

  it('refuses to answer for someone who is not invited', () => {
    expect(withAnswer(INVITATION, 'eve@example.com', 'ACCEPTED')).toBeUndefined();
    expect(answerOf(INVITATION, 'eve@example.com')).toBeUndefined();
  });
});

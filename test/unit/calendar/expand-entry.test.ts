import { instancesInWindow } from '../../../lambdas/core/calendar/expand-entry';
import {
  at,
  BERLIN_TIMEZONE,
  calendar,
  NEW_YORK_TIMEZONE,
  simpleEvent,
  vevent,
} from '../../support/calendar-objects';
import { entryOf, starts } from './entries';

const HOUR = 3_600_000;

describe('instancesInWindow', () => {
  it('keeps a weekly 09:00 Europe/Berlin meeting at 09:00 local across both DST changes', () => {
    const entry = entryOf(
      calendar(
        ...BERLIN_TIMEZONE,
        ...vevent(
          'dst',
          ';TZID=Europe/Berlin:20260316T090000',
          ';TZID=Europe/Berlin:20260316T100000',
          'RRULE:FREQ=WEEKLY',
        ),
      ),
    );
    const spring = instancesInWindow(entry, {
      start: at('2026-03-16T00:00:00Z'),
      end: at('2026-04-07T00:00:00Z'),
    });
    expect(starts(spring)).toEqual([
      '2026-03-16T08:00:00Z',
      '2026-03-23T08:00:00Z',
      '2026-03-30T07:00:00Z',
      '2026-04-06T07:00:00Z',
    ]);
    const autumn = instancesInWindow(entry, {
      start: at('2026-10-19T00:00:00Z'),
      end: at('2026-11-03T00:00:00Z'),
    });
    expect(starts(autumn)).toEqual(['2026-10-19T07:00:00Z', '2026-10-26T08:00:00Z', '2026-11-02T08:00:00Z']);
    expect(autumn.every((each) => each.end - each.start === HOUR)).toBe(true);
  });

  it('reads an event in America/New_York through its VTIMEZONE', () => {
    const entry = entryOf(
      calendar(
        ...NEW_YORK_TIMEZONE,
        ...vevent('ny', ';TZID=America/New_York:20260105T090000', ';TZID=America/New_York:20260105T093000'),
      ),
    );
    const found = instancesInWindow(entry, {
      start: at('2026-01-05T00:00:00Z'),
      end: at('2026-01-06T00:00:00Z'),
    });
    expect(found).toEqual([
      {
        start: at('2026-01-05T14:00:00Z'),
        end: at('2026-01-05T14:30:00Z'),
        busyType: 'BUSY',
        instanceType: 'SINGLE_INSTANCE',
      },
    ]);
  });

  it('reads floating times and an unknown TZID without VTIMEZONE as UTC, and all-day events as UTC days', () => {
    const floating = entryOf(calendar(...vevent('f', ':20260105T090000', ':20260105T100000')));
    const unknownZone = entryOf(
      calendar(...vevent('z', ';TZID=Mars/Olympus:20260105T090000', ';TZID=Mars/Olympus:20260105T100000')),
    );
    const allDay = entryOf(calendar('BEGIN:VEVENT', 'UID:d', 'DTSTART;VALUE=DATE:20260105', 'END:VEVENT'));
    const window = { start: at('2026-01-05T00:00:00Z'), end: at('2026-01-06T00:00:00Z') };
    expect(instancesInWindow(floating, window)[0].start).toBe(at('2026-01-05T09:00:00Z'));
    expect(instancesInWindow(unknownZone, window)[0].start).toBe(at('2026-01-05T09:00:00Z'));
    expect(instancesInWindow(allDay, window)).toEqual([
      {
        start: at('2026-01-05T00:00:00Z'),
        end: at('2026-01-06T00:00:00Z'),
        busyType: 'BUSY',
        instanceType: 'SINGLE_INSTANCE',
      },
    ]);
    expect(
      instancesInWindow(allDay, { start: at('2026-01-06T00:00:00Z'), end: at('2026-01-07T00:00:00Z') }),
    ).toEqual([]);
  });

  it('reads an IANA TZID without VTIMEZONE in that zone, across DST, as Python icalendar writes it', () => {
    const entry = entryOf(
      calendar(...vevent('py', ';TZID=Asia/Tokyo:20260105T090000', ';TZID=Asia/Tokyo:20260105T100000')),
    );
    expect(entry.start).toBe(at('2026-01-05T00:00:00Z'));
    const weekly = entryOf(
      calendar(
        ...vevent(
          'py2',
          ';TZID="America/Los_Angeles":20260302T090000',
          ';TZID="America/Los_Angeles":20260302T100000',
          'RRULE:FREQ=WEEKLY;COUNT=3',
        ),
      ),
    );
    const found = instancesInWindow(weekly, {
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-03-31T00:00:00Z'),
    });
    // US DST starts on 8 March 2026: 09:00 PST is 17:00 UTC, 09:00 PDT 16:00 UTC.
    expect(starts(found)).toEqual(['2026-03-02T17:00:00Z', '2026-03-09T16:00:00Z', '2026-03-16T16:00:00Z']);
    expect(found.every((each) => each.end - each.start === HOUR)).toBe(true);
  });

  it('expands a multi-day all-day series day by day', () => {
    const entry = entryOf(
      calendar(
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART;VALUE=DATE:20260105',
        'DTEND;VALUE=DATE:20260107',
        'RRULE:FREQ=MONTHLY;COUNT=3',
        'END:VEVENT',
      ),
    );
    const found = instancesInWindow(entry, {
      start: at('2026-01-01T00:00:00Z'),
      end: at('2026-04-01T00:00:00Z'),
    });
    expect(starts(found)).toEqual(['2026-01-05T00:00:00Z', '2026-02-05T00:00:00Z', '2026-03-05T00:00:00Z']);
    expect(found.every((each) => each.end - each.start === 48 * HOUR)).toBe(true);
  });

  it('ends a series at its UNTIL and after its COUNT', () => {
    const window = { start: at('2026-01-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') };
    const until = entryOf(
      simpleEvent('u', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=DAILY;UNTIL=20260108T090000Z'),
    );
    const count = entryOf(
      simpleEvent('c', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=2'),
    );
    expect(starts(instancesInWindow(until, window))).toEqual([
      '2026-01-05T09:00:00Z',
      '2026-01-06T09:00:00Z',
      '2026-01-07T09:00:00Z',
      '2026-01-08T09:00:00Z',
    ]);
    expect(starts(instancesInWindow(count, window))).toEqual([
      '2026-01-05T09:00:00Z',
      '2026-01-12T09:00:00Z',
    ]);
  });

  it('adds RDATE instances and leaves out EXDATE ones', () => {
    const entry = entryOf(
      simpleEvent(
        'r',
        '20260105T090000Z',
        '20260105T100000Z',
        'RRULE:FREQ=DAILY;COUNT=3',
        'EXDATE:20260106T090000Z',
        'RDATE:20260120T150000Z',
      ),
    );
    const found = instancesInWindow(entry, {
      start: at('2026-01-01T00:00:00Z'),
      end: at('2026-02-01T00:00:00Z'),
    });
    expect(starts(found)).toEqual(['2026-01-05T09:00:00Z', '2026-01-07T09:00:00Z', '2026-01-20T15:00:00Z']);
  });

  it('counts DTSTART as the first instance of an RDATE-only event, and a PERIOD RDATE by its start', () => {
    const entry = entryOf(
      simpleEvent(
        'rd',
        '20260105T090000Z',
        '20260105T100000Z',
        'RDATE:20260107T090000Z',
        'RDATE;VALUE=PERIOD:20260110T090000Z/PT2H',
      ),
    );
    const found = instancesInWindow(entry, {
      start: at('2026-01-01T00:00:00Z'),
      end: at('2026-02-01T00:00:00Z'),
    });
    expect(starts(found)).toEqual(['2026-01-05T09:00:00Z', '2026-01-07T09:00:00Z', '2026-01-10T09:00:00Z']);
    expect(entry.end).toBe(at('2026-01-10T10:00:00Z'));
  });

  it('moves an overridden instance out of the window and another one into it, each with its own busy type', () => {
    const entry = entryOf(
      calendar(
        ...vevent('o', ':20260105T090000Z', ':20260105T100000Z', 'RRULE:FREQ=DAILY;COUNT=5'),
        ...vevent('o', ':20260201T090000Z', ':20260201T100000Z', 'RECURRENCE-ID:20260106T090000Z'),
        ...vevent(
          'o',
          ':20260107T180000Z',
          ':20260107T190000Z',
          'RECURRENCE-ID:20260109T090000Z',
          'X-MICROSOFT-CDO-BUSYSTATUS:OOF',
        ),
      ),
    );
    const found = instancesInWindow(entry, {
      start: at('2026-01-05T00:00:00Z'),
      end: at('2026-01-09T00:00:00Z'),
    });
    expect(
      found
        .map(({ start, busyType, instanceType }) => [new Date(start).toISOString(), busyType, instanceType])
        .sort(),
    ).toEqual([
      ['2026-01-05T09:00:00.000Z', 'BUSY', 'RECURRING_INSTANCE'],
      ['2026-01-07T09:00:00.000Z', 'BUSY', 'RECURRING_INSTANCE'],
      ['2026-01-07T18:00:00.000Z', 'OOF', 'EXCEPTION'],
      ['2026-01-08T09:00:00.000Z', 'BUSY', 'RECURRING_INSTANCE'],
    ]);
    const february = instancesInWindow(entry, {
      start: at('2026-02-01T00:00:00Z'),
      end: at('2026-02-02T00:00:00Z'),
    });
    expect(february.map((each) => each.instanceType)).toEqual(['EXCEPTION']);
  });

  it('bounds an endless hourly series: never past the window end, at most 10 000 instances per query', () => {
    const entry = entryOf(simpleEvent('h', '20260105T090000Z', '20260105T093000Z', 'RRULE:FREQ=HOURLY'));
    const day = instancesInWindow(entry, {
      start: at('2026-01-06T00:00:00Z'),
      end: at('2026-01-07T00:00:00Z'),
    });
    expect(day).toHaveLength(24);
    const years = instancesInWindow(entry, {
      start: at('2026-01-01T00:00:00Z'),
      end: at('2030-01-01T00:00:00Z'),
    });
    expect(years).toHaveLength(10_000);
    expect(years[years.length - 1].start).toBe(at('2026-01-05T09:00:00Z') + 9_999 * HOUR);
  });

  it('lets an instance only touching the window edge out, and keeps a zero-length one inside', () => {
    const window = { start: at('2026-01-05T10:00:00Z'), end: at('2026-01-05T11:00:00Z') };
    expect(
      instancesInWindow(entryOf(simpleEvent('b', '20260105T090000Z', '20260105T100000Z')), window),
    ).toEqual([]);
    expect(
      instancesInWindow(entryOf(simpleEvent('a', '20260105T110000Z', '20260105T120000Z')), window),
    ).toEqual([]);
    expect(
      instancesInWindow(entryOf(simpleEvent('z', '20260105T100000Z', '20260105T100000Z')), window),
    ).toHaveLength(1);
  });
});

describe('recurrence bombs', () => {
  it('refuses at write time a DAILY or HOURLY rule whose BY parts never match (ical.js would loop forever)', () => {
    for (const rule of [
      'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'RRULE:FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31;COUNT=3',
    ])
      expect(() => entryOf(simpleEvent('x', '20260105T090000Z', '20260105T100000Z', rule))).toThrow(
        'refused: An RRULE matches too rarely (or never) to be expanded.',
      );
  });

  it('refuses a rule ical.js cannot expand (BYMONTHDAY in a WEEKLY rule)', () => {
    expect(() =>
      entryOf(simpleEvent('x', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=WEEKLY;BYMONTHDAY=5')),
    ).toThrow('refused: An RRULE is not valid (RFC 5545 §3.3.10).');
  });

  it('expands a rare but possible rule (29 February) without running away', () => {
    const entry = entryOf(
      simpleEvent('leap', '20240229T090000Z', '20240229T100000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29'),
    );
    const found = instancesInWindow(entry, {
      start: at('2027-01-01T00:00:00Z'),
      end: at('2033-01-01T00:00:00Z'),
    });
    expect(starts(found)).toEqual(['2028-02-29T09:00:00Z', '2032-02-29T09:00:00Z']);
  });
});

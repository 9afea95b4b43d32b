import { at, BERLIN_TIMEZONE, calendar, simpleEvent, vevent } from '../../support/calendar-objects';
import { entryOf } from './entries';

const OPEN = 9_999_999_999_999;

describe('plannedEntry', () => {
  it('indexes an event of up to 7 days by its start, a longer one among the long entries', () => {
    const week = entryOf(simpleEvent('w', '20260105T000000Z', '20260112T000000Z'));
    const longer = entryOf(simpleEvent('l', '20260105T000000Z', '20260112T000001Z'));
    expect([week.long, week.start, week.end, week.rules]).toEqual([
      false,
      at('2026-01-05T00:00:00Z'),
      at('2026-01-12T00:00:00Z'),
      undefined,
    ]);
    expect(longer.long).toBe(true);
  });

  it('bounds a series by its first start and the end of its last instance (COUNT), or leaves it open', () => {
    const counted = entryOf(
      simpleEvent('c', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3'),
    );
    expect([counted.long, counted.start, counted.end]).toEqual([
      true,
      at('2026-01-05T09:00:00Z'),
      at('2026-01-19T10:00:00Z'),
    ]);
    const endless = entryOf(simpleEvent('e', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=YEARLY'));
    expect(endless.end).toBe(OPEN);
  });

  it('bounds a series with UNTIL no earlier than its last instance, and one with RDATEs by the latest', () => {
    const until = entryOf(
      simpleEvent('u', '20260105T090000Z', '20260105T100000Z', 'RRULE:FREQ=DAILY;UNTIL=20260110T090000Z'),
    );
    expect(until.end).toBeGreaterThanOrEqual(at('2026-01-10T10:00:00Z'));
    expect(until.end).toBeLessThan(at('2026-01-14T00:00:00Z'));
    const rdates = entryOf(
      simpleEvent('r', '20260105T090000Z', '20260105T100000Z', 'RDATE:20260301T090000Z,20260201T090000Z'),
    );
    expect(rdates.end).toBe(at('2026-03-01T10:00:00Z'));
  });

  it('extends the bounds to an override moved before the first or after the last instance', () => {
    const entry = entryOf(
      calendar(
        ...vevent('o', ':20260105T090000Z', ':20260105T100000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
        ...vevent('o', ':20260301T090000Z', ':20260301T100000Z', 'RECURRENCE-ID:20260106T090000Z'),
        ...vevent('o', ':20260101T090000Z', ':20260101T100000Z', 'RECURRENCE-ID:20260105T090000Z'),
      ),
    );
    expect([entry.start, entry.end]).toEqual([at('2026-01-01T09:00:00Z'), at('2026-03-01T10:00:00Z')]);
  });

  it('keeps only times and free/busy facts in the skeleton: no summary, location, attendee or alarm', () => {
    const entry = entryOf(
      calendar(
        ...BERLIN_TIMEZONE.slice(0, -1),
        'X-ZONE-NOTE:Secret zone note',
        'END:VTIMEZONE',
        ...vevent(
          's',
          ';TZID=Europe/Berlin:20260105T090000',
          ';TZID=Europe/Berlin:20260105T100000',
          'RRULE:FREQ=WEEKLY',
          'EXDATE;TZID=Europe/Berlin:20260112T090000',
          'SUMMARY:Secret plans',
          'LOCATION:Vault',
          'DESCRIPTION:Do not tell',
          'ORGANIZER:mailto:boss@example.com',
          'ATTENDEE:mailto:carol@example.com',
          'TRANSP:OPAQUE',
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'DESCRIPTION:Alarm text',
          'TRIGGER:-PT15M',
          'END:VALARM',
        ),
      ),
    );
    for (const kept of [
      'TZID:Europe/Berlin',
      'RRULE:FREQ=WEEKLY',
      'EXDATE;TZID=Europe/Berlin:20260112T090000',
      'TRANSP:OPAQUE',
    ])
      expect(entry.rules).toContain(kept);
    expect(entry.rules).toContain('TZOFFSETTO:+0200');
    for (const dropped of ['Secret', 'Vault', 'Do not tell', 'example.com', 'VALARM', 'Alarm text'])
      expect(entry.rules).not.toContain(dropped);
  });

  it('indexes a to-do without dates as always meeting, never busy', () => {
    const entry = entryOf(calendar('BEGIN:VTODO', 'UID:t', 'END:VTODO'));
    expect([entry.long, entry.start, entry.end, entry.busyType]).toEqual([true, 0, OPEN, 'FREE']);
  });
});

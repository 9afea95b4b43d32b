import { busyOf, objectsMeeting } from '../../../lambdas/core/calendar/window-queries';
import { at, simpleEvent } from '../../support/calendar-objects';
import { entryOf } from './entries';

const march = { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-09T00:00:00Z') };

describe('window queries', () => {
  it('expands a recent series even behind many ancient ones that exhaust the shared expansion budget', () => {
    const ancient = Array.from({ length: 11 }, (_, i) =>
      entryOf(
        simpleEvent(`old-${i}`, '19500101T090000Z', '19500101T100000Z', 'RRULE:FREQ=DAILY'),
        `old-${i}.ics`,
      ),
    );
    const recent = entryOf(
      simpleEvent('recent', '20260105T120000Z', '20260105T130000Z', 'RRULE:FREQ=WEEKLY'),
      'recent.ics',
    );
    const busy = busyOf([...ancient, recent], march);
    expect(busy.filter((each) => each.name === 'recent.ics').map((each) => each.start)).toEqual([
      at('2026-03-02T12:00:00Z'),
    ]);
    expect(objectsMeeting([...ancient, recent], 'calendar', march).map((each) => each.name)).toContain(
      'recent.ics',
    );
  });

  it('sorts busy periods by start and leaves out free and zero-length instances', () => {
    const entries = [
      entryOf(simpleEvent('b', '20260304T090000Z', '20260304T100000Z'), 'b.ics'),
      entryOf(simpleEvent('a', '20260303T090000Z', '20260303T100000Z'), 'a.ics'),
      entryOf(simpleEvent('f', '20260303T110000Z', '20260303T120000Z', 'TRANSP:TRANSPARENT'), 'f.ics'),
      entryOf(simpleEvent('z', '20260303T130000Z', '20260303T130000Z'), 'z.ics'),
    ];
    expect(busyOf(entries, march).map((each) => each.name)).toEqual(['a.ics', 'b.ics']);
    expect(objectsMeeting(entries, 'calendar', march).map((each) => each.name)).toEqual([
      'a.ics',
      'b.ics',
      'f.ics',
      'z.ics',
    ]);
  });
});

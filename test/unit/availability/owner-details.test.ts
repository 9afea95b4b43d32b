import { ownerBusyWithDetails } from '../../../lambdas/core/availability/owner-details';
import type { CalendarModel } from '../../../lambdas/core/calendar/calendar-model';
import type { BusyPeriod } from '../../../lambdas/core/calendar/types';

const owner = { organizationId: 'm-0123456789abcdef0123456789abcdef', mailboxId: 'u-1' };
const period = (collectionId: string, name: string): BusyPeriod => ({
  start: 1,
  end: 2,
  busyType: 'BUSY',
  collectionId,
  name,
  uid: name,
  instanceType: 'EXCEPTION',
});
const ics = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (...lines: string[]) => [
  'BEGIN:VEVENT',
  'UID:x',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260301T090000Z',
  'DTEND:20260301T100000Z',
  ...lines,
  'END:VEVENT',
];

function calendars(
  objects: Record<string, string>,
  refused: string[] = [],
): Pick<CalendarModel, 'getObjects'> {
  return {
    getObjects: async (_, collectionId, names) =>
      refused.includes(collectionId)
        ? { ok: false, refusal: { type: 'notFound' } as never }
        : {
            ok: true,
            value: names
              .filter((name) => objects[`${collectionId}/${name}`] !== undefined)
              .map((name) => ({ name, content: objects[`${collectionId}/${name}`] }) as never),
          },
  };
}

describe('ownerBusyWithDetails', () => {
  it('reads subject, location, attendees and privacy; an override-only object gives its own', async () => {
    const busy = await ownerBusyWithDetails(
      calendars({
        'work/meeting.ics': ics(...vevent('SUMMARY:Review', 'ATTENDEE:mailto:a@example.com', 'CLASS:PUBLIC')),
        'work/moved.ics': ics(...vevent('RECURRENCE-ID:20260301T090000Z', 'LOCATION:Hall')),
      }),
      owner,
      [period('work', 'meeting.ics'), period('work', 'moved.ics')],
    );
    expect(busy.map((interval) => interval.details)).toEqual([
      {
        subject: 'Review',
        location: '',
        instanceType: 'EXCEPTION',
        isMeeting: true,
        isReminderSet: false,
        isPrivate: false,
      },
      {
        subject: '',
        location: 'Hall',
        instanceType: 'EXCEPTION',
        isMeeting: false,
        isReminderSet: false,
        isPrivate: false,
      },
    ]);
  });

  it('keeps no details for a period whose calendar, object or content cannot be read', async () => {
    const busy = await ownerBusyWithDetails(
      calendars({ 'work/broken.ics': 'BEGIN:VCALENDAR\r\nnot ical' }, ['gone']),
      owner,
      [period('gone', 'a.ics'), period('work', 'missing.ics'), period('work', 'broken.ics')],
    );
    expect(busy).toEqual([
      { start: 1, end: 2, busyType: 'BUSY' },
      { start: 1, end: 2, busyType: 'BUSY' },
      { start: 1, end: 2, busyType: 'BUSY' },
    ]);
  });
});

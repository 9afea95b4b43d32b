import type { CalendarModel } from '../calendar/calendar-model';
import { parseCalendarObject } from '../calendar/parse-icalendar';
import type { BusyPeriod, MailboxRef } from '../calendar/types';
import type { BusyDetails, BusyInterval } from './types';

/**
 * A mailbox owner's own busy periods with their details (subject, location, meeting, reminder, privacy), read from
 * the events themselves: only the objects the periods name are opened, one read per calendar. A period whose
 * object cannot be read keeps no details.
 * @example
 * const busy = await ownerBusyWithDetails(calendars, owner, periods);
 */
export async function ownerBusyWithDetails(
  calendars: Pick<CalendarModel, 'getObjects'>,
  owner: MailboxRef,
  periods: readonly BusyPeriod[],
): Promise<BusyInterval[]> {
  const namesByCollection = new Map<string, Set<string>>();
  for (const period of periods) {
    const names = namesByCollection.get(period.collectionId) ?? new Set<string>();
    namesByCollection.set(period.collectionId, names.add(period.name));
  }
  const details = new Map<string, Omit<BusyDetails, 'instanceType'>>();
  await Promise.all(
    [...namesByCollection].map(async ([collectionId, names]) => {
      const read = await calendars.getObjects(owner, collectionId, [...names]);
      if (!read.ok) return;
      for (const object of read.value) {
        const found = detailsOf(object.content);
        if (found) details.set(`${collectionId}/${object.name}`, found);
      }
    }),
  );
  return periods.map((period) => {
    const found = details.get(`${period.collectionId}/${period.name}`);
    const interval = { start: period.start, end: period.end, busyType: period.busyType };
    return found ? { ...interval, details: { ...found, instanceType: period.instanceType } } : interval;
  });
}

function detailsOf(content: string): Omit<BusyDetails, 'instanceType'> | undefined {
  const parsed = parseCalendarObject(content);
  if (!parsed.ok) return undefined;
  // A parsed object has a master, or overrides only (an invitation to single instances).
  const event = parsed.value.master ?? parsed.value.overrides[0]!;
  const text = (name: string) => {
    const value: unknown = event.getFirstPropertyValue(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    subject: text('summary'),
    location: text('location'),
    isMeeting: event.getAllProperties('attendee').length > 0,
    isReminderSet: event.getAllSubcomponents('valarm').length > 0,
    isPrivate: ['PRIVATE', 'CONFIDENTIAL'].includes(text('class').toUpperCase()),
  };
}

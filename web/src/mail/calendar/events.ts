import ICAL from 'ical.js';
import { addDays } from './dates';

type Component = InstanceType<typeof ICAL.Component>;

/** Instances expanded per recurring event and page at most (a daily series over a month is 31). */
const MAX_INSTANCES = 1000;

/** One instance of an event on the calendar. */
export interface Occurrence {
  readonly uid: string;
  readonly summary: string;
  readonly location?: string;
  readonly start: Date;
  readonly end: Date;
  readonly allDay: boolean;
  readonly cancelled: boolean;
}

/** What the event form edits. For an all-day event, `end` is the last day (inclusive). */
export interface EventFields {
  readonly summary: string;
  readonly location: string;
  readonly start: Date;
  readonly end: Date;
  readonly allDay: boolean;
  /** Invited addresses, the organizer left out. */
  readonly attendees: readonly string[];
}

/** The iCalendar text as a component, its time zones known to ical.js so times convert correctly. */
export function parseCalendar(data: string): Component {
  const root = new ICAL.Component(ICAL.parse(data) as unknown[]);
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return root;
}

const address = (value: unknown) =>
  String(value ?? '')
    .replace(/^mailto:/i, '')
    .toLowerCase();

/** The series (or single event) of a calendar: its VEVENTs without RECURRENCE-ID, or lone overrides. */
function mainEvents(root: Component): Component[] {
  const events = root.getAllSubcomponents('vevent');
  const masters = events.filter((event) => !event.hasProperty('recurrence-id'));
  return masters.length > 0 ? masters : events;
}

/**
 * The instances of the calendar's events meeting `[start, end)`, recurrences expanded with ical.js (overrides
 * replace the instances they name, EXDATEs remove them).
 * @example
 * occurrencesBetween(text, monday, nextMonday); // [{ summary: 'Standup', start: …, … }]
 */
export function occurrencesBetween(data: string, start: Date, end: Date): Occurrence[] {
  const found: Occurrence[] = [];
  for (const component of mainEvents(parseCalendar(data))) {
    const event = new ICAL.Event(component);
    const meets = (from: Date, to: Date) => from < end && (to > start || (+to === +from && from >= start));
    const add = (
      item: InstanceType<typeof ICAL.Event>,
      from: InstanceType<typeof ICAL.Time>,
      to: InstanceType<typeof ICAL.Time>,
    ) => {
      const [first, last] = [from.toJSDate(), to.toJSDate()];
      if (!meets(first, last)) return;
      const location = item.location;
      found.push({
        uid: item.uid,
        summary: item.summary || '(no title)',
        ...(location ? { location } : {}),
        start: first,
        end: last,
        allDay: from.isDate,
        cancelled: String(item.component.getFirstPropertyValue('status')).toUpperCase() === 'CANCELLED',
      });
    };
    if (!event.isRecurring()) {
      add(event, event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    let inWindow = 0;
    for (
      let next = iterator.next();
      next && next.toJSDate() < end && inWindow < MAX_INSTANCES;
      next = iterator.next()
    ) {
      const details = event.getOccurrenceDetails(next);
      if (
        details.endDate.toJSDate() <= start &&
        +details.endDate.toJSDate() !== +details.startDate.toJSDate()
      )
        continue;
      inWindow += 1;
      add(details.item, details.startDate, details.endDate);
    }
  }
  return found.sort((a, b) => +a.start - +b.start);
}

/** The UID, organizer and fields of a calendar's (first) event, for the form. */
export function eventOf(data: string): EventFields & { uid: string; organizer?: string } {
  const event = new ICAL.Event(mainEvents(parseCalendar(data))[0]);
  const organizer = event.organizer ? address(event.organizer) : undefined;
  const allDay = event.startDate.isDate;
  return {
    uid: event.uid,
    ...(organizer ? { organizer } : {}),
    summary: event.summary ?? '',
    location: event.location ?? '',
    start: event.startDate.toJSDate(),
    end: allDay ? addDays(event.endDate.toJSDate(), -1) : event.endDate.toJSDate(),
    allDay,
    attendees: event.attendees
      .map((attendee) => address(attendee.getFirstValue()))
      .filter((each) => each !== organizer),
  };
}

const icalTime = (date: Date, allDay: boolean) =>
  allDay
    ? ICAL.Time.fromData({
        year: date.getFullYear(),
        month: date.getMonth() + 1,
        day: date.getDate(),
        isDate: true,
      })
    : ICAL.Time.fromJSDate(date, true);

/**
 * The iCalendar text of a new event (`previous` undefined) or of `previous` with the form's fields (its series,
 * overrides and other properties kept, SEQUENCE increased). With attendees, the user is the ORGANIZER and attends
 * (ACCEPTED); a new attendee is asked to answer (NEEDS-ACTION, RSVP), one already invited keeps their answer.
 * @param organizer - the user's address
 * @example
 * const text = writeEvent({ summary: 'Review', start, end, allDay: false, location: '', attendees: ['ben@x.org'] }, 'ana@x.org');
 */
export function writeEvent(fields: EventFields, organizer: string, previous?: string): string {
  const root = previous
    ? parseCalendar(previous)
    : new ICAL.Component([
        'vcalendar',
        [
          ['version', {}, 'text', '2.0'],
          ['prodid', {}, 'text', '-//Mailwright//Webmail//EN'],
        ],
        [],
      ]);
  let component = previous ? mainEvents(root)[0]! : undefined;
  if (!component) {
    component = new ICAL.Component('vevent');
    component.addPropertyWithValue('uid', crypto.randomUUID());
    root.addSubcomponent(component);
  } else {
    component.updatePropertyWithValue(
      'sequence',
      Number(component.getFirstPropertyValue('sequence') ?? 0) + 1,
    );
  }
  component.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  component.updatePropertyWithValue('summary', fields.summary);
  if (fields.location) component.updatePropertyWithValue('location', fields.location);
  else component.removeAllProperties('location');
  component.removeAllProperties('duration');
  component.updatePropertyWithValue('dtstart', icalTime(fields.start, fields.allDay));
  component.updatePropertyWithValue(
    'dtend',
    icalTime(fields.allDay ? addDays(fields.end, 1) : fields.end, fields.allDay),
  );
  setAttendees(component, fields.attendees, organizer);
  return root.toString();
}

function setAttendees(component: Component, invited: readonly string[], user: string): void {
  const previous = new Map(
    component.getAllProperties('attendee').map((p) => [address(p.getFirstValue()), p]),
  );
  const organizer = component.hasProperty('organizer')
    ? address(component.getFirstPropertyValue('organizer'))
    : user;
  component.removeAllProperties('attendee');
  if (invited.length === 0) {
    component.removeAllProperties('organizer');
    return;
  }
  component.updatePropertyWithValue('organizer', `mailto:${organizer}`);
  for (const each of [organizer, ...invited.filter((one) => one !== organizer)]) {
    const kept = previous.get(each);
    if (kept) {
      component.addProperty(kept);
      continue;
    }
    const attendee = new ICAL.Property('attendee');
    attendee.setValue(`mailto:${each}`);
    attendee.setParameter('partstat', each === organizer ? 'ACCEPTED' : 'NEEDS-ACTION');
    if (each !== organizer) attendee.setParameter('rsvp', 'TRUE');
    component.addProperty(attendee);
  }
}

/** An attendee's answer (RFC 5545 PARTSTAT) to an invitation. */
export type Answer = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

/** The user's PARTSTAT in the calendar's (first) event; undefined when they are not invited. */
export function answerOf(data: string, user: string): string | undefined {
  const attendee = mainEvents(parseCalendar(data))[0]
    ?.getAllProperties('attendee')
    .find((each) => address(each.getFirstValue()) === user.toLowerCase());
  return attendee ? String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase() : undefined;
}

/**
 * The calendar with the user's PARTSTAT set to `answer` in every component naming them (RSVP answered), and
 * without METHOD (what a calendar stores); undefined when the user is not invited.
 * @example
 * withAnswer(invitation, 'ben@example.com', 'ACCEPTED');
 */
export function withAnswer(data: string, user: string, answer: Answer): string | undefined {
  const root = parseCalendar(data);
  root.removeAllProperties('method');
  let invited = false;
  for (const event of root.getAllSubcomponents('vevent')) {
    for (const attendee of event.getAllProperties('attendee')) {
      if (address(attendee.getFirstValue()) !== user.toLowerCase()) continue;
      attendee.setParameter('partstat', answer);
      attendee.removeParameter('rsvp');
      invited = true;
    }
  }
  return invited ? root.toString() : undefined;
}

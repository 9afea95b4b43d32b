import ICAL from 'ical.js';

/**
 * Reading iTIP messages (RFC 5546) and stored scheduling objects with ical.js: the scheduling components of a
 * calendar, their UID, SEQUENCE, DTSTAMP, RECURRENCE-ID, ORGANIZER and ATTENDEEs, calendar user addresses as
 * lower-case e-mail addresses.
 */

/** The iTIP methods (RFC 5546 §1.4). */
export type ItipMethod =
  'PUBLISH' | 'REQUEST' | 'REPLY' | 'ADD' | 'CANCEL' | 'REFRESH' | 'COUNTER' | 'DECLINECOUNTER';

const METHODS = new Set<string>([
  'PUBLISH',
  'REQUEST',
  'REPLY',
  'ADD',
  'CANCEL',
  'REFRESH',
  'COUNTER',
  'DECLINECOUNTER',
]);

/** Bounds on what scheduling reads: beyond them a message is refused (the mail itself stays delivered). */
export const ITIP_LIMITS = {
  /** Characters of iCalendar text. */
  maxChars: 1024 * 1024,
  /** Scheduling components (a master and its overrides) of one object. */
  maxComponents: 500,
  /** ATTENDEE properties of one component. */
  maxAttendees: 1000,
};

/** Component types that carry scheduling (events and tasks). */
const SCHEDULED = ['vevent', 'vtodo'];

/** One ATTENDEE of a component. */
export interface Attendee {
  /** Lower-case e-mail address (the `mailto:` value). */
  readonly address: string;
  /** PARTSTAT, upper case; NEEDS-ACTION when absent (RFC 5545 §3.2.12). */
  readonly partstat: string;
  /** SENT-BY as an address, when set. */
  readonly sentBy?: string;
  /** SCHEDULE-AGENT (RFC 6638 §7.1), upper case; SERVER when absent. */
  readonly scheduleAgent: string;
}

/** A parsed iTIP message: its method and the scheduling object it carries. */
export interface ItipMessage {
  readonly method: ItipMethod;
  readonly object: SchedulingObject;
}

/** A calendar object with one UID: a master component and overrides (by RECURRENCE-ID). */
export interface SchedulingObject {
  readonly calendar: ICAL.Component;
  readonly uid: string;
  /** The highest SEQUENCE of its components (0 when absent). */
  readonly sequence: number;
  /** The latest DTSTAMP of its components, epoch ms (0 when absent). */
  readonly dtstamp: number;
  readonly organizer?: Attendee;
  /** The master has an RRULE or RDATE. */
  readonly isRecurring: boolean;
}

/** A parse result or why the text was refused (never echoing content). */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * Parses an iMIP text/calendar part into an iTIP message: one VCALENDAR with a known METHOD and scheduling
 * components sharing one UID, within {@link ITIP_LIMITS}.
 * @param text - the decoded text/calendar body
 * @example
 * const parsed = parseItip(body); if (parsed.ok) parsed.value.method; // 'REQUEST'
 */
export function parseItip(text: string): Parsed<ItipMessage> {
  const object = parseSchedulingObject(text);
  if (!object.ok) return object;
  const method = String(object.value.calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (!METHODS.has(method)) return { ok: false, reason: 'no known METHOD' };
  return { ok: true, value: { method: method as ItipMethod, object: object.value } };
}

/**
 * Parses iCalendar text holding one scheduling object (a stored event, or the object of an iTIP message).
 * @example
 * parseSchedulingObject(stored.content).ok; // true
 */
export function parseSchedulingObject(text: string): Parsed<SchedulingObject> {
  if (text.length > ITIP_LIMITS.maxChars) return { ok: false, reason: 'too large' };
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch {
    return { ok: false, reason: 'not valid iCalendar' };
  }
  // Several top-level components parse to a list of them.
  if (!Array.isArray(jcal) || typeof jcal[0] !== 'string') return { ok: false, reason: 'not one VCALENDAR' };
  const calendar = new ICAL.Component(jcal);
  if (calendar.name !== 'vcalendar') return { ok: false, reason: 'not a VCALENDAR' };
  const components = schedulingComponents(calendar);
  if (components.length === 0) return { ok: false, reason: 'no VEVENT or VTODO' };
  if (components.length > ITIP_LIMITS.maxComponents) return { ok: false, reason: 'too many components' };
  const uids = new Set(components.map((component) => component.getFirstPropertyValue('uid')));
  const uid = [...uids][0];
  if (uids.size !== 1 || typeof uid !== 'string' || uid === '') return { ok: false, reason: 'not one UID' };
  if (
    components.some((component) => component.getAllProperties('attendee').length > ITIP_LIMITS.maxAttendees)
  )
    return { ok: false, reason: 'too many attendees' };
  const master = masterOf(calendar);
  const organizerProperty = components[0]!.getFirstProperty('organizer');
  return {
    ok: true,
    value: {
      calendar,
      uid,
      sequence: Math.max(...components.map(sequenceOf)),
      dtstamp: Math.max(...components.map(dtstampOf)),
      ...(organizerProperty ? { organizer: asAttendee(organizerProperty) } : {}),
      isRecurring: master !== undefined && (master.hasProperty('rrule') || master.hasProperty('rdate')),
    },
  };
}

/**
 * The VEVENT and VTODO components of a calendar.
 * @example
 * schedulingComponents(object.calendar).length; // 1 for a single event
 */
export function schedulingComponents(calendar: ICAL.Component): ICAL.Component[] {
  return SCHEDULED.flatMap((name) => calendar.getAllSubcomponents(name));
}

/**
 * The component without RECURRENCE-ID, if any.
 * @example
 * masterOf(object.calendar)?.hasProperty('rrule');
 */
export function masterOf(calendar: ICAL.Component): ICAL.Component | undefined {
  return schedulingComponents(calendar).find((component) => !component.hasProperty('recurrence-id'));
}

/**
 * The component of `recurrenceId` (the master for `undefined`).
 * @example
 * instanceOf(calendar, '2026-12-11T09:00:00Z'); // the override of that instance, if any
 */
export function instanceOf(
  calendar: ICAL.Component,
  recurrenceId: string | undefined,
): ICAL.Component | undefined {
  return schedulingComponents(calendar).find((component) => recurrenceIdOf(component) === recurrenceId);
}

/**
 * A component's RECURRENCE-ID as comparable text (UTC when it has a zone), or `undefined` for a master.
 * @example
 * recurrenceIdOf(override); // '2026-12-11T09:00:00Z'
 */
export function recurrenceIdOf(component: ICAL.Component): string | undefined {
  const value = component.getFirstPropertyValue('recurrence-id');
  if (!(value instanceof ICAL.Time)) return undefined;
  return value.isDate ? value.toString() : value.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

/**
 * The ATTENDEEs of a component (addresses that are not e-mail addresses left out).
 * @example
 * attendeesOf(component).map((attendee) => attendee.partstat); // ['ACCEPTED', 'NEEDS-ACTION']
 */
export function attendeesOf(component: ICAL.Component): Attendee[] {
  return component
    .getAllProperties('attendee')
    .map(asAttendee)
    .filter((attendee) => attendee.address !== '');
}

/**
 * The ATTENDEE property of `address` in a component, if any.
 * @example
 * attendeeProperty(component, 'ben@example.com')?.setParameter('partstat', 'ACCEPTED');
 */
export function attendeeProperty(component: ICAL.Component, address: string): ICAL.Property | undefined {
  return component.getAllProperties('attendee').find((property) => asAttendee(property).address === address);
}

/**
 * A calendar user address as a lower-case e-mail address: `mailto:Ana@Example.com` → `ana@example.com`; `''` for
 * anything else.
 * @example
 * calendarAddress('MAILTO:Ben@example.com'); // 'ben@example.com'
 */
export function calendarAddress(value: unknown): string {
  const text = String(value ?? '').trim();
  const match = /^mailto:([^\s@<>",;]+@[^\s@<>",;]+)$/i.exec(text);
  return match ? match[1]!.toLowerCase() : '';
}

function asAttendee(property: ICAL.Property): Attendee {
  const sentBy = calendarAddress(property.getParameter('sent-by'));
  return {
    address: calendarAddress(property.getFirstValue()),
    partstat: String(property.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
    ...(sentBy ? { sentBy } : {}),
    scheduleAgent: String(property.getParameter('schedule-agent') ?? 'SERVER').toUpperCase(),
  };
}

function sequenceOf(component: ICAL.Component): number {
  const value = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function dtstampOf(component: ICAL.Component): number {
  const value = component.getFirstPropertyValue('dtstamp');
  return value instanceof ICAL.Time ? value.toUnixTime() * 1000 : 0;
}

/**
 * The calendar as text without a METHOD (what a calendar stores, RFC 4791 §4.1), CRLF line ends.
 * @example
 * const content = storedText(message.object.calendar);
 */
export function storedText(calendar: ICAL.Component): string {
  const copy = copyOf(calendar);
  copy.removeAllProperties('method');
  return copy.toString() + '\r\n';
}

/**
 * The calendar as an iTIP message of `method`, CRLF line ends.
 * @example
 * itipText(calendar, 'REQUEST');
 */
export function itipText(calendar: ICAL.Component, method: ItipMethod): string {
  const copy = copyOf(calendar);
  copy.updatePropertyWithValue('method', method);
  return copy.toString() + '\r\n';
}

/**
 * A deep copy of a calendar (or component), to change without touching the original.
 * @example
 * const changed = copyOf(stored.calendar);
 */
export function copyOf(calendar: ICAL.Component): ICAL.Component {
  return new ICAL.Component(structuredClone(calendar.toJSON()));
}

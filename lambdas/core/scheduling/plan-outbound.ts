import ICAL from 'ical.js';
import {
  attendeeProperty,
  attendeesOf,
  copyOf,
  instanceOf,
  masterOf,
  recurrenceIdOf,
  schedulingComponents,
  type SchedulingObject,
} from './itip-message';

/** One iTIP message to send: its method, recipients and the calendar it carries (METHOD not yet set). */
export interface OutgoingItip {
  readonly method: 'REQUEST' | 'CANCEL' | 'REPLY';
  /** Lower-case addresses. */
  readonly recipients: readonly string[];
  readonly calendar: ICAL.Component;
}

/** Whose calendar changed, and by whom. */
export interface ChangeContext {
  /** The calendar owner's addresses, lower case; the first is the one mail is sent from. */
  readonly ownAddresses: readonly string[];
  /** When the messages are written (their DTSTAMP), epoch ms. */
  readonly now: number;
  /** Someone else acting for the owner (a resource's delegate): named as SENT-BY in a REPLY. */
  readonly sentBy?: string;
}

/**
 * The iTIP messages an owner's change of a scheduling object calls for (RFC 6638 §3.2, implicit scheduling).
 * As the organizer (ORGANIZER is one of the owner's addresses, SCHEDULE-AGENT SERVER):
 * 1. deleted, or STATUS:CANCELLED → CANCEL to every attendee;
 * 2. attendees removed → CANCEL to them;
 * 3. created, or changed in more than its attendees and time stamps → REQUEST to every attendee; otherwise
 *    REQUEST to attendees added.
 * As an attendee (one of the owner's addresses is an ATTENDEE, SCHEDULE-AGENT SERVER): their PARTSTAT changed in
 * some components → REPLY to the organizer with those components, naming only them; deleted without having
 * declined → REPLY DECLINED. Attendees whose SCHEDULE-AGENT is CLIENT or NONE are left to the client; the owner
 * never gets mail. Every message's components carry DTSTAMP `now`.
 * @param before - the object before the change (`undefined` when created)
 * @param after - the object after it (`undefined` when deleted)
 * @example
 * const messages = planOutbound({ ownAddresses: ['ana@example.com'], now: Date.now() }, undefined, created);
 */
export function planOutbound(
  context: ChangeContext,
  before: SchedulingObject | undefined,
  after: SchedulingObject | undefined,
): OutgoingItip[] {
  const latest = after ?? before;
  const organizer = latest?.organizer;
  if (!latest || !organizer?.address || organizer.scheduleAgent !== 'SERVER') return [];
  const messages = context.ownAddresses.includes(organizer.address)
    ? organizerMessages(context, before, after)
    : attendeeMessages(context, organizer.address, before, after);
  for (const message of messages) stamp(message.calendar, context.now);
  return messages.filter((message) => message.recipients.length > 0);
}

function organizerMessages(
  context: ChangeContext,
  before: SchedulingObject | undefined,
  after: SchedulingObject | undefined,
): OutgoingItip[] {
  const invitees = (object: SchedulingObject | undefined) => (object ? recipientsOf(context, object) : []);
  if (!after || isCancelled(after)) {
    const last = (after ?? before)!;
    return [{ method: 'CANCEL', recipients: invitees(last), calendar: cancelled(last.calendar) }];
  }
  const now = invitees(after);
  const earlier = invitees(before);
  const removed = earlier.filter((address) => !now.includes(address));
  const significant = !before || normalised(before.calendar) !== normalised(after.calendar);
  const requested = significant ? now : now.filter((address) => !earlier.includes(address));
  return [
    ...(before
      ? [{ method: 'CANCEL' as const, recipients: removed, calendar: cancelled(before.calendar) }]
      : []),
    { method: 'REQUEST', recipients: requested, calendar: copyOf(after.calendar) },
  ];
}

function attendeeMessages(
  context: ChangeContext,
  organizer: string,
  before: SchedulingObject | undefined,
  after: SchedulingObject | undefined,
): OutgoingItip[] {
  const latest = (after ?? before)!;
  const self = context.ownAddresses.find((address) =>
    schedulingComponents(latest.calendar).some((component) => attendeeProperty(component, address)),
  );
  if (!self) return [];
  const agent = (component: ICAL.Component) =>
    String(attendeeProperty(component, self)?.getParameter('schedule-agent') ?? 'SERVER').toUpperCase();
  const partstat = (component: ICAL.Component | undefined) =>
    component && attendeesOf(component).find((attendee) => attendee.address === self)?.partstat;
  const reply = copyOf(latest.calendar);
  for (const component of schedulingComponents(reply)) {
    const earlier = before && instanceOf(before.calendar, recurrenceIdOf(component));
    const answer = partstat(component);
    const changed = after
      ? answer !== undefined && answer !== (partstat(earlier) ?? 'NEEDS-ACTION')
      : answer !== undefined && answer !== 'DECLINED';
    if (!changed || agent(component) !== 'SERVER') {
      reply.removeSubcomponent(component);
      continue;
    }
    const property = attendeeProperty(component, self)!;
    for (const other of component.getAllProperties('attendee'))
      if (other !== property) component.removeProperty(other);
    if (!after) property.setParameter('partstat', 'DECLINED');
    property.removeParameter('rsvp');
    if (context.sentBy) property.setParameter('sent-by', `mailto:${context.sentBy}`);
  }
  if (schedulingComponents(reply).length === 0) return [];
  return [{ method: 'REPLY', recipients: [organizer], calendar: reply }];
}

/** Every attendee of the object but the owner, whom the server schedules (SCHEDULE-AGENT SERVER). */
function recipientsOf(context: ChangeContext, object: SchedulingObject): string[] {
  const addresses = new Set<string>();
  for (const component of schedulingComponents(object.calendar))
    for (const attendee of attendeesOf(component))
      if (attendee.scheduleAgent === 'SERVER' && !context.ownAddresses.includes(attendee.address))
        addresses.add(attendee.address);
  return [...addresses];
}

function isCancelled(object: SchedulingObject): boolean {
  const master = masterOf(object.calendar);
  return String(master?.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

/** A copy of the calendar with every component STATUS:CANCELLED. */
function cancelled(calendar: ICAL.Component): ICAL.Component {
  const copy = copyOf(calendar);
  for (const component of schedulingComponents(copy))
    component.updatePropertyWithValue('status', 'CANCELLED');
  return copy;
}

/**
 * The calendar as text without attendees and time stamps: what other attendees need to hear about (added and removed
 * attendees are told apart, answers come back as REPLYs).
 */
function normalised(calendar: ICAL.Component): string {
  const copy = copyOf(calendar);
  for (const component of schedulingComponents(copy))
    for (const name of ['dtstamp', 'last-modified', 'attendee']) component.removeAllProperties(name);
  return copy.toString();
}

/** Sets every component's DTSTAMP to `now`. */
function stamp(calendar: ICAL.Component, now: number): void {
  for (const component of schedulingComponents(calendar))
    component.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(now), true));
}

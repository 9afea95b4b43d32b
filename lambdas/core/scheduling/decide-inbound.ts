import ICAL from 'ical.js';
import {
  attendeeProperty,
  attendeesOf,
  copyOf,
  instanceOf,
  masterOf,
  recurrenceIdOf,
  schedulingComponents,
  type ItipMessage,
  type SchedulingObject,
} from './itip-message';

/** Who received an iTIP message, and what their calendar already holds. */
export interface InboundContext {
  /** The recipient mailbox's own addresses, lower case (primary address and the address the mail came to). */
  readonly ownAddresses: readonly string[];
  /** The mail's From address, lower case: iTIP trusts a message only from the party it speaks for. */
  readonly from: string;
  /** The recipient's stored object with the message's UID, if any. */
  readonly stored?: SchedulingObject;
}

/** The calendar change an iTIP message asks of its recipient. */
export type InboundChange =
  /** Store this calendar (no METHOD) under the UID, creating or replacing the object. */
  | { readonly type: 'store'; readonly calendar: ICAL.Component }
  /** The organizer (the recipient) sends the stored object again as a REQUEST to `attendee` (REFRESH). */
  | { readonly type: 'refresh'; readonly attendee: string }
  /** Nothing changes; `reason` names a rule, never content. */
  | { readonly type: 'ignore'; readonly reason: string };

/**
 * Decides what an iTIP message (RFC 5546 §3.2) changes in its recipient's calendar. Pure: the caller reads the stored
 * object first and writes the result.
 * - REQUEST (to an attendee, from the organizer or its SENT-BY): create or update the event; an older one
 *   (SEQUENCE, then DTSTAMP) or the same one again changes nothing; the recipient's own PARTSTAT is the request's
 *   (NEEDS-ACTION) unless they already answered this SEQUENCE; a request naming only instances (RECURRENCE-ID)
 *   updates those in the stored event.
 * - ADD: instances added to a stored event of the same organizer.
 * - CANCEL (from the organizer): the event's components get STATUS:CANCELLED; for an instance, its override is
 *   cancelled or, without one, the instance is excluded (EXDATE).
 * - REPLY (to the organizer, from the attendee or its SENT-BY): that attendee's PARTSTAT in the organizer's copy,
 *   unless the reply answers an older SEQUENCE or names someone who is not invited.
 * - REFRESH (to the organizer, from an attendee): send the current event to that attendee again.
 * - COUNTER, DECLINECOUNTER, PUBLISH: nothing (the mail shows them).
 * @example
 * const change = decideInbound(message, { ownAddresses: ['ben@example.com'], from: 'ana@example.com', stored });
 */
export function decideInbound(message: ItipMessage, context: InboundContext): InboundChange {
  switch (message.method) {
    case 'REQUEST':
    case 'ADD':
    case 'CANCEL':
      return fromOrganizer(message, context);
    case 'REPLY':
      return reply(message.object, context);
    case 'REFRESH':
      return refresh(context);
    default:
      return ignore('shown as mail only');
  }
}

const ignore = (reason: string): InboundChange => ({ type: 'ignore', reason });

function fromOrganizer(message: ItipMessage, context: InboundContext): InboundChange {
  const { object } = message;
  const organizer = object.organizer;
  if (!organizer?.address) return ignore('no ORGANIZER');
  if (context.from !== organizer.address && context.from !== organizer.sentBy)
    return ignore('sender is not the organizer');
  if (context.ownAddresses.includes(organizer.address)) return ignore('the recipient is the organizer');
  const { stored } = context;
  if (stored && stored.organizer?.address !== organizer.address) return ignore('another organizer');
  if (stored && compare(object, stored) < 0) return ignore('outdated');
  if (message.method === 'REQUEST') {
    if (stored && compare(object, stored) === 0 && masterOf(object.calendar))
      return ignore('already applied');
    return { type: 'store', calendar: request(object, context) };
  }
  if (!stored) return ignore('no such event');
  const calendar = copyOf(stored.calendar);
  if (message.method === 'ADD') return add(object, calendar);
  return cancel(object, calendar);
}

/** Orders two versions of an object: SEQUENCE first, then DTSTAMP (RFC 5546 §2.1.5). */
function compare(incoming: SchedulingObject, stored: SchedulingObject): number {
  return incoming.sequence - stored.sequence || incoming.dtstamp - stored.dtstamp;
}

function request(object: SchedulingObject, context: InboundContext): ICAL.Component {
  const { stored } = context;
  const sameSequence = stored !== undefined && stored.sequence === object.sequence;
  const instancesOnly = stored !== undefined && !masterOf(object.calendar);
  const result = copyOf(instancesOnly ? stored.calendar : object.calendar);
  if (instancesOnly)
    for (const component of schedulingComponents(object.calendar)) replaceInstance(result, component);
  if (!sameSequence) return result;
  // An answer the recipient gave to this SEQUENCE stays: the request only re-sent or added details.
  for (const component of schedulingComponents(result)) {
    const before = instanceOf(stored.calendar, recurrenceIdOf(component));
    for (const own of context.ownAddresses) {
      const answered = before && attendeeProperty(before, own)?.getParameter('partstat');
      const property = attendeeProperty(component, own);
      if (property && typeof answered === 'string' && answered.toUpperCase() !== 'NEEDS-ACTION')
        property.setParameter('partstat', answered);
    }
  }
  return result;
}

function add(object: SchedulingObject, calendar: ICAL.Component): InboundChange {
  let added = false;
  for (const component of schedulingComponents(object.calendar)) {
    const recurrenceId = recurrenceIdOf(component);
    if (recurrenceId === undefined || instanceOf(calendar, recurrenceId)) continue;
    calendar.addSubcomponent(copyOf(component));
    added = true;
  }
  return added ? { type: 'store', calendar } : ignore('already applied');
}

function cancel(object: SchedulingObject, calendar: ICAL.Component): InboundChange {
  let changed = false;
  const setCancelled = (component: ICAL.Component) => {
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return;
    component.updatePropertyWithValue('status', 'CANCELLED');
    changed = true;
  };
  if (masterOf(object.calendar)) schedulingComponents(calendar).forEach(setCancelled);
  for (const component of schedulingComponents(object.calendar)) {
    const recurrenceId = recurrenceIdOf(component);
    if (recurrenceId === undefined) continue;
    const existing = instanceOf(calendar, recurrenceId);
    if (existing) setCancelled(existing);
    else changed = exclude(calendar, component.getFirstProperty('recurrence-id')!) || changed;
  }
  return changed ? { type: 'store', calendar } : ignore('already applied');
}

/** Adds the instance as an EXDATE of the master (same value type and TZID); false when already excluded. */
function exclude(calendar: ICAL.Component, recurrenceId: ICAL.Property): boolean {
  const master = masterOf(calendar);
  if (!master) return false;
  const when = String(recurrenceId.getFirstValue());
  const excluded = master.getAllProperties('exdate').flatMap((property) => property.getValues().map(String));
  if (excluded.includes(when)) return false;
  const [, parameters, type, ...values] = recurrenceId.toJSON() as [
    string,
    Record<string, string>,
    ...unknown[],
  ];
  delete parameters.range;
  master.addProperty(new ICAL.Property(['exdate', parameters, type, ...values]));
  return true;
}

function reply(object: SchedulingObject, context: InboundContext): InboundChange {
  const { stored } = context;
  if (!stored) return ignore('no such event');
  if (!stored.organizer || !context.ownAddresses.includes(stored.organizer.address))
    return ignore('the recipient is not the organizer');
  const components = schedulingComponents(object.calendar);
  const attendee = attendeesOf(components[0]!)[0];
  if (!attendee) return ignore('no ATTENDEE');
  if (context.from !== attendee.address && context.from !== attendee.sentBy)
    return ignore('sender is not the attendee');
  if (!isInvited(stored, attendee.address)) return ignore('not invited');
  if (object.sequence < stored.sequence) return ignore('outdated');
  const calendar = copyOf(stored.calendar);
  let changed = false;
  for (const component of components) {
    const answer = attendeesOf(component).find((entry) => entry.address === attendee.address);
    const target = instanceOf(calendar, recurrenceIdOf(component));
    const property = target && attendeeProperty(target, attendee.address);
    if (!answer || !property) continue;
    if (String(property.getParameter('partstat') ?? '').toUpperCase() === answer.partstat) continue;
    property.setParameter('partstat', answer.partstat);
    property.removeParameter('rsvp');
    changed = true;
  }
  return changed ? { type: 'store', calendar } : ignore('already applied');
}

function refresh(context: InboundContext): InboundChange {
  const { stored } = context;
  if (!stored) return ignore('no such event');
  if (!stored.organizer || !context.ownAddresses.includes(stored.organizer.address))
    return ignore('the recipient is not the organizer');
  return isInvited(stored, context.from)
    ? { type: 'refresh', attendee: context.from }
    : ignore('sender is not an attendee');
}

/** Whether `address` is an ATTENDEE of any component of the object. */
function isInvited(object: SchedulingObject, address: string): boolean {
  return schedulingComponents(object.calendar).some((component) =>
    attendeesOf(component).some((attendee) => attendee.address === address),
  );
}

/** Puts an instance's component in place of the one with the same RECURRENCE-ID, or adds it. */
function replaceInstance(calendar: ICAL.Component, component: ICAL.Component): void {
  const existing = instanceOf(calendar, recurrenceIdOf(component));
  if (existing) calendar.removeSubcomponent(existing);
  calendar.addSubcomponent(copyOf(component));
}

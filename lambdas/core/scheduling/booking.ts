import type ICAL from 'ical.js';
import type { MailboxRef } from '../calendar/types';
import type { BookingOptions } from '../directory/types';
import { readByUid, removeObject, retrying, writeObject, type Current } from './calendar-store';
import { decideInbound } from './decide-inbound';
import {
  attendeeProperty,
  attendeesOf,
  copyOf,
  masterOf,
  parseSchedulingObject,
  schedulingComponents,
  storedText,
  type ItipMessage,
} from './itip-message';
import { planOutbound } from './plan-outbound';
import type { SchedulingDeps } from './ports';
import { sendItip } from './send-itip';

/** A scheduling message that reached a resource's mailbox. */
export interface BookingRequest {
  readonly owner: MailboxRef;
  /** The resource's primary address: the From of its answers. */
  readonly email: string;
  readonly ownAddresses: readonly string[];
  readonly bookingOptions: BookingOptions;
  readonly message: ItipMessage;
  /** The mail's From address, lower case. */
  readonly from: string;
}

/**
 * Books a resource (directory-and-mailboxes.md §5) from the iTIP messages its mailbox receives.
 * - REQUEST from the organizer naming the resource as ATTENDEE:
 *   1. recurring while AutoDeclineRecurringRequests → DECLINED;
 *   2. AutoAcceptRequests off → kept in the resource calendar as pending (PARTSTAT NEEDS-ACTION, TRANSP
 *      TRANSPARENT, so it blocks nothing) and sent to the delegates, who answer;
 *   3. otherwise accepted into the calendar — with AutoDeclineConflictingRequests only into a free slot, checked and
 *      written atomically by the model, so of two requests for one slot exactly one gets it — else DECLINED.
 *   An event beyond the calendar's limits is DECLINED too. A declined request leaves nothing in the calendar (an earlier booking of the same meeting is removed).
 * - REPLY from a delegate (the resource as ATTENDEE, SENT-BY the delegate) to a pending request: ACCEPTED books it
 *   (free slot rule as above), DECLINED removes it; the answer goes to the organizer in the resource's name.
 * - CANCEL from the organizer: the booking is removed (the slot is free again); for one instance, that instance.
 * Answers go from the resource's address, `Auto-Submitted: auto-replied`.
 * @returns what happened, for the log
 * @example
 * await bookResource(deps, { owner, email: 'room@example.com', ownAddresses, bookingOptions, message, from });
 */
export function bookResource(deps: SchedulingDeps, request: BookingRequest): Promise<string> {
  switch (request.message.method) {
    case 'REQUEST':
      return retrying(() => onRequest(deps, request));
    case 'CANCEL':
      return retrying(() => onCancel(deps, request));
    case 'REPLY':
      return retrying(() => onDelegateAnswer(deps, request));
    default:
      return Promise.resolve('shown as mail only');
  }
}

async function onRequest(deps: SchedulingDeps, request: BookingRequest): Promise<string> {
  const { message, ownAddresses, bookingOptions: options } = request;
  const current = await readByUid(deps.calendars, request.owner, message.object.uid);
  if (current.stored && !current.object) return 'stored object unreadable';
  const change = decideInbound(message, { ownAddresses, from: request.from, stored: current.object });
  if (change.type !== 'store') return change.type === 'ignore' ? change.reason : 'not a request';
  const self = selfIn(change.calendar, ownAddresses);
  if (!self) return 'not invited';
  if (message.object.isRecurring && options.AutoDeclineRecurringRequests)
    return decline(deps, request, current, change.calendar, self, 'recurring');
  if (!options.AutoAcceptRequests) {
    const answered = current.object?.sequence === message.object.sequence && answerOf(current, self);
    if (answered && answered !== 'NEEDS-ACTION') return 'already answered by a delegate';
    const pending = answer(change.calendar, self, 'NEEDS-ACTION', 'TRANSPARENT');
    const written = await writeObject(deps.calendars, request.owner, current, message.object.uid, pending);
    if (!written.ok) return written.refusal.type === 'preconditionFailed' ? 'retry' : written.refusal.type;
    return notifyDelegates(deps, request, pending);
  }
  return accept(deps, request, current, change.calendar, self);
}

/** Books the event (free slot only when the options say so) and answers ACCEPTED, or DECLINED on a conflict. */
async function accept(
  deps: SchedulingDeps,
  request: BookingRequest,
  current: Current,
  calendar: ICAL.Component,
  self: string,
  sentBy?: string,
): Promise<string> {
  const booked = answer(calendar, self, 'ACCEPTED', 'OPAQUE');
  const written = await writeObject(
    deps.calendars,
    request.owner,
    current,
    request.message.object.uid,
    booked,
    {
      requireFreeSlot: request.bookingOptions.AutoDeclineConflictingRequests,
    },
  );
  if (!written.ok && written.refusal.type === 'slotTaken')
    return decline(deps, request, current, calendar, self, 'conflict', sentBy);
  // An event the calendar cannot hold (beyond its limits: an endless RRULE every second) is not booked either.
  if (!written.ok && (written.refusal.type === 'invalidData' || written.refusal.type === 'tooLarge'))
    return decline(deps, request, current, calendar, self, 'not bookable', sentBy);
  if (!written.ok) return written.refusal.type === 'preconditionFailed' ? 'retry' : written.refusal.type;
  await reply(deps, request, booked, self, sentBy);
  return 'accepted';
}

/** Removes any booking of the event and answers DECLINED. */
async function decline(
  deps: SchedulingDeps,
  request: BookingRequest,
  current: Current,
  calendar: ICAL.Component,
  self: string,
  why: string,
  sentBy?: string,
): Promise<string> {
  const removed = await removeObject(deps.calendars, request.owner, current);
  if (!removed.ok) return removed.refusal.type === 'preconditionFailed' ? 'retry' : removed.refusal.type;
  await reply(deps, request, answer(calendar, self, 'DECLINED'), self, sentBy);
  return `declined: ${why}`;
}

async function onCancel(deps: SchedulingDeps, request: BookingRequest): Promise<string> {
  const { message } = request;
  const current = await readByUid(deps.calendars, request.owner, message.object.uid);
  const change = decideInbound(message, {
    ownAddresses: request.ownAddresses,
    from: request.from,
    stored: current.object,
  });
  if (change.type !== 'store') return change.type === 'ignore' ? change.reason : 'not a cancellation';
  const result = masterOf(message.object.calendar)
    ? await removeObject(deps.calendars, request.owner, current)
    : await writeObject(deps.calendars, request.owner, current, message.object.uid, change.calendar);
  if (!result.ok) return result.refusal.type === 'preconditionFailed' ? 'retry' : result.refusal.type;
  return 'cancelled';
}

async function onDelegateAnswer(deps: SchedulingDeps, request: BookingRequest): Promise<string> {
  const { message, owner, from } = request;
  const attendee = attendeesOf(schedulingComponents(message.object.calendar)[0]!)[0];
  if (!attendee || !request.ownAddresses.includes(attendee.address)) return 'not an answer for the resource';
  if (attendee.sentBy !== undefined && attendee.sentBy !== from) return 'sender is not a delegate';
  if (!(await deps.directory.delegateAddresses(owner.organizationId, owner.mailboxId)).includes(from))
    return 'sender is not a delegate';
  const current = await readByUid(deps.calendars, owner, message.object.uid);
  if (!current.object) return 'no such booking request';
  if (message.object.sequence < current.object.sequence) return 'outdated';
  const calendar = copyOf(current.object.calendar);
  if (attendee.partstat === 'ACCEPTED')
    return accept(deps, request, current, calendar, attendee.address, from);
  if (attendee.partstat === 'DECLINED')
    return decline(deps, request, current, calendar, attendee.address, 'by a delegate', from);
  return 'answer not supported';
}

/** Tells the delegates about a request to answer: the invitation, from the resource, in a mail of its own. */
async function notifyDelegates(
  deps: SchedulingDeps,
  request: BookingRequest,
  pending: ICAL.Component,
): Promise<string> {
  const { owner } = request;
  const delegates = await deps.directory.delegateAddresses(owner.organizationId, owner.mailboxId);
  if (delegates.length === 0) return 'pending, no delegate';
  const summary = String(masterOf(pending)?.getFirstPropertyValue('summary') ?? '').replace(/[\r\n]+/g, ' ');
  await sendItip(deps, {
    organizationId: owner.organizationId,
    mailboxId: owner.mailboxId,
    from: request.email,
    to: delegates,
    method: 'REQUEST',
    calendar: pending,
    actor: { organizationId: owner.organizationId, userId: owner.mailboxId, email: request.email },
    automatic: true,
    subject: `Booking request for ${request.email}: ${summary || 'Meeting'}`,
    note:
      `${request.from} asks to book ${request.email}, which does not accept requests by itself. As its delegate, ` +
      `accept or decline the request in the resource's calendar, or answer this invitation for the resource.`,
  });
  return 'pending, sent to delegates';
}

/** Sends the resource's answer (the PARTSTAT `calendar` holds for `self`) to the organizer. */
async function reply(
  deps: SchedulingDeps,
  request: BookingRequest,
  calendar: ICAL.Component,
  self: string,
  sentBy?: string,
): Promise<void> {
  const { owner } = request;
  const after = parseSchedulingObject(storedText(calendar));
  if (!after.ok) return;
  const now = (deps.now ?? Date.now)();
  for (const message of planOutbound({ ownAddresses: [self], now, sentBy }, undefined, after.value))
    await sendItip(deps, {
      organizationId: owner.organizationId,
      mailboxId: owner.mailboxId,
      from: self,
      to: message.recipients,
      method: message.method,
      calendar: message.calendar,
      actor: { organizationId: owner.organizationId, userId: owner.mailboxId, email: request.email },
      automatic: true,
    });
}

/** The address under which the resource is an ATTENDEE of the event, if it is one. */
function selfIn(calendar: ICAL.Component, ownAddresses: readonly string[]): string | undefined {
  return ownAddresses.find((address) =>
    schedulingComponents(calendar).some((component) => attendeeProperty(component, address)),
  );
}

function answerOf(current: Current, self: string): string | undefined {
  const master = current.object && masterOf(current.object.calendar);
  return master && attendeesOf(master).find((attendee) => attendee.address === self)?.partstat;
}

/** A copy of the calendar with the resource's PARTSTAT (and the events' TRANSP) set in every component. */
function answer(calendar: ICAL.Component, self: string, partstat: string, transp?: string): ICAL.Component {
  const copy = copyOf(calendar);
  for (const component of schedulingComponents(copy)) {
    const property = attendeeProperty(component, self);
    if (property) {
      property.setParameter('partstat', partstat);
      property.removeParameter('rsvp');
    }
    if (transp) component.updatePropertyWithValue('transp', transp);
  }
  return copy;
}

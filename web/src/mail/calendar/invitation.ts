import type { MailAccount } from '../jmap';
import { eventsBetween, listCalendars, saveEvent, deleteEvent, type StoredEvent } from './caldav';
import { answerOf, eventOf, parseCalendar, withAnswer, type Answer, type EventFields } from './events';

/** An iTIP message (RFC 5546) carried by a mail, as the invitation card shows it. */
export interface Invitation extends EventFields {
  readonly method: string;
  readonly uid: string;
  readonly organizer?: string;
  /** The iCalendar text as the mail carries it. */
  readonly data: string;
}

/** The invitation a mail's text/calendar part carries; undefined when it names no METHOD or holds no event. */
export function readInvitation(data: string): Invitation | undefined {
  try {
    const method = String(parseCalendar(data).getFirstPropertyValue('method') ?? '').toUpperCase();
    if (!method) return undefined;
    return { method, data, ...eventOf(data) };
  } catch {
    return undefined;
  }
}

/** Where the server keeps the invitation's event for the user: the calendar object with its UID near its time. */
export async function storedCopy(
  account: MailAccount,
  invitation: Invitation,
): Promise<StoredEvent | undefined> {
  const { uid, start, end } = invitation;
  // A time range must not be empty; an all-day event's `end` is its last day, which begins before its end.
  const until = new Date(Math.max(+end, +start + 60_000));
  for (const calendar of await listCalendars(account)) {
    const found = await eventsBetween(account, calendar, start, until, uid);
    const copy = found.find((event) => eventOf(event.data).uid === uid);
    if (copy) return copy;
  }
  return undefined;
}

/** The user's answer as their calendar holds it (NEEDS-ACTION before they answer). */
export function answerIn(copy: StoredEvent | undefined, user: string): string | undefined {
  return copy ? answerOf(copy.data, user) : undefined;
}

/**
 * Answers an invitation: the user's PARTSTAT in their calendar's copy (the server, seeing the attendee's answer
 * change, sends the iTIP REPLY to the organizer), or a new copy in their first calendar when none is stored.
 * @example
 * await answerInvitation(account, invitation, copy, 'ACCEPTED');
 */
export async function answerInvitation(
  account: MailAccount,
  invitation: Invitation,
  copy: StoredEvent | undefined,
  answer: Answer,
): Promise<void> {
  const answered = withAnswer(copy?.data ?? invitation.data, account.login, answer);
  if (!answered) throw new Error('You are not among the invited attendees.');
  if (copy) return saveEvent(account, copy.href, answered, copy.etag);
  const [calendar] = await listCalendars(account);
  if (!calendar) throw new Error('You have no calendar to put this event in.');
  await saveEvent(account, `${calendar.href}${crypto.randomUUID()}.ics`, answered);
}

/** Removes a cancelled event from the user's calendar. */
export function removeCopy(account: MailAccount, copy: StoredEvent): Promise<void> {
  return deleteEvent(account, copy.href, copy.etag);
}

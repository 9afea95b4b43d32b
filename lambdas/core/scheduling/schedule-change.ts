import type { MailboxRef } from '../calendar/types';
import type { SubmittingUser } from '../sending/types';
import { attendeeProperty, parseSchedulingObject, schedulingComponents } from './itip-message';
import { planOutbound } from './plan-outbound';
import type { SchedulingDeps } from './ports';
import { sendItip } from './send-itip';

/** A change of a calendar object, as a CalDAV PUT or DELETE made it. */
export interface CalendarChange {
  /** The signed-in user who made it (the owner, or a delegate / FULL_ACCESS holder acting for them). */
  readonly actor: SubmittingUser;
  /** The mailbox whose calendar changed. */
  readonly owner: MailboxRef;
  /** The object's iCalendar text before the change; `undefined` when it was created. */
  readonly before?: string;
  /** The object's iCalendar text after the change; `undefined` when it was deleted. */
  readonly after?: string;
}

/** What was sent for a change: one entry per iTIP message. */
export interface ScheduleOutcome {
  readonly sent: readonly {
    readonly method: string;
    readonly recipients: readonly string[];
    /** `sent`, or why not (a sending refusal, `failed`). */
    readonly outcome: string;
  }[];
}

/**
 * Implicit scheduling (RFC 6638 §3.2) after a CalDAV front end stored or deleted an object: sends the REQUESTs and
 * CANCELs an organizer's change calls for, or the REPLY an attendee's answer calls for ({@link planOutbound}), as
 * iMIP mail through the outbound path, from the owner's address (`Sender:` naming the actor when it is someone
 * else, and SENT-BY in a REPLY). SCHEDULE-AGENT=CLIENT is left to the client. Sending never undoes the change: a
 * refusal or failure is logged and reported in the outcome. Objects that do not parse send nothing.
 * @example
 * const outcome = await scheduleChange(deps, { actor: user, owner: { organizationId, mailboxId }, before, after });
 */
export async function scheduleChange(deps: SchedulingDeps, change: CalendarChange): Promise<ScheduleOutcome> {
  const parse = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const parsed = parseSchedulingObject(text);
    return parsed.ok ? parsed.value : undefined;
  };
  const before = parse(change.before);
  const after = parse(change.after);
  if (!before && !after) return { sent: [] };
  const { owner, actor } = change;
  const mailbox = await deps.directory.mailbox(owner.organizationId, owner.mailboxId);
  if (!mailbox?.enabled || !mailbox.email) return { sent: [] };
  const ownAddresses = [...new Set([mailbox.email, ...mailbox.aliases])];
  const now = (deps.now ?? Date.now)();
  const sentBy = actor.userId === owner.mailboxId ? undefined : actor.email.toLowerCase();
  const messages = planOutbound({ ownAddresses, now, ...(sentBy ? { sentBy } : {}) }, before, after);
  const sent: { method: string; recipients: readonly string[]; outcome: string }[] = [];
  for (const message of messages) {
    // The From is the owner's address as the object names it: ORGANIZER for requests, their ATTENDEE for replies.
    const named = (after ?? before)!.organizer!.address;
    const from =
      message.method === 'REPLY'
        ? (ownAddresses.find((address) =>
            schedulingComponents(message.calendar).some((component) => attendeeProperty(component, address)),
          ) ?? mailbox.email)
        : named;
    const outcome = await sendItip(deps, {
      organizationId: owner.organizationId,
      mailboxId: owner.mailboxId,
      from,
      to: message.recipients,
      method: message.method,
      calendar: message.calendar,
      actor,
    });
    sent.push({ method: message.method, recipients: message.recipients, outcome });
  }
  return { sent };
}

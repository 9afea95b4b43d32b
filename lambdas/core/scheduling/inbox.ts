import { extractAddress } from '../delivery/header-block';
import type { DeliveredMail, SchedulingInbox } from '../delivery/ports';
import { bookResource } from './booking';
import { findCalendarPart, mayCarryCalendar } from './calendar-part';
import { readByUid, retrying, writeObject } from './calendar-store';
import { decideInbound } from './decide-inbound';
import { parseItip, type ItipMessage } from './itip-message';
import type { SchedulingDeps } from './ports';
import { sendItip } from './send-itip';

/**
 * Applies iMIP messages that reach a mailbox to its calendar (RFC 6047 over RFC 5546).
 * Primary course:
 * 1. a message whose top-level Content-Type is neither text/calendar nor multipart is passed by (no request);
 * 2. find the first text/calendar part with a `method`, parse it (ical.js; bounded, refused when malformed);
 * 3. a resource's mailbox books (see {@link bookResource});
 * 4. read the stored object with the UID, decide the change ({@link decideInbound}: the From address must be the
 *    party the message speaks for), write it with If-Match / If-None-Match, trying again after a concurrent change;
 * 5. REFRESH: the organizer's mailbox sends the stored event to the attendee who asked.
 * @example
 * const inbox = new SchedulingInboxService({ calendars, directory, outbox, logger });
 */
export class SchedulingInboxService implements SchedulingInbox {
  constructor(private readonly deps: SchedulingDeps) {}

  async received(mail: DeliveredMail): Promise<string> {
    if (!mayCarryCalendar(mail.headers.rawHeaderBlock)) return 'no calendar part';
    const text = findCalendarPart(mail.raw);
    if (text === undefined) return 'no calendar part';
    const parsed = parseItip(text);
    if (!parsed.ok) return `refused: ${parsed.reason}`;
    const { target } = mail;
    const from = extractAddress(mail.headers.from)?.toLowerCase() ?? '';
    const mailbox = await this.deps.directory.mailbox(target.organizationId, target.mailboxId);
    if (!mailbox?.enabled || !mailbox.email) return 'mailbox not enabled';
    const ownAddresses = [...new Set([mailbox.email, target.recipient.toLowerCase(), ...mailbox.aliases])];
    if (mailbox.kind === 'RESOURCE')
      return bookResource(this.deps, {
        owner: { organizationId: target.organizationId, mailboxId: target.mailboxId },
        email: mailbox.email,
        ownAddresses,
        bookingOptions: mailbox.bookingOptions!,
        message: parsed.value,
        from,
      });
    return this.apply(
      target.organizationId,
      target.mailboxId,
      mailbox.email,
      ownAddresses,
      parsed.value,
      from,
    );
  }

  private apply(
    organizationId: string,
    mailboxId: string,
    email: string,
    ownAddresses: readonly string[],
    message: ItipMessage,
    from: string,
  ): Promise<string> {
    const owner = { organizationId, mailboxId };
    return retrying(async () => {
      const current = await readByUid(this.deps.calendars, owner, message.object.uid);
      if (current.stored && !current.object) return 'stored object unreadable';
      const change = decideInbound(message, { ownAddresses, from, stored: current.object });
      if (change.type === 'ignore') return change.reason;
      if (change.type === 'refresh')
        return sendItip(this.deps, {
          organizationId,
          mailboxId,
          from: current.object!.organizer!.address,
          to: [change.attendee],
          method: 'REQUEST',
          calendar: current.object!.calendar,
          actor: { organizationId, userId: mailboxId, email },
          automatic: true,
        });
      const written = await writeObject(
        this.deps.calendars,
        owner,
        current,
        message.object.uid,
        change.calendar,
      );
      if (written.ok) return `${message.method} applied`;
      return written.refusal.type === 'preconditionFailed' ? 'retry' : written.refusal.type;
    });
  }
}

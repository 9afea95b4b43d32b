// Mailwright example: a Custom Availability Provider (CAP) answering free/busy from a static calendar.
// Works unchanged on Amazon WorkMail and on Mailwright (cloud or `npm start`). See README.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The calendar: `{ mailboxes: { <address>: { events: [...], workingHours: {...} } } }`, read once per container. */
const calendar = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('./calendar.json')), 'utf8'));

/**
 * Answers a CAP request (requester, mailboxes, window) with every event overlapping the window, unclipped, and the
 * owner's working hours; addresses the calendar does not know are `MailboxNotFound`. Private events show no details.
 * @param {{ requester: { email: string, userName: string, organization: string, userId: string, origin?: string },
 *   mailboxes: string[], window: { startDate: string, endDate: string } }} event
 */
export const handler = async (event) => {
  const start = Date.parse(event.window.startDate);
  const end = Date.parse(event.window.endDate);
  return {
    mailboxes: event.mailboxes.map((mailbox) => {
      const entry = calendar.mailboxes[mailbox.toLowerCase()];
      if (!entry) return { mailbox, error: 'MailboxNotFound' };
      const events = entry.events
        .filter((busy) => Date.parse(busy.startTime) < end && Date.parse(busy.endTime) > start)
        .map(({ details, ...busy }) => (details && !details.isPrivate ? { ...busy, details } : busy));
      return { mailbox, events, workingHours: entry.workingHours };
    }),
  };
};

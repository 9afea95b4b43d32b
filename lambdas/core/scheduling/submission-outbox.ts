import { randomBytes } from 'node:crypto';
import type { SendingDeps } from '../sending/ports';
import { submit } from '../sending/submit';
import type { ItipOutbox } from './ports';

/**
 * Sends scheduling mail through `submit`, as JMAP EmailSubmission does (outbound flow rules, limits, journaling,
 * local delivery to colleagues, SES for the rest), with two differences: the From is checked against the sending
 * mailbox's own addresses (`forMailbox`: the calendar change was authorised by the front end that made it, or the
 * resource answers itself), and no copy goes to Sent Items (as CalDAV servers do; the calendar is the record).
 * @example
 * const outbox = submissionOutbox(() => wiring.sending);
 */
export function submissionOutbox(sending: () => SendingDeps): ItipOutbox {
  return {
    send: async (mail) => {
      const outcome = await submit(sending(), {
        user: mail.actor,
        mailboxId: mail.mailboxId,
        raw: mail.raw,
        submissionId: `itip${randomBytes(12).toString('hex')}`,
        sentCopy: false,
        forMailbox: true,
      });
      return outcome.ok ? 'sent' : outcome.refusal.type;
    },
  };
}

import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import MailComposer from 'nodemailer/lib/mail-composer';
import { attendeesOf, itipText, masterOf, schedulingComponents, type ItipMethod } from './itip-message';

/** An iMIP message to write (RFC 6047). */
export interface ItipMail {
  /** The From address: the organizer's, or the attendee's for a REPLY. */
  readonly from: string;
  /** Someone who sent it for `from` (a delegate): the `Sender:`. @default - nobody */
  readonly sender?: string;
  readonly to: readonly string[];
  readonly method: ItipMethod;
  /** The calendar to carry; its METHOD is set to `method`. */
  readonly calendar: ICAL.Component;
  /** Written by Mailwright itself (a resource's answer): marked `Auto-Submitted: auto-replied` (RFC 3834). */
  readonly automatic?: boolean;
  /** Date header, epoch ms. */
  readonly date: number;
  /** @default - `Invitation:`, `Cancelled:`, `Accepted:`, … and the event's SUMMARY */
  readonly subject?: string;
  /** A paragraph for the text part, before the description. @default - none */
  readonly note?: string;
}

/**
 * Writes an iMIP message (RFC 6047 §2): multipart/alternative with a short text/plain description and the
 * text/calendar part carrying the iTIP method (`method=` parameter and METHOD property). Composed by nodemailer's
 * MailComposer, as Email/set does.
 * @example
 * const raw = await composeItipMail({ from: 'ana@example.com', to: ['ben@example.com'], method: 'REQUEST',
 *   calendar, date: Date.now() });
 */
export async function composeItipMail(mail: ItipMail): Promise<Buffer> {
  const master = masterOf(mail.calendar) ?? schedulingComponents(mail.calendar)[0]!;
  const summary = String(master.getFirstPropertyValue('summary') ?? '').replace(/[\r\n]+/g, ' ') || 'Meeting';
  const subject = mail.subject ?? `${subjectPrefix(mail)}: ${summary}`;
  const composer = new MailComposer({
    from: mail.from,
    ...(mail.sender ? { sender: mail.sender } : {}),
    to: [...mail.to],
    subject,
    date: new Date(mail.date),
    messageId: `<itip.${randomUUID()}@${mail.from.slice(mail.from.lastIndexOf('@') + 1)}>`,
    ...(mail.automatic ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
    text: (mail.note ? `${mail.note}\n\n` : '') + description(subject, master),
    alternatives: [
      {
        contentType: `text/calendar; charset=utf-8; method=${mail.method}`,
        content: itipText(mail.calendar, mail.method),
      },
    ],
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

function subjectPrefix(mail: ItipMail): string {
  if (mail.method === 'CANCEL') return 'Cancelled';
  if (mail.method !== 'REPLY') return 'Invitation';
  const answer = attendeesOf(schedulingComponents(mail.calendar)[0]!)[0]?.partstat;
  return { ACCEPTED: 'Accepted', DECLINED: 'Declined', TENTATIVE: 'Tentative' }[answer ?? ''] ?? 'Reply';
}

/** The text part: what the message is, when the event starts, who organizes it. */
function description(subject: string, master: ICAL.Component): string {
  const start = master.getFirstPropertyValue('dtstart');
  const when =
    start instanceof ICAL.Time
      ? start.isDate
        ? start.toString()
        : `${start.toJSDate().toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : undefined;
  const organizer = String(master.getFirstPropertyValue('organizer') ?? '').replace(/^mailto:/i, '');
  return [
    subject,
    ...(when ? [`When: ${when}`] : []),
    ...(organizer ? [`Organizer: ${organizer}`] : []),
    '',
    'Your calendar application shows this message as an invitation or an answer (iCalendar, RFC 6047).',
    '',
  ].join('\n');
}

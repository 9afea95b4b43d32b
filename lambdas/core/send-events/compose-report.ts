import { createHash } from 'node:crypto';
import { composeDsn, type DsnRecipient } from '../delivery/dsn';
import { decodeEncodedWords } from '../delivery/header-block';
import type { SesBounce, SesDeliveryDelay, SesEventRecipient, SesSendEvent } from './types';

/** What the report says about a bounced recipient, by SES's bounce subtype. */
const BOUNCE_TEXT: Readonly<Partial<Record<string, string>>> = {
  NoEmail: "The recipient's mail server says this address does not exist.",
  Suppressed: 'Earlier messages to this address bounced, so it is on the suppression list and was not tried.',
  OnAccountSuppressionList:
    'Earlier messages to this address bounced, so it is on the suppression list and was not tried.',
  MailboxFull: "The recipient's mailbox is full.",
  MessageTooLarge: "The message is larger than the recipient's mail server accepts.",
  ContentRejected: "The recipient's mail server rejected the content of the message.",
  AttachmentRejected: "The recipient's mail server rejected an attachment of the message.",
};
const PERMANENT_TEXT = "The recipient's mail server rejected the message.";
const TRANSIENT_TEXT =
  "The recipient's mail server did not accept the message. The problem may be temporary: try sending it again later.";
const DELAY_TEXT = "The recipient's mail server has not accepted the message yet.";

/** A report of an SES event about a sent message, addressed to its sender. */
export interface SendEventReport {
  /** Its mailbox message id: the same for a repeated event, so the mailbox stores it once. */
  readonly reportId: string;
  readonly raw: Buffer;
}

/**
 * Writes the report of a Bounce event ("Undeliverable: …", Action: failed) or of a DeliveryDelay event ("Delivery
 * delayed: …", Action: delayed, with when SES stops trying): an RFC 3464 DSN from the reporting MTA's mail system,
 * listing each recipient with the remote server's status and answer, and quoting the original headers SES gives.
 * @param event - a Bounce or DeliveryDelay event
 * @param to - the sender's address
 * @example
 * const { reportId, raw } = composeSendEventReport(event, 'ana@example.com', 'mail.example.com', Date.now());
 */
export function composeSendEventReport(
  event: Extract<SesSendEvent, { eventType: 'Bounce' | 'DeliveryDelay' }>,
  to: string,
  reportingMta: string,
  now: number,
): SendEventReport {
  const { mail } = event;
  const reportId = reportIdOf(event);
  const subject =
    mail.subject ?? mail.headers.find((header) => header.name.toLowerCase() === 'subject')?.value;
  const common = {
    reportingMta,
    to,
    arrivalDate: timeOf(mail.timestamp) ?? now,
    date: now,
    messageId: reportId,
    originalSubject: subject === undefined ? undefined : decodeEncodedWords(subject),
    originalHeaders: mail.headers.map((header) => `${header.name}: ${header.value}`).join('\r\n'),
  };
  if (event.eventType === 'Bounce')
    return { reportId, raw: composeDsn({ ...common, bounces: bouncedRecipients(event.bounce) }) };
  return {
    reportId,
    raw: composeDsn({
      ...common,
      action: 'delayed',
      bounces: delayedRecipients(event.deliveryDelay),
      willRetryUntil: timeOf(event.deliveryDelay.expirationTime),
    }),
  };
}

function bouncedRecipients(bounce: SesBounce): DsnRecipient[] {
  const transient = bounce.bounceType === 'Transient';
  const text = BOUNCE_TEXT[bounce.bounceSubType ?? ''] ?? (transient ? TRANSIENT_TEXT : PERMANENT_TEXT);
  return bounce.bouncedRecipients.map((recipient) =>
    dsnRecipient(recipient, text, transient ? '4.0.0' : '5.0.0'),
  );
}

function delayedRecipients(delay: SesDeliveryDelay): DsnRecipient[] {
  return delay.delayedRecipients.map((recipient) => dsnRecipient(recipient, DELAY_TEXT, '4.0.0'));
}

/** A recipient with SES's status (else the given one) and the remote server's answer after the text. */
function dsnRecipient(recipient: SesEventRecipient, text: string, status: string): DsnRecipient {
  const answer = recipient.diagnosticCode?.replace(/^smtp;\s*/i, '');
  return {
    recipient: recipient.emailAddress,
    status: recipient.status ?? status,
    diagnostic: recipient.diagnosticCode,
    text: answer ? `${text} The server said: ${answer}` : text,
  };
}

/**
 * The report's mailbox message id: `B` and a digest of the event's identity (type, SES message id, feedback id,
 * recipients), so SNS delivering an event twice stores one report. A message gets at most one delay notice.
 */
function reportIdOf(event: SesSendEvent & { eventType: 'Bounce' | 'DeliveryDelay' }): string {
  const identity =
    event.eventType === 'Bounce'
      ? [
          event.eventType,
          event.mail.messageId,
          event.bounce.feedbackId ?? '',
          ...event.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress.toLowerCase()).sort(),
        ]
      : [event.eventType, event.mail.messageId];
  return `B${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 40)}`;
}

/** Epoch ms of an ISO 8601 time, or undefined when there is none or it does not parse. */
export function timeOf(iso: string | undefined): number | undefined {
  const time = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

import { randomBytes } from 'node:crypto';
import type { Bounce } from './types';

/** Everything an RFC 3464 delivery status notification says. */
export interface DsnInput {
  /** Host name of the reporting MTA (Reporting-MTA, the From address domain). */
  readonly reportingMta: string;
  /** The envelope sender of the original message: the DSN's recipient. */
  readonly to: string;
  /** When the original message arrived (epoch ms). */
  readonly arrivalDate: number;
  /** When the DSN is written (epoch ms). */
  readonly date: number;
  /** The id the DSN's Message-ID is derived from (SES message id), so a resent DSN keeps its id. */
  readonly messageId: string;
  readonly originalSubject?: string;
  readonly bounces: readonly Bounce[];
  /** The original message's header block. */
  readonly originalHeaders: string;
}

const STATUS_TEXT: Readonly<Record<Bounce['status'], string>> = {
  '5.1.1': 'The address does not exist in this organization.',
  '5.2.1': 'The mailbox is disabled and does not accept messages.',
  '5.2.2': 'The mailbox is full.',
  '5.3.4': 'The message is larger than the 40 MB the organization accepts.',
  '5.5.3': 'The message has more recipients than the organization accepts.',
  '5.7.1': "The organization's policy rejected the message.",
};

/**
 * Writes a multipart/report (report-type=delivery-status) DSN: a human-readable part, a message/delivery-status
 * part with one per-recipient block per bounce (Action: failed), and the original headers as text/rfc822-headers.
 * @example
 * const raw = composeDsn({ reportingMta: 'mx.example.com', to: 'a@b.example', arrivalDate, date: Date.now(),
 *   messageId, bounces: [{ recipient: 'x@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown' }],
 *   originalHeaders });
 */
export function composeDsn(input: DsnInput): Buffer {
  const boundary = `=_dsn_${randomBytes(12).toString('hex')}`;
  const mta = oneLine(input.reportingMta);
  const subject = `Undeliverable: ${oneLine(input.originalSubject ?? '(no subject)')}`.slice(0, 200);
  const human = [
    `This is the mail system at ${mta}.`,
    '',
    'Your message could not be delivered to one or more recipients. It has not been delivered to:',
    '',
    ...input.bounces.map(
      (bounce) => `  ${oneLine(bounce.recipient)}: ${STATUS_TEXT[bounce.status]} (${bounce.status})`,
    ),
    '',
  ];
  const perMessage = [`Reporting-MTA: dns; ${mta}`, `Arrival-Date: ${rfc5322Date(input.arrivalDate)}`];
  const perRecipient = input.bounces.map((bounce) =>
    [
      `Final-Recipient: rfc822; ${oneLine(bounce.recipient)}`,
      'Action: failed',
      `Status: ${bounce.status}`,
      `Diagnostic-Code: ${oneLine(bounce.diagnostic)}`,
    ].join('\r\n'),
  );
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@${mta}>`,
    `To: <${oneLine(input.to)}>`,
    `Subject: ${encodeHeaderText(subject)}`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: <dsn.${oneLine(input.messageId)}@${mta}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-formatted delivery status notification.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...human,
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    perMessage.join('\r\n'),
    '',
    perRecipient.join('\r\n\r\n'),
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    'Content-Transfer-Encoding: 8bit',
    '',
    normalizeHeaders(input.originalHeaders),
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** Removes line breaks and control characters so a value cannot inject header lines or MIME boundaries. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Header lines with CRLF endings, NUL bytes and stray delimiter-looking lines removed, without the blank line. */
function normalizeHeaders(block: string): string {
  return block
    .replace(/\0/g, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('--'))
    .join('\r\n');
}

/** RFC 2047 B-encodes a header value that is not plain ASCII. */
function encodeHeaderText(value: string): string {
  return /^[\u0020-\u007e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** An RFC 5322 date in UTC. */
function rfc5322Date(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, '+0000');
}

import { randomBytes } from 'node:crypto';
import { readFields } from './header-block';
import type { Bounce, BounceStatus } from './types';

/** Recipients a DSN lists one by one; the rest are counted per status, so a DSN's size does not grow with them. */
const LISTED_RECIPIENTS = 20;
/** The original header fields a DSN quotes (RFC 3462 text/rfc822-headers): enough to recognise the message. */
const QUOTED_FIELDS = [
  ['message-id', 'Message-ID'],
  ['date', 'Date'],
  ['from', 'From'],
  ['to', 'To'],
  ['subject', 'Subject'],
] as const;
/** Characters kept of one quoted header value, of an address and of a diagnostic text. */
const MAX_FIELD_CHARS = 256;
const MAX_ADDRESS_CHARS = 256;
const MAX_DIAGNOSTIC_CHARS = 256;

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
  /** The original message's header block; only Message-ID, Date, From, To and Subject are quoted, each clipped. */
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
 * part with one per-recipient block (Action: failed) for each of the first 20 bounces, and a few of the original
 * headers as text/rfc822-headers. Bounces beyond the first 20 are counted per status in the human-readable part,
 * and every value is clipped, so a DSN stays a few kilobytes however many recipients or headers the original had.
 * @example
 * const raw = composeDsn({ reportingMta: 'mx.example.com', to: 'a@b.example', arrivalDate, date: Date.now(),
 *   messageId, bounces: [{ recipient: 'x@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown' }],
 *   originalHeaders });
 */
export function composeDsn(input: DsnInput): Buffer {
  const boundary = `=_dsn_${randomBytes(12).toString('hex')}`;
  const mta = oneLine(input.reportingMta);
  const subject = clip(`Undeliverable: ${oneLine(input.originalSubject ?? '(no subject)')}`, 200);
  const listed = input.bounces.slice(0, LISTED_RECIPIENTS);
  const human = [
    `This is the mail system at ${mta}.`,
    '',
    'Your message could not be delivered to one or more recipients. It has not been delivered to:',
    '',
    ...listed.map((bounce) => `  ${address(bounce)}: ${STATUS_TEXT[bounce.status]} (${bounce.status})`),
    ...summary(input.bounces.slice(LISTED_RECIPIENTS)),
    '',
  ];
  const perMessage = [`Reporting-MTA: dns; ${mta}`, `Arrival-Date: ${rfc5322Date(input.arrivalDate)}`];
  const perRecipient = listed.map((bounce) =>
    [
      `Final-Recipient: rfc822; ${address(bounce)}`,
      'Action: failed',
      `Status: ${bounce.status}`,
      `Diagnostic-Code: ${clip(oneLine(bounce.diagnostic), MAX_DIAGNOSTIC_CHARS)}`,
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
    quotedHeaders(input.originalHeaders),
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n')); // Buffer.from encodes a string as UTF-8
}

/** Removes line breaks and control characters so a value cannot inject header lines or MIME boundaries. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A bounced address, on one line and clipped. */
function address(bounce: Bounce): string {
  return clip(oneLine(bounce.recipient), MAX_ADDRESS_CHARS);
}

/** The bounces not listed one by one, counted per status (one line per status, at most six). */
function summary(rest: readonly Bounce[]): string[] {
  if (rest.length === 0) return [];
  const counts = new Map<BounceStatus, number>();
  for (const bounce of rest) counts.set(bounce.status, (counts.get(bounce.status) ?? 0) + 1);
  return [
    '',
    `  ... and ${rest.length} more recipients, not listed:`,
    ...[...counts].map(([status, count]) => `  ${count} x ${STATUS_TEXT[status]} (${status})`),
  ];
}

/** The quoted fields of the original header block, each unfolded onto one line and clipped. */
function quotedHeaders(block: string): string {
  const fields = readFields(
    block,
    QUOTED_FIELDS.map(([name]) => name),
  );
  return QUOTED_FIELDS.flatMap(([name, label]) => {
    const value = fields.get(name);
    return value === undefined ? [] : [`${label}: ${clip(oneLine(value), MAX_FIELD_CHARS)}`];
  }).join('\r\n');
}

/** The first `max` UTF-16 units of `value`, without splitting a surrogate pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** RFC 2047 B-encodes a header value that is not plain ASCII. */
function encodeHeaderText(value: string): string {
  return /^[\u0020-\u007e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

/** An RFC 5322 date in UTC. */
function rfc5322Date(epochMs: number): string {
  // Stryker disable next-line Regex: toUTCString() has "GMT" only at its end, so anchoring it changes nothing
  return new Date(epochMs).toUTCString().replace(/GMT$/, '+0000');
}

import { randomBytes } from 'node:crypto';
import { readFields } from './header-block';
import type { Bounce } from './types';

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

/**
 * One recipient a DSN reports: a {@link Bounce} of Mailwright's own, or what a remote server said (an SES bounce or
 * delay event), which carries its own status and a human-readable text.
 */
export interface DsnRecipient {
  readonly recipient: string;
  /** RFC 3463 status (`5.1.1`, `4.4.1`, …). */
  readonly status: string;
  /** The Diagnostic-Code (`smtp; 550 5.1.1 …`). @default - no Diagnostic-Code field */
  readonly diagnostic?: string;
  /** What the human-readable part says about the recipient. @default - the text of Mailwright's own status */
  readonly text?: string;
}

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
  readonly bounces: readonly DsnRecipient[];
  /**
   * `failed`: not delivered ("Undeliverable: …"); `delayed`: not delivered yet, still being tried ("Delivery
   * delayed: …", RFC 3464 Action: delayed). @default 'failed'
   */
  readonly action?: 'failed' | 'delayed';
  /** When a delayed message's retries end (Will-Retry-Until, epoch ms). @default - not said */
  readonly willRetryUntil?: number;
  /** The original message's header block; only Message-ID, Date, From, To and Subject are quoted, each clipped. */
  readonly originalHeaders: string;
}

const STATUS_TEXT: Readonly<Partial<Record<string, string>>> = {
  '5.1.1': 'The address does not exist in this organization.',
  '5.2.1': 'The mailbox is disabled and does not accept messages.',
  '5.2.2': 'The mailbox is full.',
  '5.3.4': 'The message is larger than the 40 MB the organization accepts.',
  '5.5.3': 'The message has more recipients than the organization accepts.',
  '5.7.1': "The organization's policy rejected the message.",
} satisfies Record<Bounce['status'], string>;
/** The text of a status Mailwright does not write itself (and no text was given). */
const OTHER_STATUS_TEXT = 'The message could not be delivered.';

/** What each action's report says: its subject prefix and its first sentence. */
const ACTION_TEXT = {
  failed: {
    subject: 'Undeliverable',
    intro: 'Your message could not be delivered to one or more recipients. It has not been delivered to:',
  },
  delayed: {
    subject: 'Delivery delayed',
    intro:
      'Your message has not been delivered to one or more recipients yet. The mail system is still trying:',
  },
} as const;

/**
 * Writes a multipart/report (report-type=delivery-status) DSN: a human-readable part, a message/delivery-status
 * part with one per-recipient block (Action: failed, or delayed) for each of the first 20 bounces, and a few of the
 * original headers as text/rfc822-headers. Bounces beyond the first 20 are counted per status in the human-readable part,
 * and every value is clipped, so a DSN stays a few kilobytes however many recipients or headers the original had.
 * @example
 * const raw = composeDsn({ reportingMta: 'mx.example.com', to: 'a@b.example', arrivalDate, date: Date.now(),
 *   messageId, bounces: [{ recipient: 'x@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown' }],
 *   originalHeaders });
 */
export function composeDsn(input: DsnInput): Buffer {
  const boundary = `=_dsn_${randomBytes(12).toString('hex')}`;
  const mta = oneLine(input.reportingMta);
  const action = input.action ?? 'failed';
  const subject = clip(
    `${ACTION_TEXT[action].subject}: ${oneLine(input.originalSubject ?? '(no subject)')}`,
    200,
  );
  const listed = input.bounces.slice(0, LISTED_RECIPIENTS);
  const retryUntil = input.willRetryUntil === undefined ? undefined : rfc5322Date(input.willRetryUntil);
  const human = [
    `This is the mail system at ${mta}.`,
    '',
    ACTION_TEXT[action].intro,
    '',
    ...listed.map((bounce) => `  ${address(bounce)}: ${textOf(bounce)} (${statusOf(bounce)})`),
    ...summary(input.bounces.slice(LISTED_RECIPIENTS)),
    ...(retryUntil ? ['', `It will keep trying until ${retryUntil}.`] : []),
    '',
  ];
  const perMessage = [`Reporting-MTA: dns; ${mta}`, `Arrival-Date: ${rfc5322Date(input.arrivalDate)}`];
  const perRecipient = listed.map((bounce) =>
    [
      `Final-Recipient: rfc822; ${address(bounce)}`,
      `Action: ${action}`,
      `Status: ${statusOf(bounce)}`,
      ...(bounce.diagnostic
        ? [`Diagnostic-Code: ${clip(oneLine(bounce.diagnostic), MAX_DIAGNOSTIC_CHARS)}`]
        : []),
      ...(retryUntil ? [`Will-Retry-Until: ${retryUntil}`] : []),
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
function address(bounce: DsnRecipient): string {
  return clip(oneLine(bounce.recipient), MAX_ADDRESS_CHARS);
}

/** The recipient's status if it has the RFC 3463 form, else the generic one of its class (or 5.0.0). */
function statusOf(bounce: DsnRecipient): string {
  if (/^[245]\.\d{1,3}\.\d{1,3}$/.test(bounce.status)) return bounce.status;
  return /^4/.test(bounce.status) ? '4.0.0' : '5.0.0';
}

/** The human-readable text of a recipient, on one line and clipped. */
function textOf(bounce: DsnRecipient): string {
  const text = bounce.text ?? STATUS_TEXT[bounce.status] ?? OTHER_STATUS_TEXT;
  return clip(oneLine(text), MAX_DIAGNOSTIC_CHARS);
}

/** The bounces not listed one by one, counted per status and text (one line each). */
function summary(rest: readonly DsnRecipient[]): string[] {
  if (rest.length === 0) return [];
  const counts = new Map<string, number>();
  for (const bounce of rest) {
    const line = `${textOf(bounce)} (${statusOf(bounce)})`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [
    '',
    `  ... and ${rest.length} more recipients, not listed:`,
    ...[...counts].map(([line, count]) => `  ${count} x ${line}`),
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

import { randomBytes } from 'node:crypto';

/**
 * The envelope journal report ([MS-XJRNL] / Exchange's "envelope journaling"): a multipart/mixed message whose
 * first part is a text/plain envelope (one `Name: value` line per fact, one line per recipient) and whose second
 * part is the original message, attached as message/rfc822 byte for byte.
 */

/** How a recipient was addressed: `Recipient` when the header does not say (the basic field). */
export type RecipientKind = 'To' | 'Cc' | 'Bcc' | 'Recipient';

/** One recipient line of the envelope: `To: member@x, Expanded: group@x`. */
export interface JournalRecipient {
  readonly kind: RecipientKind;
  readonly address: string;
  /** The group whose expansion reached this recipient. */
  readonly expanded?: string;
  /** The address that forwarded to this recipient. */
  readonly forwarded?: string;
}

/** The facts of the journaled message the envelope lists. */
export interface JournalEnvelope {
  /** The sender: the envelope's MAIL FROM, else the `From:` address. */
  readonly sender: string;
  readonly subject: string;
  /** The original's Message-ID, with its angle brackets; empty when it has none. */
  readonly messageId: string;
  readonly recipients: readonly JournalRecipient[];
}

/** Everything the report message needs besides the envelope and the original. */
export interface JournalReportHeaders {
  /** The reserved sender (`amazonjournaling@<alias>.<suffix>`). */
  readonly from: string;
  readonly to: string;
  readonly recordId: string;
  /** The `X-WM-Journal-Report` value (see report-mac.ts). */
  readonly signature: string;
  /** Epoch ms of the record. */
  readonly date: number;
}

/** Name of the header that marks and signs a journal record. */
export const JOURNAL_REPORT_HEADER = 'X-WM-Journal-Report';

/**
 * The envelope part's text: `Sender`, `Subject`, `Message-ID`, then one line per recipient (CRLF line ends).
 * Values have their line breaks removed, so no value can add a line.
 * @example
 * envelopeText({ sender: 'a@x', subject: 'Hi', messageId: '<1@x>', recipients: [{ kind: 'To', address: 'b@y' }] });
 * // 'Sender: a@x\r\nSubject: Hi\r\nMessage-ID: <1@x>\r\nTo: b@y\r\n'
 */
export function envelopeText(envelope: JournalEnvelope): string {
  const lines = [
    `Sender: ${oneLine(envelope.sender)}`,
    `Subject: ${oneLine(envelope.subject)}`,
    `Message-ID: ${oneLine(envelope.messageId)}`,
    ...envelope.recipients.map(
      (recipient) =>
        `${recipient.kind}: ${oneLine(recipient.address)}` +
        (recipient.expanded ? `, Expanded: ${oneLine(recipient.expanded)}` : '') +
        (recipient.forwarded ? `, Forwarded: ${oneLine(recipient.forwarded)}` : ''),
    ),
  ];
  return lines.map((line) => `${line}\r\n`).join('');
}

/**
 * Builds the journal report message.
 * @param headers - sender, journaling address, record id, signature and date
 * @param envelope - the facts the envelope part lists
 * @param original - the journaled message, attached unmodified
 * @example
 * const report = buildJournalReport({ from, to, recordId, signature, date }, envelope, raw);
 */
export function buildJournalReport(
  headers: JournalReportHeaders,
  envelope: JournalEnvelope,
  original: Buffer,
): Buffer {
  let boundary = `=_journal_${randomBytes(12).toString('hex')}`;
  while (original.includes(boundary)) boundary = `=_journal_${randomBytes(12).toString('hex')}`;
  const domain = headers.from.slice(headers.from.lastIndexOf('@') + 1);
  const head = [
    `From: ${headers.from}`,
    `To: ${headers.to}`,
    `Subject: ${encodeSubject(oneLine(envelope.subject))}`,
    `Date: ${new Date(headers.date).toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${headers.recordId}@${domain}>`,
    'MIME-Version: 1.0',
    `${JOURNAL_REPORT_HEADER}: ${headers.signature}`,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    envelopeText(envelope),
    `--${boundary}`,
    'Content-Type: message/rfc822',
    `Content-Transfer-Encoding: ${original.some((byte) => byte > 0x7f) ? '8bit' : '7bit'}`,
    'Content-Disposition: attachment',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), original, Buffer.from(`\r\n--${boundary}--\r\n`)]);
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function encodeSubject(subject: string): string {
  return /^[\u0020-\u007e]*$/.test(subject)
    ? subject
    : `=?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`;
}

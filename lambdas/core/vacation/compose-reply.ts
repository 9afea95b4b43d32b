import { randomBytes } from 'node:crypto';
import { htmlToText, parseMessageIds } from '../message';
import type { VacationResponse } from './types';

/** What a vacation reply says and answers. */
export interface VacationReplyInput {
  /** The user's primary address: the reply's From. */
  readonly from: string;
  /** The envelope sender of the original message: the reply's only recipient. */
  readonly to: string;
  readonly response: VacationResponse;
  /** The original message's Subject, Message-ID and References (raw values). */
  readonly original: { readonly subject?: string; readonly messageId?: string; readonly references?: string };
  /** When the reply is written (epoch ms). */
  readonly date: number;
}

/** The text sent when the user set neither a text nor an HTML body. */
export const DEFAULT_VACATION_TEXT =
  'This is an automatic reply: I am away at the moment and will read your message when I am back.';

/** Characters kept of the reply's subject; message ids kept in References. */
const MAX_SUBJECT_CHARS = 200;
const MAX_REFERENCES = 20;

/**
 * Writes a vacation reply (RFC 3834 §3): From the user, To the original's envelope sender, the configured subject or
 * `Auto: <original subject>`, In-Reply-To and References naming the original, `Auto-Submitted: auto-replied` (and
 * `X-Auto-Response-Suppress: All`, so other responders do not answer it), the text body (derived from the HTML when
 * only that is set, a default when neither is) and the HTML body as an alternative when set. Bodies are base64, so
 * any text is safe on the wire; header values are one line each.
 * @example
 * const raw = composeVacationReply({ from: 'ana@example.com', to: 'olga@example.net', response, date: Date.now(),
 *   original: { subject: 'Budget', messageId: '<b@example.net>' } });
 */
export function composeVacationReply(input: VacationReplyInput): Buffer {
  const { response, original } = input;
  const subject = clip(
    oneLine(response.subject ?? `Auto: ${oneLine(original.subject ?? '') || '(no subject)'}`),
  );
  const parent = msgIds(original.messageId).slice(0, 1);
  const references = [...msgIds(original.references), ...parent].slice(-MAX_REFERENCES);
  const domain = input.from.slice(input.from.lastIndexOf('@') + 1);
  const text =
    response.textBody ?? (response.htmlBody !== null ? textOf(response.htmlBody) : DEFAULT_VACATION_TEXT);
  const head = [
    `From: <${oneLine(input.from)}>`,
    `To: <${oneLine(input.to)}>`,
    `Subject: ${encodeHeaderText(subject)}`,
    `Date: ${new Date(input.date).toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <vacation.${randomBytes(16).toString('hex')}@${oneLine(domain)}>`,
    ...(parent.length > 0 ? [`In-Reply-To: <${parent[0]}>`] : []),
    ...(references.length > 0 ? [`References: ${references.map((id) => `<${id}>`).join('\r\n ')}`] : []),
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'MIME-Version: 1.0',
  ];
  const textPart = part('text/plain', text);
  if (response.htmlBody === null) return Buffer.from([...head, ...textPart].join('\r\n'));
  const boundary = `=_vacation_${randomBytes(12).toString('hex')}`;
  const lines = [
    ...head,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...textPart,
    `--${boundary}`,
    ...part('text/html', response.htmlBody),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

/** A UTF-8 body part's header and base64 body (lines of 76 characters). */
function part(mediaType: string, body: string): string[] {
  const encoded = Buffer.from(body).toString('base64');
  return [
    `Content-Type: ${mediaType}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    ...(encoded.match(/.{1,76}/g) ?? []),
    '',
  ];
}

/**
 * The text an HTML body shows: inline tags dropped without a gap, line breaks at breaks and block ends, blank runs
 * collapsed.
 */
function textOf(html: string): string {
  const marked = html
    .replace(/<\/?(a|abbr|b|big|code|em|font|i|mark|s|small|span|strong|sub|sup|u)\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])\s*>/gi, '$&\n');
  return htmlToText(marked)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The well-formed message ids of a raw Message-ID, In-Reply-To or References value. */
function msgIds(raw: string | undefined): string[] {
  return (parseMessageIds(raw ?? '') ?? []).filter((id) =>
    /^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/.test(id),
  );
}

/** Removes line breaks and control characters so a value cannot add header lines. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** The first characters of a subject, without splitting a surrogate pair. */
function clip(value: string): string {
  return [...value].slice(0, MAX_SUBJECT_CHARS).join('');
}

/** RFC 2047 B-encodes a value that is not plain ASCII, in words of at most 45 octets (75 characters a word). */
function encodeHeaderText(value: string): string {
  if (/^[\u0020-\u007e]*$/.test(value)) return value;
  const words: string[] = [];
  let current = '';
  for (const char of value) {
    if (Buffer.byteLength(current + char) > 45) {
      words.push(current);
      current = '';
    }
    current += char;
  }
  words.push(current);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join('\r\n ');
}

import { splitMultipart } from '../message/multipart';
import { mediaTypeOf, parseParameterizedValue } from '../message/parameters';
import { fieldValues, joinMessage, splitMessage } from '../sending/header-block';
import { JOURNAL_REPORT_HEADER } from './report-format';
import { verifyJournalReportHeader, type JournalReportVerification } from './report-mac';

const HEADER = JOURNAL_REPORT_HEADER.toLowerCase();

/**
 * Verifies a whole journal report as it arrived: exactly one `X-WM-Journal-Report` header, a multipart/mixed body
 * with a message/rfc822 part, and a MAC that matches that part's bytes. Anything else is `malformed`.
 * @param key - the journal report MAC key (`journalReportKey`)
 * @param report - the report message's bytes
 * @example
 * verifyJournalReport(key, reportBytes); // { valid: true, recordId: 'j…', journalingAddress: 'archive@vault.example' }
 */
export function verifyJournalReport(key: Uint8Array, report: Buffer): JournalReportVerification {
  const message = splitMessage(report);
  const values = fieldValues(message, HEADER);
  const original = attachedOriginal(report);
  if (values.length !== 1 || !original) return { valid: false, reason: 'malformed' };
  return verifyJournalReportHeader(key, values[0], original);
}

/** The bytes of the report's first message/rfc822 part, if it has one. */
function attachedOriginal(report: Buffer): Buffer | undefined {
  const message = splitMessage(report);
  const contentType = parseParameterizedValue(fieldValues(message, 'content-type')[0] ?? '');
  const boundary = contentType.parameters.get('boundary');
  if (mediaTypeOf(contentType) !== 'multipart/mixed' || !boundary) return undefined;
  const bodyStart = report.length - message.rest.length;
  for (const range of splitMultipart(report, bodyStart, report.length, boundary, 10).parts) {
    const part = splitMessage(report.subarray(range.start, range.end));
    const type = parseParameterizedValue(fieldValues(part, 'content-type')[0] ?? '');
    if (mediaTypeOf(type) === 'message/rfc822') return part.rest.subarray(part.newline.length);
  }
  return undefined;
}

/**
 * Removes every `X-WM-Journal-Report` field from a message's top-level header (mail from outside must never carry
 * one that looks like Mailwright's). A message without one is returned as is, without a copy.
 * @example
 * const delivered = stripJournalReportHeader(raw);
 */
export function stripJournalReportHeader(raw: Buffer): Buffer {
  const message = splitMessage(raw);
  if (!message.fields.some((field) => field.name.toLowerCase() === HEADER)) return raw;
  return joinMessage(message, { remove: [HEADER] });
}

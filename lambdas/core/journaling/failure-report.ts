import type { PendingJournalRecord } from './ports';
import { buildJournalReport } from './report-format';
import { sha256, signJournalReport } from './report-mac';

/** Subject of the notice the report address gets. */
export const FAILURE_REPORT_SUBJECT = 'Journal record not delivered';

/**
 * The notice the report address gets about a journal record that could not be delivered for 12 hours: which record,
 * when, and what message it was about (Message-ID, sender), never the message itself. It has the journal report's
 * shape and signature (the notice is the attached part), so that inbound delivery recognises it as Mailwright's own
 * and never journals it, and an archive can verify it like a record.
 * @param record - the record given up on
 * @param now - epoch ms of the notice
 * @param key - the journal report MAC key
 * @example
 * const notice = failureReport(record, Date.now(), macKey);
 */
export function failureReport(record: PendingJournalRecord, now: number, key: Uint8Array): Buffer {
  const line = (value: string) => value.replace(/[\r\n]+/g, ' ');
  const notice = Buffer.from(
    [
      `From: ${record.from}`,
      `Subject: ${FAILURE_REPORT_SUBJECT}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A journal record could not be delivered to the journaling address and was given up on.',
      '',
      `Journaling address: ${line(record.journalingAddress)}`,
      `Journal record: ${record.recordId}`,
      `Direction: ${record.direction}`,
      `Produced: ${new Date(record.createdAt).toISOString()}`,
      `Delivery attempts: ${record.attempts}`,
      `Original Message-ID: ${line(record.originalMessageId) || '(none)'}`,
      `Original sender: ${line(record.originalSender) || '(null sender)'}`,
      '',
      'The journaled message is not included.',
      '',
    ].join('\r\n'),
    'utf8',
  );
  const recordId = `${record.recordId}-failed`;
  const signature = signJournalReport(key, {
    recordId,
    journalingAddress: record.reportAddress,
    originalSha256: sha256(notice),
  });
  return buildJournalReport(
    { from: record.from, to: record.reportAddress, recordId, signature, date: now },
    {
      sender: record.originalSender,
      subject: FAILURE_REPORT_SUBJECT,
      messageId: record.originalMessageId,
      recipients: [],
    },
    notice,
  );
}

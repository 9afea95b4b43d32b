import { randomBytes } from 'node:crypto';
import type { PendingJournalRecord } from './ports';

/**
 * The notice the report address gets about a journal record that could not be delivered for 12 hours: which record,
 * when, and what message it was about (Message-ID, sender), never the message itself.
 * @param record - the record given up on
 * @param now - epoch ms of the notice
 * @example
 * const notice = failureReport(record, Date.now());
 */
export function failureReport(record: PendingJournalRecord, now: number): Buffer {
  const domain = record.from.slice(record.from.lastIndexOf('@') + 1);
  const line = (value: string) => value.replace(/[\r\n]+/g, ' ');
  const body = [
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
  ].join('\r\n');
  const head = [
    `From: ${record.from}`,
    `To: ${record.reportAddress}`,
    'Subject: Journal record not delivered',
    `Date: ${new Date(now).toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${record.recordId}.failed.${randomBytes(4).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    'Auto-Submitted: auto-generated',
    '',
    '',
  ].join('\r\n');
  return Buffer.from(head + body, 'utf8');
}

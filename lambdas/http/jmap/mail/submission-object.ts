import type { RecipientResult, SubmissionRecord } from '../../../core/sending';

/** The JMAP Submission account capability (RFC 8621 §1.3.2): no delayed sending, no SMTP extensions. */
export const SUBMISSION_ACCOUNT_CAPABILITY = { maxDelayedSend: 0, submissionExtensions: {} };

/** The ids of a mailbox's submissions start with the send time in base 36, so they sort by time. */
const TIME_DIGITS = 9;

/**
 * A new submission id: the send time (9 base-36 digits) and 12 random hex digits, `[0-9a-z]`.
 * @example
 * submissionIdAt(Date.now(), randomBytes(6).toString('hex')); // 'mxyz12abc3f9e0a1b2c3d'
 */
export function submissionIdAt(sendAt: number, random: string): string {
  return `${sendAt.toString(36).padStart(TIME_DIGITS, '0')}${random}`;
}

/** The send time an id starts with, or undefined when it is not a submission id. */
export function sendTimeOf(id: string): number | undefined {
  if (!/^[0-9a-z]{9}[0-9a-f]{12}$/.test(id)) return undefined;
  return parseInt(id.slice(0, TIME_DIGITS), 36);
}

/** The EmailSubmission object (RFC 8621 §7) of a stored record. */
export function submissionObject(record: SubmissionRecord): Record<string, unknown> {
  return {
    id: record.submissionId,
    identityId: record.identityId,
    emailId: record.emailId,
    threadId: record.threadId,
    envelope: {
      mailFrom: { email: record.envelope.mailFrom, parameters: null },
      rcptTo: record.envelope.rcptTo.map((email) => ({ email, parameters: null })),
    },
    sendAt: new Date(record.sendAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    undoStatus: 'final',
    deliveryStatus: Object.fromEntries(record.recipients.map((result) => [result.recipient, status(result)])),
    dsnBlobIds: [],
    mdnBlobIds: [],
  };
}

/**
 * A recipient's DeliveryStatus: delivered here (`yes`), bounced (`no`), handed to the outbound service or dropped
 * by a rule (`unknown`: no later news comes back, and a drop is not shown to the sender).
 */
function status(result: RecipientResult) {
  switch (result.status) {
    case 'delivered':
      return { smtpReply: '250 2.1.5 Delivered', delivered: 'yes', displayed: 'unknown' };
    case 'bounced':
      return { smtpReply: '550 5.0.0 Not delivered', delivered: 'no', displayed: 'unknown' };
    default:
      return { smtpReply: '250 2.0.0 OK', delivered: 'unknown', displayed: 'unknown' };
  }
}

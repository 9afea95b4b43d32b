import { createHash } from 'node:crypto';

/** What a trace follows: an inbound message (SES message id), a submission, or a submission's internal delivery. */
export type TraceSource = 'inbound' | 'submission' | 'internal';

/**
 * The `traceId` shared by every event of one message processing: 32 hex digits derived from what the processing is
 * about, so a retry, a replay and another function (SES send events, journaling) arrive at the same id without
 * storing it. A submission's delivery to colleagues is a second processing (its received copy), with its own trace.
 * @param id - the SES message id (inbound) or the submission id
 * @example
 * emailTraceId('inbound', record.ses.mail.messageId); // '5d41402abc4b2a76b9719d911017c592'
 */
export function emailTraceId(source: TraceSource, id: string): string {
  return createHash('sha256').update(`${source}\0${id}`).digest('hex').slice(0, 32);
}

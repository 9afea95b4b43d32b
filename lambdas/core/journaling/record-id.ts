import { createHash } from 'node:crypto';

/** Which way the journaled message went. */
export type JournalDirection = 'inbound' | 'outbound';

/**
 * The id of the journal record of one message in one organization, derived from the message's own id (SES's
 * message id inbound, the submission id outbound), so a replay of the pipeline names the same record and
 * cannot produce a second one.
 * @example
 * journalRecordId('inbound', 'm-1', sesMessageId); // 'j3f2…' (33 characters)
 */
export function journalRecordId(
  direction: JournalDirection,
  organizationId: string,
  messageId: string,
): string {
  const digest = createHash('sha256').update(`${direction}\n${organizationId}\n${messageId}`).digest('hex');
  return `j${digest.slice(0, 32)}`;
}

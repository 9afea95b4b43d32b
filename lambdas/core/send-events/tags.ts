import type { SendOrigin } from './types';

/** The message tags that name whose mailbox reports about a sent message go to. */
export const SEND_EVENT_TAGS = {
  organizationId: 'mailwright-organization',
  mailboxId: 'mailwright-mailbox',
  submissionId: 'mailwright-submission',
} as const;

/** What SES accepts as a message tag value: ASCII letters, digits, `_` and `-`, at most 256 characters. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The message tags of a send, naming the sender's organization and mailbox by id, and the submission when there is
 * one (never an address, since SES keeps tags in its event records); none when an id cannot be a tag value, so the
 * send still goes out.
 * @example
 * sendEventTags({ organizationId: 'm-0123…', mailboxId: 'b2f1…' });
 * // [{ name: 'mailwright-organization', value: 'm-0123…' }, { name: 'mailwright-mailbox', value: 'b2f1…' }]
 */
export function sendEventTags(origin: SendOrigin): { name: string; value: string }[] {
  if (!TAG_VALUE.test(origin.organizationId) || !TAG_VALUE.test(origin.mailboxId)) return [];
  return [
    { name: SEND_EVENT_TAGS.organizationId, value: origin.organizationId },
    { name: SEND_EVENT_TAGS.mailboxId, value: origin.mailboxId },
    ...(origin.submissionId !== undefined && TAG_VALUE.test(origin.submissionId)
      ? [{ name: SEND_EVENT_TAGS.submissionId, value: origin.submissionId }]
      : []),
  ];
}

/**
 * The origin an event's tags name, when both tags are there once and well formed.
 * @example
 * readSendEventTags(event.mail.tags); // { organizationId, mailboxId, submissionId? } or undefined
 */
export function readSendEventTags(tags: Readonly<Record<string, readonly string[]>>): SendOrigin | undefined {
  const one = (name: string) => {
    const values = Object.hasOwn(tags, name) ? tags[name] : undefined;
    return values?.length === 1 && TAG_VALUE.test(values[0]) ? values[0] : undefined;
  };
  const organizationId = one(SEND_EVENT_TAGS.organizationId);
  const mailboxId = one(SEND_EVENT_TAGS.mailboxId);
  const submissionId = one(SEND_EVENT_TAGS.submissionId);
  if (!organizationId || !mailboxId) return undefined;
  return { organizationId, mailboxId, ...(submissionId ? { submissionId } : {}) };
}

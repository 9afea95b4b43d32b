import { mailboxQuotaBytes } from '../config/quotas';
import { storeCopy } from '../sending/store-copies';
import { composeSendEventReport, timeOf } from './compose-report';
import { logSendEvent } from './email-events';
import type { SendEventDeps } from './ports';
import { readSendEvent } from './read-event';
import { readSendEventTags } from './tags';
import type { IgnoredReason, SendEventOutcome, SesSendEvent, SnsNotifications } from './types';

/**
 * How long SES must have been trying before a delay is worth a notice: Exchange's default (4 hours), so a
 * greylisting server's short delay tells the sender nothing.
 */
export const DELAY_NOTICE_AFTER_MS = 4 * 60 * 60 * 1000;

/**
 * Handles one SES sending event from the configuration set: a bounce (or a long delay) of a message a user sent
 * becomes a report in their Inbox; a complaint is only logged, for the admin; a delivery is only logged and counted.
 * Primary course:
 * 1. read the event (a Delivery, Bounce, Complaint or DeliveryDelay with its `mail`); ignore anything else;
 * 2. read the organization and mailbox ids from its message tags; ignore an event without them;
 * 3. check that the mailbox is an enabled user or resource of that organization (tags name ids only, so a tag can
 *    never send a report into another organization's mailbox); ignore it otherwise;
 * 4. log the event with counts and statuses; write the organization's email events and count the mail metrics of a
 *    delivery or a bounce ({@link logSendEvent}); a delivery ends here, and so does a complaint (WorkMail does not
 *    tell users of complaints) and a delay reported less than {@link DELAY_NOTICE_AFTER_MS} after sending;
 * 5. write the report (RFC 3464) to the mailbox's address and store it in its Inbox under an id derived from the
 *    event, so an event SNS delivers twice is stored once; a full mailbox gets none.
 * Failures of the directory or the mailbox store propagate, so Lambda retries the event.
 * @param message - the SNS message text (SES's JSON)
 * @example
 * const outcome = await processSendEvent(deps, record.Sns.Message);
 */
export async function processSendEvent(deps: SendEventDeps, message: string): Promise<SendEventOutcome> {
  const event = readSendEvent(message);
  if (!event) return ignore(deps, 'unreadable', {});
  const facts = { eventType: event.eventType, sesMessageId: event.mail.messageId };
  const origin = readSendEventTags(event.mail.tags);
  if (!origin) return ignore(deps, 'untagged', facts);
  const entity = await deps.entities.getEntity(origin.organizationId, origin.mailboxId);
  const owner = entity?.organizationId === origin.organizationId ? entity : undefined;
  if (!owner?.email || owner.kind === 'GROUP' || owner.state !== 'ENABLED')
    return ignore(deps, 'unknownMailbox', { ...facts, ...origin });
  deps.logger.info(`Outgoing email ${VERB[event.eventType]}`, { ...facts, ...origin, ...summary(event) });
  await logSendEvent(deps, event, origin);
  if (event.eventType === 'Delivery') return { outcome: 'delivered' };
  if (event.eventType === 'Complaint') return { outcome: 'ignored', reason: 'complaint' };
  if (event.eventType === 'DeliveryDelay' && !longDelay(event))
    return { outcome: 'ignored', reason: 'shortDelay' };

  const now = (deps.now ?? Date.now)();
  const report = composeSendEventReport(event, owner.email, deps.reportingMta, now);
  const stored = await storeCopy(deps, {
    ...origin,
    messageId: report.reportId,
    folder: 'INBOX',
    raw: report.raw,
    quotaBytes: mailboxQuotaBytes(owner.mailboxQuotaMegabytes, deps.quotas),
  });
  if (!stored) return ignore(deps, 'mailboxFull', { ...facts, ...origin });
  return { outcome: 'reported', reportId: report.reportId };
}

/**
 * Handles each record of an SNS event in turn (SNS invokes a function with one record).
 * @example
 * await processSendEventNotifications(deps, snsEvent);
 */
export async function processSendEventNotifications(
  deps: SendEventDeps,
  event: SnsNotifications,
): Promise<SendEventOutcome[]> {
  const outcomes: SendEventOutcome[] = [];
  for (const record of event.Records) outcomes.push(await processSendEvent(deps, record.Sns.Message));
  return outcomes;
}

const VERB = {
  Delivery: 'delivered',
  Bounce: 'bounced',
  Complaint: 'complaint',
  DeliveryDelay: 'delayed',
} as const;

/** What the log line says of an event besides ids: its kind, how many recipients, which statuses. */
function summary(event: SesSendEvent): Record<string, unknown> {
  if (event.eventType === 'Delivery') return { recipients: event.delivery.recipients.length };
  if (event.eventType === 'Complaint')
    return {
      feedbackType: event.complaint.complaintFeedbackType,
      recipients: event.complaint.complainedRecipients.length,
    };
  const [kind, recipients] =
    event.eventType === 'Bounce'
      ? [`${event.bounce.bounceType}/${event.bounce.bounceSubType ?? ''}`, event.bounce.bouncedRecipients]
      : [event.deliveryDelay.delayType, event.deliveryDelay.delayedRecipients];
  return {
    kind,
    recipients: recipients.length,
    statuses: [...new Set(recipients.map((recipient) => recipient.status ?? 'none'))],
  };
}

/** Whether SES reported the delay at least {@link DELAY_NOTICE_AFTER_MS} after it accepted the message. */
function longDelay(event: Extract<SesSendEvent, { eventType: 'DeliveryDelay' }>): boolean {
  const sent = timeOf(event.mail.timestamp);
  const reported = timeOf(event.deliveryDelay.timestamp);
  return sent !== undefined && reported !== undefined && reported - sent >= DELAY_NOTICE_AFTER_MS;
}

function ignore(
  deps: SendEventDeps,
  reason: IgnoredReason,
  facts: Record<string, unknown>,
): SendEventOutcome {
  deps.logger.warn('SES sending event ignored', { reason, ...facts });
  return { outcome: 'ignored', reason };
}

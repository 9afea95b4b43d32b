import { extractAddress } from '../delivery/header-block';
import { emailTraceId, outgoingEmailBounced, outgoingEmailSent, type EmailEvent } from '../email-events';
import type { SendEventDeps } from './ports';
import type { SendOrigin, SesSendEvent, SesSentMail } from './types';

/**
 * Logs and counts what an SES Delivery or Bounce event says of each outside recipient: OUTGOING_EMAIL_SENT /
 * OutgoingEmailSent per recipient delivered, OUTGOING_EMAIL_BOUNCED / OutgoingEmailBounced per recipient bounced,
 * under the submission's trace (its message tag; SES's message id when it has none). Other events log nothing.
 * @param origin - the organization, mailbox and submission the message tags name (checked by the caller)
 * @example
 * await logSendEvent(deps, event, origin);
 */
export async function logSendEvent(
  deps: SendEventDeps,
  event: SesSendEvent,
  origin: SendOrigin,
): Promise<void> {
  const { organizationId } = origin;
  let events: EmailEvent[] = [];
  if (event.eventType === 'Delivery') {
    const message = headersOf(event.mail);
    events = event.delivery.recipients.map((recipient) => outgoingEmailSent(recipient, message));
  } else if (event.eventType === 'Bounce') {
    const { bounce } = event;
    events = bounce.bouncedRecipients.map((recipient) =>
      outgoingEmailBounced({
        emailAddress: recipient.emailAddress,
        reason: recipient.diagnosticCode ?? `${bounce.bounceType} ${bounce.bounceSubType ?? ''}`.trim(),
        status: recipient.status ?? (bounce.bounceType === 'Permanent' ? '5.0.0' : '4.0.0'),
      }),
    );
  }
  const metric = event.eventType === 'Delivery' ? 'OutgoingEmailSent' : 'OutgoingEmailBounced';
  for (let count = 0; count < events.length; count++) deps.metrics?.count(organizationId, metric);
  const traceId = origin.submissionId
    ? emailTraceId('submission', origin.submissionId)
    : emailTraceId('inbound', event.mail.messageId);
  await deps.events?.write(organizationId, traceId, events);
}

/** The sent message's From, Sender and Message-ID, as SES quotes its headers. */
function headersOf(mail: SesSentMail): { from: string; sender?: string; messageId: string } {
  const header = (name: string) =>
    mail.headers.find((candidate) => candidate.name.toLowerCase() === name)?.value;
  return {
    from: extractAddress(header('from')) ?? '',
    sender: extractAddress(header('sender')),
    messageId: header('message-id')?.trim() ?? '',
  };
}

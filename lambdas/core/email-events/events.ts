import type {
  BouncedRecipient,
  EventDmarcPolicy,
  EventVerdict,
  OrganizationEmailReceivedEvent,
  OutgoingEmailBouncedEvent,
  OutgoingEmailSentEvent,
  OutgoingEmailSubmittedEvent,
} from './types';

/** The facts of a received message that ORGANIZATION_EMAIL_RECEIVED reports. */
export interface ReceivedMessage {
  readonly recipients: readonly string[];
  /** The `From:` address. */
  readonly from: string;
  /** The `Sender:` address, when the message has one. */
  readonly sender?: string;
  readonly subject: string;
  readonly messageId: string;
  readonly verdicts: {
    readonly spam: EventVerdict;
    readonly dkim: EventVerdict;
    readonly dmarc: EventVerdict;
    readonly spf: EventVerdict;
    /** The sending domain's published policy, any case. */
    readonly dmarcPolicy?: string;
  };
  /** Epoch ms. */
  readonly receivedAt: number;
}

/**
 * `{ sender }` when the message was sent on behalf of `from` (a `Sender:` that differs from it), else nothing: the
 * field is present only for send-on-behalf.
 * @example
 * onBehalf('boss@example.com', 'assistant@example.com'); // { sender: 'assistant@example.com' }
 */
export function onBehalf(from: string, sender: string | undefined): { sender?: string } {
  return sender && sender.toLowerCase() !== from.toLowerCase() ? { sender } : {};
}

/**
 * The ORGANIZATION_EMAIL_RECEIVED event: `dmarcPolicy` only when the DMARC verdict is FAIL (NONE when the domain
 * published none we know), `sender` only for send-on-behalf.
 * @example
 * organizationEmailReceived({ recipients, from, subject, messageId, verdicts, receivedAt: Date.now() });
 */
export function organizationEmailReceived(message: ReceivedMessage): OrganizationEmailReceivedEvent {
  const { verdicts } = message;
  const dmarcVerdict = verdicts.dmarc.toUpperCase();
  return {
    eventName: 'ORGANIZATION_EMAIL_RECEIVED',
    recipients: message.recipients,
    ...onBehalf(message.from, message.sender),
    from: message.from,
    subject: message.subject,
    messageId: message.messageId,
    spamVerdict: verdicts.spam.toUpperCase(),
    dkimVerdict: verdicts.dkim.toUpperCase(),
    dmarcVerdict,
    ...(dmarcVerdict === 'FAIL' ? { dmarcPolicy: dmarcPolicyOf(verdicts.dmarcPolicy) } : {}),
    spfVerdict: verdicts.spf.toUpperCase(),
    messageTimestamp: new Date(message.receivedAt).toISOString(),
  };
}

/** A published DMARC policy in the log's upper case; anything else counts as NONE. */
function dmarcPolicyOf(policy: string | undefined): EventDmarcPolicy {
  const upper = policy?.toUpperCase();
  return upper === 'REJECT' || upper === 'QUARANTINE' ? upper : 'NONE';
}

/**
 * The OUTGOING_EMAIL_SUBMITTED event.
 * @example
 * outgoingEmailSubmitted({ recipients: ['b@example.com'], from: 'a@example.com', subject: 'Hi' });
 */
export function outgoingEmailSubmitted(message: {
  readonly recipients: readonly string[];
  readonly from: string;
  readonly sender?: string;
  readonly subject: string;
}): OutgoingEmailSubmittedEvent {
  return {
    eventName: 'OUTGOING_EMAIL_SUBMITTED',
    recipients: message.recipients,
    ...onBehalf(message.from, message.sender),
    from: message.from,
    subject: message.subject,
  };
}

/**
 * The OUTGOING_EMAIL_SENT event of one recipient.
 * @example
 * outgoingEmailSent('b@example.net', { from: 'a@example.com', messageId: '<1@example.com>' });
 */
export function outgoingEmailSent(
  recipient: string,
  message: { readonly from: string; readonly sender?: string; readonly messageId: string },
): OutgoingEmailSentEvent {
  return {
    eventName: 'OUTGOING_EMAIL_SENT',
    recipient,
    ...onBehalf(message.from, message.sender),
    from: message.from,
    messageId: message.messageId,
  };
}

/**
 * The OUTGOING_EMAIL_BOUNCED event of one recipient: `destination` is the address it was sent to and `reason` the
 * remote server's diagnostic, beside `bouncedRecipient` (spec §9 item 10).
 * @example
 * outgoingEmailBounced({ emailAddress: 'x@example.net', status: '5.1.1', reason: 'smtp; 550 5.1.1 unknown' });
 */
export function outgoingEmailBounced(bounced: BouncedRecipient): OutgoingEmailBouncedEvent {
  return {
    eventName: 'OUTGOING_EMAIL_BOUNCED',
    bouncedRecipient: bounced,
    destination: bounced.emailAddress,
    reason: bounced.reason,
  };
}

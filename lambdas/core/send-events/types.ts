/**
 * The SES sending events Mailwright reads (SES event publishing through a configuration set, delivered by SNS), with
 * only the fields it uses. Core defines them itself because it never imports `aws-lambda`; everything is untrusted
 * until `readSendEvent` has checked its shape.
 */

/** One original header as SES quotes it (`mail.headers`). */
export interface SesHeader {
  readonly name: string;
  readonly value: string;
}

/** The `mail` object: the message the event is about. */
export interface SesSentMail {
  /** SES's id of the sent message. */
  readonly messageId: string;
  /** When SES accepted the message (ISO 8601). */
  readonly timestamp?: string;
  /** The original headers, as far as SES quotes them. */
  readonly headers: readonly SesHeader[];
  readonly subject?: string;
  /** Message tags: the ones Mailwright set on the send, and SES's own (`ses:*`). */
  readonly tags: Readonly<Record<string, readonly string[]>>;
}

/** A recipient SES reports on, with the remote server's answer when there was one. */
export interface SesEventRecipient {
  readonly emailAddress: string;
  /** RFC 3463 status, e.g. `5.1.1`. */
  readonly status?: string;
  /** `smtp; 550 5.1.1 user unknown`. */
  readonly diagnosticCode?: string;
}

/** A bounce: SES gave up on these recipients (`Permanent`, `Transient` or `Undetermined`). */
export interface SesBounce {
  readonly bounceType: string;
  readonly bounceSubType?: string;
  readonly bouncedRecipients: readonly SesEventRecipient[];
  /** Unique per bounce notice. */
  readonly feedbackId?: string;
}

/** A complaint: a recipient marked the message as spam (feedback loop). */
export interface SesComplaint {
  readonly complainedRecipients: readonly SesEventRecipient[];
  /** `abuse`, `fraud`, `not-spam`, … (RFC 5965), when the feedback said. */
  readonly complaintFeedbackType?: string;
  readonly feedbackId?: string;
}

/** A delay: SES could not deliver yet and keeps trying until `expirationTime`. */
export interface SesDeliveryDelay {
  readonly delayType?: string;
  readonly delayedRecipients: readonly SesEventRecipient[];
  /** When the delay was reported (ISO 8601). */
  readonly timestamp?: string;
  /** When SES stops trying (ISO 8601). */
  readonly expirationTime?: string;
}

/** A delivery: the remote servers accepted the message for these recipients. */
export interface SesDelivery {
  readonly recipients: readonly string[];
  /** When it was delivered (ISO 8601). */
  readonly timestamp?: string;
}

/** One SES sending event, checked. */
export type SesSendEvent =
  | { readonly eventType: 'Delivery'; readonly mail: SesSentMail; readonly delivery: SesDelivery }
  | { readonly eventType: 'Bounce'; readonly mail: SesSentMail; readonly bounce: SesBounce }
  | { readonly eventType: 'Complaint'; readonly mail: SesSentMail; readonly complaint: SesComplaint }
  | {
      readonly eventType: 'DeliveryDelay';
      readonly mail: SesSentMail;
      readonly deliveryDelay: SesDeliveryDelay;
    };

/** The mailbox a sent message belongs to, as its message tags name it (ids only, never addresses). */
export interface SendOrigin {
  readonly organizationId: string;
  readonly mailboxId: string;
  /** The submission, whose email event trace the event's events join. @default - none (DSNs, replies) */
  readonly submissionId?: string;
}

/** Why an event produced nothing in a mailbox. */
export type IgnoredReason =
  'unreadable' | 'untagged' | 'unknownMailbox' | 'complaint' | 'shortDelay' | 'mailboxFull';

/** What became of one event: a report in the sender's Inbox (its mailbox message id), or nothing, and why. */
export type SendEventOutcome =
  | { readonly outcome: 'reported'; readonly reportId: string }
  /** A delivery: only logged and counted. */
  | { readonly outcome: 'delivered' }
  | { readonly outcome: 'ignored'; readonly reason: IgnoredReason };

/** An SNS event as Lambda receives it, reduced to what Mailwright reads: each record's message text. */
export interface SnsNotifications {
  readonly Records: readonly { readonly Sns: { readonly Message: string } }[];
}

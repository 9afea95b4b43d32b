/**
 * WorkMail's email event log (security-and-logging §5.1, requirement 22): one JSON record per event,
 * `{"traceId": "...", "event": {"eventName": "...", ...fields}}`, with the spec's field names and enum values. Every
 * event of one message processing shares the `traceId`. Only envelope and header summary fields: never a body.
 */

/** An SES verdict as the log writes it: `PASS`, `FAIL`, `GRAY` or `PROCESSING_FAILED`. */
export type EventVerdict = string;

/** A sending domain's DMARC policy, as `dmarcPolicy` and `policy` carry it. */
export type EventDmarcPolicy = 'NONE' | 'QUARANTINE' | 'REJECT';

/** A recipient a message could not be delivered to (`INCOMING_EMAIL_BOUNCED`, `OUTGOING_EMAIL_BOUNCED`). */
export interface BouncedRecipient {
  readonly emailAddress: string;
  /** The diagnostic, e.g. `smtp; 552 5.2.2 Mailbox full`. */
  readonly reason: string;
  /** The RFC 3463 status, e.g. `5.2.2`. */
  readonly status: string;
}

/** One action of a rule and the recipients it was taken for (`ruleActions`). */
export interface EventRuleAction {
  readonly action: string;
  readonly recipients: readonly string[];
}

/** The organization received a message (once per message per organization). */
export interface OrganizationEmailReceivedEvent {
  readonly eventName: 'ORGANIZATION_EMAIL_RECEIVED';
  /** The intended recipients in the organization. */
  readonly recipients: readonly string[];
  /** The address that really sent on someone else's behalf: only for send-on-behalf. */
  readonly sender?: string;
  /** The `From:` address (the represented one with send-as or send-on-behalf). */
  readonly from: string;
  readonly subject: string;
  /** The SMTP `Message-ID`. */
  readonly messageId: string;
  readonly spamVerdict: EventVerdict;
  readonly dkimVerdict: EventVerdict;
  readonly dmarcVerdict: EventVerdict;
  /** Only when `dmarcVerdict` is `FAIL`. */
  readonly dmarcPolicy?: EventDmarcPolicy;
  readonly spfVerdict: EventVerdict;
  /** When the message was received (ISO 8601). */
  readonly messageTimestamp: string;
}

/** The message was stored in one mailbox. */
export interface MailboxEmailDeliveredEvent {
  readonly eventName: 'MAILBOX_EMAIL_DELIVERED';
  /** The mailbox's address. */
  readonly recipient: string;
  /** The folder it landed in, by WorkMail's folder name (`INBOX`, `JUNK_EMAIL`). */
  readonly folder: string;
}

/** An email flow rule (or mailbox rule) matched the message. */
export interface RuleAppliedEvent {
  readonly eventName: 'RULE_APPLIED';
  readonly ruleName: string;
  readonly ruleType: 'INBOUND_RULE' | 'OUTBOUND_RULE' | 'MAILBOX_RULE';
  readonly ruleActions: readonly EventRuleAction[];
  readonly targetFolder?: string;
  readonly targetRecipient?: string;
}

/** A journal record of the message was made for the journaling address. */
export interface JournalingInitiatedEvent {
  readonly eventName: 'JOURNALING_INITIATED';
  readonly journalingAddress: string;
}

/** An inbound message could not be delivered to one recipient. */
export interface IncomingEmailBouncedEvent {
  readonly eventName: 'INCOMING_EMAIL_BOUNCED';
  readonly bouncedRecipient: BouncedRecipient;
}

/** A user submitted a message (logged before it leaves). */
export interface OutgoingEmailSubmittedEvent {
  readonly eventName: 'OUTGOING_EMAIL_SUBMITTED';
  /** Every To, Cc and Bcc recipient as entered. */
  readonly recipients: readonly string[];
  /** Only for send-on-behalf. */
  readonly sender?: string;
  readonly from: string;
  readonly subject: string;
}

/** An outbound message reached one recipient. */
export interface OutgoingEmailSentEvent {
  readonly eventName: 'OUTGOING_EMAIL_SENT';
  readonly recipient: string;
  /** Only for send-on-behalf. */
  readonly sender?: string;
  readonly from: string;
  readonly messageId: string;
}

/** An outbound message could not be delivered to one recipient. */
export interface OutgoingEmailBouncedEvent {
  readonly eventName: 'OUTGOING_EMAIL_BOUNCED';
  readonly bouncedRecipient: BouncedRecipient;
  /** The address the message was sent to (spec §9 item 10: the Insights example reads it). */
  readonly destination: string;
  /** Why it bounced (the remote server's diagnostic). */
  readonly reason: string;
}

/** A DMARC policy was applied to an inbound message. */
export interface DmarcPolicyAppliedEvent {
  readonly eventName: 'DMARC_POLICY_APPLIED';
  readonly from: string;
  readonly recipients: readonly string[];
  readonly policy: EventDmarcPolicy;
}

/** The nine email events. */
export type EmailEvent =
  | OrganizationEmailReceivedEvent
  | MailboxEmailDeliveredEvent
  | RuleAppliedEvent
  | JournalingInitiatedEvent
  | IncomingEmailBouncedEvent
  | OutgoingEmailSubmittedEvent
  | OutgoingEmailSentEvent
  | OutgoingEmailBouncedEvent
  | DmarcPolicyAppliedEvent;

/** The name of an email event. */
export type EmailEventName = EmailEvent['eventName'];

/** One line of the log. */
export interface EmailEventRecord {
  readonly traceId: string;
  readonly event: EmailEvent;
}

/** An event of one organization (a message can reach several). */
export interface OrganizationEmailEvent {
  readonly organizationId: string;
  readonly event: EmailEvent;
}

/** Where an organization's email events go (PutEmailMonitoringConfiguration). */
export interface EmailMonitoringConfiguration {
  readonly organizationId: string;
  /** `arn:aws:logs:<region>:<account>:log-group:<name>:*` */
  readonly logGroupArn: string;
  /** The role assumed to write; absent: the deployment's own role (only `/aws/workmail/emailevents/*` groups). */
  readonly roleArn?: string;
  /** Epoch ms. */
  readonly updatedAt: number;
}

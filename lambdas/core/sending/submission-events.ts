import {
  emailTraceId,
  organizationEmailReceived,
  outgoingEmailBounced,
  outgoingEmailSent,
  outgoingEmailSubmitted,
  type EmailEvent,
  type EmailEventLog,
  type RuleAppliedEvent,
} from '../email-events';
import type { MailboxTarget } from '../delivery/ports';
import type { Bounce } from '../delivery/types';
import type { MetricsRecorder } from '../metrics';

/** The submitted message as its events describe it. */
export interface SubmittedMessage {
  readonly organizationId: string;
  readonly submissionId: string;
  /** The `From:` address. */
  readonly from: string;
  /** The `Sender:` address (send-on-behalf). */
  readonly sender?: string;
  readonly subject: string;
  /** The `Message-ID` the message leaves with (the received copies carry the same). */
  readonly messageId: string;
}

/** What delivering to colleagues did. */
export interface InternalDelivery {
  readonly bounces: readonly Bounce[];
  /** The mailboxes that got the message. */
  readonly delivered: readonly MailboxTarget[];
  /** The mailboxes that were full. */
  readonly full: readonly MailboxTarget[];
}

/** Verdicts of mail a signed-in colleague submitted: SES never judged it, and the user was authenticated. */
const AUTHENTICATED = { spam: 'PASS', dkim: 'PASS', dmarc: 'PASS', spf: 'PASS' } as const;

/**
 * The email events and mail metrics of one submission (security-and-logging §4, §5.1). Two traces: the
 * submission's (OUTGOING_EMAIL_SUBMITTED, outbound RULE_APPLIED, then OUTGOING_EMAIL_SENT or _BOUNCED per colleague;
 * outside recipients' come from SES's events under the same trace) and its received copy's, as colleagues get it
 * (ORGANIZATION_EMAIL_RECEIVED, MAILBOX_EMAIL_DELIVERED, INCOMING_EMAIL_BOUNCED), both with the same `messageId`.
 * @example
 * const events = new SubmissionEvents(deps, message, Date.now);
 * await events.submitted(envelope.rcptTo, decision.events);
 */
export class SubmissionEvents {
  private readonly submissionTrace: string;
  private readonly internalTrace: string;

  public constructor(
    private readonly deps: { readonly events?: EmailEventLog; readonly metrics?: MetricsRecorder },
    private readonly message: SubmittedMessage,
    private readonly now: () => number,
  ) {
    this.submissionTrace = emailTraceId('submission', message.submissionId);
    this.internalTrace = emailTraceId('internal', message.submissionId);
  }

  /** Logs the submission and the outbound rules it met, before anything leaves. */
  public async submitted(recipients: readonly string[], rules: readonly RuleAppliedEvent[]): Promise<void> {
    await this.write(this.submissionTrace, [
      outgoingEmailSubmitted({ ...this.message, recipients: [...recipients] }),
      ...rules,
    ]);
  }

  /**
   * Logs the delivery to colleagues: their organization received it (counted once), each mailbox got it or was
   * full; on the submission's trace, each recipient was sent to or bounced.
   * @param recipients - the envelope recipients delivered to here
   */
  public async deliveredInside(recipients: readonly string[], result: InternalDelivery): Promise<void> {
    const { organizationId } = this.message;
    const metrics = this.deps.metrics;
    const addressOf = (target: MailboxTarget) => target.email ?? target.recipient;
    const received: EmailEvent[] = [];
    if (result.delivered.length + result.full.length > 0) {
      metrics?.count(organizationId, 'OrganizationEmailReceived');
      received.push(
        organizationEmailReceived({
          ...this.message,
          recipients: recipients.map((address) => address.toLowerCase()),
          verdicts: AUTHENTICATED,
          receivedAt: this.now(),
        }),
      );
    }
    for (const target of result.delivered) {
      metrics?.count(target.organizationId, 'MailboxEmailDelivered');
      received.push({ eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: addressOf(target), folder: 'INBOX' });
    }
    for (const target of result.full) {
      metrics?.count(target.organizationId, 'IncomingEmailBounced');
      received.push({
        eventName: 'INCOMING_EMAIL_BOUNCED',
        bouncedRecipient: {
          emailAddress: addressOf(target),
          reason: 'smtp; 552 5.2.2 Mailbox full',
          status: '5.2.2',
        },
      });
    }
    const outcomes: EmailEvent[] = [
      ...result.delivered.map((target) => outgoingEmailSent(addressOf(target), this.message)),
      ...result.bounces.map((bounce) =>
        outgoingEmailBounced({
          emailAddress: bounce.recipient,
          reason: bounce.diagnostic,
          status: bounce.status,
        }),
      ),
    ];
    // The copy's trace first: the mailbox had the message before the sender's trace says it was sent.
    await this.write(this.internalTrace, received);
    await this.write(this.submissionTrace, outcomes);
  }

  private async write(traceId: string, events: readonly EmailEvent[]): Promise<void> {
    await this.deps.events?.write(this.message.organizationId, traceId, events);
  }
}

import { emailTraceId, organizationEmailReceived, type EmailEventLog } from '../email-events';
import type { EmailEvent, OrganizationEmailEvent } from '../email-events';
import type { MetricsRecorder } from '../metrics';
import { extractAddress } from './header-block';
import type { MailboxTarget, Verdicts } from './ports';
import type { MessageHeaders, RecipientOutcome } from './types';

/** What the event step needs: where events and metrics go (either may be absent). */
export interface InboundEventDeps {
  readonly events?: EmailEventLog;
  readonly metrics?: MetricsRecorder;
}

/** The message as the events describe it. */
export interface InboundEventMessage {
  /** The SES message id: the trace follows it. */
  readonly sesMessageId: string;
  readonly envelopeFrom: string;
  readonly headers: MessageHeaders;
  readonly verdicts: Verdicts;
  readonly arrivedAt: number;
}

/**
 * The email events and mail metrics of one inbound attempt (security-and-logging §4, §5.1), written once the
 * targets are settled. Replays never count twice: an organization counts as having received the message only in the
 * attempt that settles its first target (none of its targets was final before, one is now), and per-mailbox events
 * come only from settling writes that took effect (a duplicate is not logged again).
 * @example
 * const events = new InboundEvents(deps, { sesMessageId, envelopeFrom, headers, verdicts, arrivedAt });
 * events.begin(allTargets, work.map((w) => w.target));
 * events.settled(target, outcome);
 * await events.flush();
 */
export class InboundEvents {
  private readonly traceId: string;
  private readonly recipients = new Map<string, Set<string>>();
  private readonly settledBefore = new Set<string>();
  private readonly settledNow = new Set<string>();
  private readonly perTarget: OrganizationEmailEvent[] = [];
  private decisionEvents: readonly OrganizationEmailEvent[] = [];

  public constructor(
    private readonly deps: InboundEventDeps,
    private readonly message: InboundEventMessage,
  ) {
    this.traceId = emailTraceId('inbound', message.sesMessageId);
  }

  /**
   * Notes the message's targets and which of them this attempt still settles.
   * @param resolved - the targets the envelope resolved to (the organizations' intended recipients)
   * @param open - the targets not final before this attempt
   */
  public begin(resolved: readonly MailboxTarget[], open: readonly MailboxTarget[]): void {
    for (const target of resolved) {
      const list = this.recipients.get(target.organizationId) ?? new Set<string>();
      list.add(target.recipient.toLowerCase());
      this.recipients.set(target.organizationId, list);
    }
    const openKeys = new Set(open.map((target) => `${target.organizationId}/${target.mailboxId}`));
    for (const target of resolved)
      if (!openKeys.has(`${target.organizationId}/${target.mailboxId}`))
        this.settledBefore.add(target.organizationId);
  }

  /** The events the decision step reported (DMARC, flow rules), logged with the organization's first receipt. */
  public decided(events: readonly OrganizationEmailEvent[] | undefined): void {
    this.decisionEvents = events ?? [];
  }

  /** Records what settling one mailbox target did. */
  public settled(target: MailboxTarget, outcome: RecipientOutcome): void {
    const { organizationId } = target;
    const address = target.email ?? target.recipient;
    if (outcome.outcome === 'delivered') {
      this.settledNow.add(organizationId);
      this.deps.metrics?.count(organizationId, 'MailboxEmailDelivered');
      this.perTarget.push({
        organizationId,
        event: { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: address, folder: outcome.folder },
      });
    } else if (outcome.outcome === 'bounced') {
      this.settledNow.add(organizationId);
      if (outcome.status === '5.2.2') this.deps.metrics?.count(organizationId, 'IncomingEmailBounced');
      this.perTarget.push({
        organizationId,
        event: {
          eventName: 'INCOMING_EMAIL_BOUNCED',
          bouncedRecipient: { emailAddress: address, reason: outcome.reason, status: outcome.status },
        },
      });
    } else if (outcome.outcome === 'dropped') {
      this.settledNow.add(organizationId);
    }
  }

  /** Writes the attempt's events, each organization's first receipt first; never throws. */
  public async flush(): Promise<void> {
    const first = [...this.settledNow].filter((organizationId) => !this.settledBefore.has(organizationId));
    const events: OrganizationEmailEvent[] = [];
    for (const organizationId of first) {
      this.deps.metrics?.count(organizationId, 'OrganizationEmailReceived');
      events.push({ organizationId, event: this.received(organizationId) });
      for (const decided of this.decisionEvents)
        if (decided.organizationId === organizationId) events.push(decided);
    }
    events.push(...this.perTarget);
    this.perTarget.length = 0;
    this.settledNow.clear();
    if (this.deps.events) await this.deps.events.writeAll(this.traceId, events);
  }

  private received(organizationId: string): EmailEvent {
    const { headers, verdicts } = this.message;
    const from = extractAddress(headers.from) ?? this.message.envelopeFrom;
    return organizationEmailReceived({
      recipients: [...(this.recipients.get(organizationId) ?? [])],
      from,
      sender: extractAddress(headers.sender),
      subject: headers.subject ?? '',
      messageId: headers.messageId ?? '',
      verdicts: {
        spam: verdicts.spam,
        dkim: verdicts.dkim,
        dmarc: verdicts.dmarc,
        spf: verdicts.spf,
        dmarcPolicy: verdicts.dmarcPolicy,
      },
      receivedAt: this.message.arrivedAt,
    });
  }
}

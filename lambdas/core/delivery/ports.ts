import type { EntityKind, EntityState } from '../directory/types';
import type { OrganizationEmailEvent } from '../email-events';
import type { ContentLocation } from '../message-flow/types';
import type { VacationWindow } from '../vacation/types';
import type { BounceStatus, DeliveryFolder, MessageHeaders, VerdictStatus } from './types';

/** An address or group member as the directory knows it. */
export interface DirectoryRecipient {
  readonly organizationId: string;
  readonly kind: EntityKind;
  readonly entityId: string;
  readonly state: EntityState;
  /** Primary address (group members are reported under it). */
  readonly email?: string;
  /** Mailbox quota of users and resources, in bytes. */
  readonly mailboxQuotaBytes?: number;
}

/** Read-only view of the directory that inbound delivery needs (adapted onto the organization and entity stores). */
export interface RecipientDirectory {
  /** The entity owning `address` (primary or alias, case-insensitive) in the organization owning its domain. */
  resolveAddress(address: string): Promise<DirectoryRecipient | undefined>;
  /** Direct members (users and groups) of a group. */
  listMembers(organizationId: string, groupId: string): Promise<readonly DirectoryRecipient[]>;
}

/** What the mailbox store needs to keep one copy of a message (the mailbox service's `deliver` input). */
export interface DeliveryRequest {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly messageId: string;
  readonly folder: DeliveryFolder;
  readonly raw: Buffer;
  readonly receivedAt: number;
  readonly summary: {
    readonly subject?: string;
    readonly from?: string;
    readonly to?: readonly string[];
    readonly snippet?: string;
  };
  readonly quotaBytes: number;
  /** The ledger record committed in the same write as the message, so a target is settled exactly once. */
  readonly receipt: DeliveryReceipt;
  /** The raw Message-ID, In-Reply-To and References values, which place the message in a thread. */
  readonly threading?: {
    readonly messageId?: string;
    readonly inReplyTo?: string;
    readonly references?: string;
  };
}

/**
 * The ledger write a delivery commits atomically with the message: the target's final record and, when this
 * delivery is the last thing the message needs, the message's completion.
 */
export interface DeliveryReceipt {
  /** The ledger's message id (the SES message id). */
  readonly messageId: string;
  readonly target: string;
  readonly record: LedgerRecord;
  readonly completesMessage: boolean;
}

/**
 * Stores a message in a mailbox together with its ledger receipt, in one atomic write; idempotent per (mailbox,
 * message) and per receipt target: `stored: false` when either exists already (nothing was written). An over-quota
 * mailbox is refused with an error named `MailboxQuotaExceededError`. A stored message comes back with the
 * mailbox's vacation window when its owner's vacation response is enabled (read in the same write, at no cost).
 */
export interface MessageDelivery {
  deliver(request: DeliveryRequest): Promise<{ stored: boolean; vacation?: VacationWindow }>;
}

/** Where SES wrote the raw message: the S3 action's object, or the configured prefix plus the message id. */
export interface RawMessageRef {
  readonly messageId: string;
  readonly bucketName?: string;
  readonly objectKey?: string;
}

/** An opened raw message; `read` may be called once. */
export interface RawMessage {
  /** Size announced by the store (Content-Length), when it announces one. */
  readonly sizeBytes?: number;
  /** Reads at most `limitBytes`, then closes the source; `complete` is false when bytes were left unread. */
  read(limitBytes: number): Promise<{ readonly bytes: Buffer; readonly complete: boolean }>;
}

/** The store SES writes raw inbound mail to (the `inbound` bucket). */
export interface RawMessageSource {
  /** Opens the message, or `undefined` when it does not exist (any more). */
  open(ref: RawMessageRef): Promise<RawMessage | undefined>;
  /** Deletes the message; deleting a missing message succeeds. */
  delete(ref: RawMessageRef): Promise<void>;
}

/** A message to send as-is. */
export interface OutboundRawMessage {
  /** MAIL FROM; empty for the null sender (DSNs). */
  readonly envelopeFrom: string;
  readonly recipients: readonly string[];
  readonly raw: Buffer;
  /**
   * The mailbox whose Inbox gets the reports of later bounces and delays (SES sending events), by id.
   * @default - nobody's: no report comes back (DSNs, which have the null sender)
   */
  readonly reportTo?: {
    readonly organizationId: string;
    readonly mailboxId: string;
    /** The submission the message is (its events join the submission's email event trace). */
    readonly submissionId?: string;
  };
}

/** Sends raw MIME messages (SES v2 in the cloud; local delivery or an outbox folder locally). */
export interface MailSender {
  sendRaw(message: OutboundRawMessage): Promise<void>;
}

/** States of a ledger entry; `CLAIMED` is the only non-final one. */
export type LedgerState = 'CLAIMED' | 'DELIVERED' | 'BOUNCED' | 'DROPPED' | 'SENT';

/** The final record of one target (a mailbox, a bounced address, or the DSN). */
export interface LedgerRecord {
  readonly state: Exclude<LedgerState, 'CLAIMED'>;
  readonly recipient: string;
  readonly mailboxId?: string;
  readonly folder?: DeliveryFolder;
  readonly status?: BounceStatus;
  readonly reason?: string;
}

/** One entry of the ledger. */
export interface LedgerEntry {
  readonly target: string;
  readonly state: LedgerState;
  readonly owner?: string;
  readonly leaseUntil?: number;
  readonly record?: LedgerRecord;
}

/** Outcome of a claim: ours, or the entry that holds the target (final, or claimed by a live lease). */
export type ClaimResult =
  { readonly claimed: true } | { readonly claimed: false; readonly entry: LedgerEntry };

/** What the ledger holds about a message, read in one request at the start of an attempt. */
export interface LedgerSnapshot {
  /** The message was completed: every target settled, the DSN sent, the decision's hooks run. */
  readonly complete: boolean;
  /** Every target entry: mailboxes, bounced addresses, and the `DECISION` and `DSN` targets. */
  readonly entries: readonly LedgerEntry[];
}

/**
 * Per-message, per-target progress of inbound delivery, written with conditional writes so that replayed and
 * concurrent events never act twice on a target. Mailbox deliveries settle their target through the
 * {@link DeliveryReceipt} committed with the message; claims with leases guard only work with outside effects
 * (running Lambda rules, sending the DSN).
 */
export interface DeliveryLedger {
  /** The completion flag and every target entry of the message (one consistent read). */
  read(messageId: string): Promise<LedgerSnapshot>;
  /** Claims a target unless it is final or claimed by a lease that has not expired at `now`. */
  claim(
    messageId: string,
    target: string,
    owner: string,
    leaseUntil: number,
    now: number,
  ): Promise<ClaimResult>;
  /**
   * Records the final state of a target claimed by `owner`.
   * @returns the entry that stands: ours, or the final one another attempt recorded after taking the lease over
   */
  settle(messageId: string, target: string, owner: string, record: LedgerRecord): Promise<LedgerEntry>;
  /** Gives a claim up (after a failure) so that a retry can take it at once. */
  release(messageId: string, target: string, owner: string): Promise<void>;
  /** Records the final state of a target that has none yet, without a claim; `false` when it had one. */
  record(messageId: string, target: string, record: LedgerRecord): Promise<boolean>;
  /** Marks the whole message as done. */
  complete(messageId: string): Promise<void>;
}

/** A mailbox that the message will reach, with the address it was reached through. */
export interface MailboxTarget {
  readonly recipient: string;
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly kind: EntityKind;
  readonly quotaBytes: number;
  /** The mailbox's primary address, when the directory reports one. */
  readonly email?: string;
  /** The envelope address of the group whose expansion reached this mailbox (journal records name it). */
  readonly expandedFrom?: string;
}

/** The SES verdicts in upper case. */
export interface Verdicts {
  readonly spam: VerdictStatus | string;
  readonly virus: VerdictStatus | string;
  readonly spf: VerdictStatus | string;
  readonly dkim: VerdictStatus | string;
  readonly dmarc: VerdictStatus | string;
  readonly dmarcPolicy?: string;
}

/** What a decision is taken on. */
export interface DecisionInput {
  readonly messageId: string;
  readonly envelopeFrom: string;
  readonly headers: MessageHeaders;
  readonly verdicts: Verdicts;
  readonly recipients: readonly MailboxTarget[];
  /** Where the raw message is stored (what Run Lambda rules' GetRawMessageContent reads). */
  readonly raw?: RawMessageRef;
}

/**
 * The action for one recipient: deliver to a folder (with `content` when a synchronous Run Lambda rule replaced
 * the message for this recipient), drop silently, or bounce with an optional text.
 */
export type RecipientDecision =
  | { readonly action: 'DELIVER'; readonly folder: DeliveryFolder; readonly content?: ContentLocation }
  | { readonly action: 'DROP'; readonly reason: string }
  | { readonly action: 'BOUNCE'; readonly message?: string };

/** A recipient the decision step added (a synchronous Lambda's organization-internal Bcc; headers unchanged). */
export interface AddedRecipient {
  readonly address: string;
  /** The organization whose rule added it; an address resolving to another organization is ignored. */
  readonly organizationId: string;
  readonly decision: RecipientDecision & { readonly action: 'DELIVER' };
}

/** The full result of a decision step. */
export interface InboundDecision {
  /** One decision per input recipient, in the same order. */
  readonly decisions: readonly RecipientDecision[];
  readonly added?: readonly AddedRecipient[];
  /**
   * Keep the raw message after delivery instead of deleting it (a Run Lambda rule was handed its Message Flow id,
   * so GetRawMessageContent must keep working for 24 h; the bucket's lifecycle rule removes it).
   */
  readonly retainRaw?: boolean;
  /** Started before the recipients are settled, awaited after; never affects delivery (asynchronous Lambdas). */
  readonly alongside?: () => Promise<void>;
  /** Runs once every target is settled, before the message is marked complete (ends in-flight records). */
  readonly afterDelivery?: () => Promise<void>;
  /** The email events of the decision (DMARC_POLICY_APPLIED, RULE_APPLIED), logged when it takes effect. */
  readonly events?: readonly OrganizationEmailEvent[];
}

/** What the pipeline lends a decider while it decides. */
export interface DecisionControl {
  /**
   * To be awaited before any step with outside effects (invoking a Lambda rule). It makes this attempt the only one
   * deciding the message, and the decision is then persisted, so replays and retries reuse it instead of deciding
   * again. A decision taken without it has no outside effects and is simply taken again by a replay. Throws when
   * another attempt holds or has taken the decision; the decider lets that error through.
   */
  exclusive(): Promise<void>;
}

/**
 * The per-recipient decision step: DMARC enforcement and inbound email flow rules plug in here. Returns one
 * decision per input recipient, in the same order, or an {@link InboundDecision} that can also add recipients and
 * replace content.
 */
export interface RecipientDecider {
  decide(
    input: DecisionInput,
    control: DecisionControl,
  ): Promise<readonly RecipientDecision[] | InboundDecision>;
}

/** A message just stored in a mailbox's Inbox whose record carries a vacation window. */
export interface DeliveredToInbox {
  /** The SES message id (for logs). */
  readonly messageId: string;
  readonly target: MailboxTarget;
  readonly vacation: VacationWindow;
  /** The envelope sender (MAIL FROM); empty for the null sender. */
  readonly envelopeFrom: string;
  readonly arrivedAt: number;
  /** The headers of the message as delivered (the replaced content's, when a rule replaced it). */
  readonly headers: MessageHeaders;
  readonly verdicts: Verdicts;
}

/** Answers mail delivered to an Inbox on its owner's behalf (vacation responses). */
export interface AutoReplier {
  /**
   * Answers the message or decides not to.
   * @returns what happened, for the log: `sent`, or why not (never an address or content)
   */
  reply(message: DeliveredToInbox): Promise<string>;
}

/** A message stored in a mailbox's Inbox (by inbound delivery or by sending to a colleague). */
export interface DeliveredMail {
  /** The delivery's message id (for logs). */
  readonly messageId: string;
  readonly target: MailboxTarget;
  readonly raw: Buffer;
  readonly headers: MessageHeaders;
}

/** Applies calendar scheduling messages (iMIP, RFC 6047) to the calendar of the mailbox they reached. */
export interface SchedulingInbox {
  /**
   * Applies the iTIP message the mail carries, if any; idempotent (a replay changes nothing more).
   * @returns what happened, for the log (never content or addresses)
   */
  received(mail: DeliveredMail): Promise<string>;
}

/** Structured logging, as Powertools' Logger offers it. */
export interface DeliveryLogger {
  info(message: string, attributes: Readonly<Record<string, unknown>>): void;
  warn(message: string, attributes: Readonly<Record<string, unknown>>): void;
  error(message: string, attributes: Readonly<Record<string, unknown>>): void;
}

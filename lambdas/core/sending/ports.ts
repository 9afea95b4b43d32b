import type { RecipientDirectory, MailSender, DeliveryLogger, SchedulingInbox } from '../delivery/ports';
import type { Clock, FunctionInvoker } from '../flow-lambda/ports';
import type { CompiledRuleSet } from '../flow-rules/engine';
import type { FlowDirection } from '../flow-rules/types';
import type { MailboxService } from '../mailbox/service';
import type { InFlightMessageStore, RawMessageStore } from '../message-flow/ports';
import type { MailboxPermissions } from '../permissions/mailbox-permissions';
import type { SoftQuotas } from '../config/quotas';
import type { RecipientResult, SmtpEnvelope } from './types';
import type { JournaledMessage } from '../journaling/journal-recorder';
import type { EmailEventLog } from '../email-events';
import type { MetricsRecorder } from '../metrics';

/**
 * Daily counters of recipients, shared by every instance that sends. Adapters: `DynamoDbSendingCounters` (Mailbox
 * table, TTL) and `MemorySendingCounters`.
 */
export interface SendingCounters {
  /**
   * Adds `count` to the counter `key` unless the total would then exceed `limit`, atomically.
   * @param expiresAt - epoch ms after which the counter may be forgotten (it counts one day)
   * @returns false, adding nothing, when the limit would be exceeded
   */
  reserve(key: string, count: number, limit: number, expiresAt: number): Promise<boolean>;
  /** Takes `count` back from the counter (the recipients were not sent to after all). */
  release(key: string, count: number): Promise<void>;
}

/** The directory as sending sees it: addresses to mailboxes and groups, and which domains are this deployment's. */
export interface SendingDirectory extends RecipientDirectory {
  /**
   * The organization of this deployment a mail domain belongs to, if any. Mail to the sender's own organization is
   * delivered directly; mail to another organization goes out like any outside mail and comes back in through
   * inbound, so that organization's flow rules, DMARC and spam checks apply to it.
   */
  domainOwner(domain: string): Promise<string | undefined>;
  /** The quota of a mailbox in bytes (its own, else the deployment's default). */
  quotaBytes(organizationId: string, mailboxId: string): Promise<number>;
  /** The deployment's default mailbox quota in bytes (for mailboxes that set none). */
  readonly defaultQuotaBytes: number;
}

/** What Run Lambda rules of outbound mail need (the same runners as inbound). */
export interface OutboundLambdaDeps {
  readonly invoker: FunctionInvoker;
  readonly inFlight: InFlightMessageStore;
  /** Keeps the submitted message where GetRawMessageContent reads it, and reads replaced content. */
  readonly rawMessages: Pick<RawMessageStore, 'get' | 'putReplacement'>;
  readonly clock: Clock;
  /** Random bytes for Message Flow ids. @default - node:crypto */
  readonly random?: (size: number) => Uint8Array;
}

/** Everything {@link submit} uses. */
export interface SendingDeps {
  readonly directory: SendingDirectory;
  readonly permissions: Pick<MailboxPermissions, 'maySend'>;
  /** Compiled outbound flow rules (`new CompiledRuleSetCache(flowRuleStore)`). */
  readonly rules: { get(organizationId: string, direction: FlowDirection): Promise<CompiledRuleSet> };
  readonly lambdas: OutboundLambdaDeps;
  /** Stores mail in mailboxes of this deployment: recipients, the Sent Items copy, bounce reports. */
  readonly mailboxes: Pick<MailboxService, 'deliver'>;
  /** Sends to outside addresses: SES v2 in the cloud, the outbox folder locally. */
  readonly mailSender: MailSender;
  readonly counters: SendingCounters;
  readonly quotas: Pick<
    SoftQuotas,
    | 'externalRecipientsPerUserPerDay'
    | 'externalRecipientsPerAccountPerDay'
    | 'testDomainRecipientsPerAccountPerDay'
  >;
  /** The deployment's test domain suffix: mail from `<alias>.<suffix>` counts towards the test-domain limit. */
  readonly testDomainSuffix: string;
  /** Host name in bounce reports (Reporting-MTA). */
  readonly reportingMta: string;
  readonly logger: DeliveryLogger;
  /**
   * Journals sent mail (`JournalRecorder`): one record per submission, apart from limits and flow rules.
   * @default - none: nothing is journaled
   */
  readonly journal?: {
    journals(organizationId: string): Promise<boolean>;
    record(message: JournaledMessage): Promise<unknown>;
  };
  /** Applies iMIP messages delivered to colleagues to their calendars. @default - none: mail only */
  readonly scheduling?: SchedulingInbox;
  /** The organizations' email event logs. @default - none: no events are written */
  readonly events?: EmailEventLog;
  /** The mail metrics (OrganizationEmailReceived & co. of mail to colleagues). @default - none */
  readonly metrics?: MetricsRecorder;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

/** A message that was sent, as front ends list it (JMAP EmailSubmission). Never changes once stored. */
export interface SubmissionRecord {
  readonly organizationId: string;
  /** The mailbox it was sent from (the JMAP account). */
  readonly mailboxId: string;
  /** `[0-9a-z]`, starting with the send time, so ids sort by time. */
  readonly submissionId: string;
  readonly identityId: string;
  /** The Email that was sent (the draft). */
  readonly emailId: string;
  readonly threadId: string;
  /** Epoch ms. */
  readonly sendAt: number;
  readonly envelope: SmtpEnvelope;
  readonly recipients: readonly RecipientResult[];
}

/**
 * The records of sent messages of a mailbox, kept {@link SUBMISSION_RETENTION_MS} and then forgotten. Addresses are
 * stored encrypted. Adapter: `DynamoDbSubmissionStore` (Mailbox table).
 */
export interface SubmissionStore {
  put(record: SubmissionRecord): Promise<void>;
  get(organizationId: string, mailboxId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  /**
   * Records of the mailbox, by id: `newest` first, or `oldest` first after `after` (exclusive).
   * @param limit - most records returned
   */
  list(
    organizationId: string,
    mailboxId: string,
    options: { readonly order: 'newest' | 'oldest'; readonly after?: string; readonly limit: number },
  ): Promise<SubmissionRecord[]>;
}

/** How long a submission record is kept (RFC 8621 §7 lets a server delete them after a while). */
export const SUBMISSION_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** What a user set on one of their identities (RFC 8621 §6); the addresses themselves come from the directory. */
export interface IdentitySettings {
  readonly name?: string;
  readonly replyTo?: readonly { readonly name: string | null; readonly email: string }[] | null;
  readonly bcc?: readonly { readonly name: string | null; readonly email: string }[] | null;
  readonly textSignature?: string;
  readonly htmlSignature?: string;
}

/** Per user, the settings of their identities, stored encrypted. Adapter: `DynamoDbIdentitySettingsStore`. */
export interface IdentitySettingsStore {
  /** Every identity's settings of the user, by identity id. */
  list(organizationId: string, userId: string): Promise<ReadonlyMap<string, IdentitySettings>>;
  /** Replaces one identity's settings. */
  put(organizationId: string, userId: string, identityId: string, settings: IdentitySettings): Promise<void>;
}

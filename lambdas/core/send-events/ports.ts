import type { SoftQuotas } from '../config/quotas';
import type { DeliveryLogger } from '../delivery/ports';
import type { EntityStore } from '../directory/ports';
import type { EmailEventLog } from '../email-events';
import type { MailboxService } from '../mailbox/service';
import type { MetricsRecorder } from '../metrics';

/** Everything {@link processSendEvent} uses: read the directory, store in mailboxes, log. */
export interface SendEventDeps {
  /** The directory: the tagged mailbox must be an enabled user or resource of the tagged organization. */
  readonly entities: Pick<EntityStore, 'getEntity'>;
  /** Stores the report in the sender's Inbox, like any delivered mail (idempotent per message id). */
  readonly mailboxes: Pick<MailboxService, 'deliver'>;
  readonly quotas: Pick<SoftQuotas, 'defaultMailboxQuotaMegabytes'>;
  /** Host name the report comes from (Reporting-MTA, `MAILER-DAEMON@<host>`). */
  readonly reportingMta: string;
  /** Ids, event types, counts and status codes only: never an address or a subject. */
  readonly logger: DeliveryLogger;
  /** The organizations' email event logs (OUTGOING_EMAIL_SENT, OUTGOING_EMAIL_BOUNCED). @default - none */
  readonly events?: EmailEventLog;
  /** OutgoingEmailSent and OutgoingEmailBounced. @default - none */
  readonly metrics?: MetricsRecorder;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

import type { SoftQuotas } from '../config/quotas';
import type { DeliveryLogger } from '../delivery/ports';
import type { EntityStore } from '../directory/ports';
import type { MailboxService } from '../mailbox/service';

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
  /** @default - `Date.now` */
  readonly now?: () => number;
}

import type { AuditEvents } from '../core/audit-logs/ports';
import type { MailboxModel, MailboxModelStore, MailboxService, MailboxStore } from '../core/mailbox';
import type { MessageSearch } from '../core/search';
import type { SignInResult } from '../core/user-auth';

/** The mailbox model as the IMAP session uses it: the same core the JMAP methods translate to. */
export interface ImapMailDeps {
  readonly model: MailboxModel;
  readonly store: MailboxModelStore & Pick<MailboxStore, 'getMailbox' | 'listFolderUids'>;
  /** Reads (decrypts in memory) and stores message bytes. */
  readonly mailboxes: Pick<MailboxService, 'readMessage' | 'openMessage' | 'deliver'>;
  /** The mailbox's quota in bytes (the user's `MailboxQuota`, else the organization default). */
  readonly quotaBytes: (organizationId: string, mailboxId: string) => Promise<number>;
  /** SEARCH's text keys, from the encrypted search index. */
  readonly search: Pick<MessageSearch, 'search'>;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

/** Everything an IMAP connection needs. */
export interface ImapDeps {
  readonly mail: ImapMailDeps;
  /** Signs a user in with their address and password or personal access token. */
  readonly signIn: (login: string, secret: string, sourceAddress: string) => Promise<SignInResult>;
  /** Where commands on mailbox data are reported (mailbox access audit log). @default - not reported */
  readonly audit?: AuditEvents;
}

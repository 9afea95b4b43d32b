import type { MailboxLifecycle } from '../directory/ports';
import type { InFlightMessageStore, RawMessageStore } from './ports';

/** What discarding a mailbox's in-flight messages needs. */
export interface InFlightDiscardDeps {
  readonly inFlight: InFlightMessageStore;
  readonly rawMessages: RawMessageStore;
}

/**
 * Ends every in-flight message of a mailbox and deletes its plaintext: the Message Flow id stops working at once
 * (GetRawMessageContent answers "not found"), the PutRawMessageContent replacements are deleted, and so is the raw
 * message SES wrote once its delivery is over (a Run Lambda rule kept it for the 24-hour window). A message still
 * being delivered keeps its raw message: other recipients' deliveries need it, and the pipeline deletes it.
 * Primary course: 1. list the records naming the mailbox (a query sized by the result); 2. per record, delete the
 * replacements (and the finished original), then the record and its references.
 * @example
 * await discardInFlightMessages({ inFlight, rawMessages }, 'm-1', 'S-1-1');
 */
export async function discardInFlightMessages(
  deps: InFlightDiscardDeps,
  organizationId: string,
  mailboxId: string,
): Promise<void> {
  for (const messageId of await deps.inFlight.listForMailbox(organizationId, mailboxId)) {
    const record = await deps.inFlight.get(messageId);
    if (!record || record.organizationId !== organizationId) continue;
    const finished = record.state === 'DELIVERED' || record.state === 'REDIRECTED';
    await deps.rawMessages.deleteContent(organizationId, messageId, finished ? record.original : undefined);
    await deps.inFlight.delete(record);
  }
}

/**
 * The mailbox lifecycle with in-flight messages discarded before each mailbox is destroyed, so a deleted user's
 * mail leaves no plaintext behind in the Message Flow store (the directory's DeleteUser, DeleteResource,
 * DeleteOrganization and the 30-day purge all destroy through this).
 * @example
 * const lifecycle = discardingInFlight(mailboxes, { inFlight, rawMessages });
 */
export function discardingInFlight(mailboxes: MailboxLifecycle, deps: InFlightDiscardDeps): MailboxLifecycle {
  return {
    provision: (organizationId, mailboxId) => mailboxes.provision(organizationId, mailboxId),
    destroy: async (organizationId, mailboxId) => {
      await discardInFlightMessages(deps, organizationId, mailboxId);
      await mailboxes.destroy(organizationId, mailboxId);
    },
    sizeBytes: (organizationId, mailboxId) => mailboxes.sizeBytes(organizationId, mailboxId),
    rotateMailboxKey: (organizationId, mailboxId) => mailboxes.rotateMailboxKey(organizationId, mailboxId),
  };
}

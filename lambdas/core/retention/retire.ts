import type { MailboxModel } from '../mailbox/mailbox-model';
import { MailboxNotFoundError } from '../mailbox/errors';
import { RECOVERABLE_ITEMS } from '../mailbox/folders';
import { RetentionBlobCleanupError } from './errors';

/** The mailbox model's two operations retention uses. */
export type RetiringModel = Pick<MailboxModel, 'updateMessages' | 'destroyMessages'>;

/** Expired messages of one mailbox and what to do with them: the unit of work (one queue message in the cloud). */
export interface RetireBatch {
  readonly organizationId: string;
  readonly mailboxId: string;
  /** The folder the sweep found them in. */
  readonly folder: string;
  readonly action: 'DELETE' | 'PERMANENTLY_DELETE';
  /** Epoch ms: only messages whose age started before this are changed. */
  readonly agedBefore: number;
  readonly messageIds: readonly string[];
}

/**
 * Applies one batch through the mailbox model, so that modseq, change log, IMAP and JMAP state, thread and folder
 * counters and quota all follow: DELETE moves each message into Recoverable Items, PERMANENTLY_DELETE destroys
 * its entry and blob and releases its quota. Messages that left the folder or changed since the cut-off are
 * skipped; a mailbox destroyed meanwhile changes nothing. Idempotent.
 * @throws RetentionBlobCleanupError when messages were destroyed but some blobs could not be deleted
 * @returns how many messages this call changed
 * @example
 * await retireBatch(model, { organizationId, mailboxId, folder: 'INBOX', action: 'DELETE', agedBefore, messageIds });
 */
export async function retireBatch(model: RetiringModel, batch: RetireBatch): Promise<number> {
  const { organizationId, mailboxId, folder, agedBefore, messageIds } = batch;
  const guard = { inFolder: folder, agedBefore };
  try {
    if (batch.action === 'DELETE') {
      const moves = messageIds.map((messageId) => ({ messageId, folderId: RECOVERABLE_ITEMS.folderId }));
      return succeeded(await model.updateMessages(organizationId, mailboxId, moves, guard));
    }
    const { results, blobFailures } = await model.destroyMessages(
      organizationId,
      mailboxId,
      messageIds,
      guard,
    );
    if (blobFailures.length > 0)
      throw new RetentionBlobCleanupError(mailboxId, blobFailures.length, {
        cause: new AggregateError(blobFailures, 'blob deletion failed'),
      });
    return succeeded(results);
  } catch (error) {
    if (error instanceof MailboxNotFoundError) return 0;
    throw error;
  }
}

function succeeded(results: ReadonlyMap<string, { readonly ok: boolean }>): number {
  return [...results.values()].filter((result) => result.ok).length;
}

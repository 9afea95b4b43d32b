import { newFolder } from '../../lambdas/core/mailbox/folders';
import { supersededChanges } from '../../lambdas/core/mailbox/optimistic-change';
import { planChanges } from '../../lambdas/core/mailbox/plan-changes';
import type { MailboxStore } from '../../lambdas/core/mailbox/ports';
import type {
  MessageIndexEntry,
  PutMessageOptions,
  PutMessageOutcome,
} from '../../lambdas/core/mailbox/types';

/**
 * Stores an index entry the way a delivery does (core's planner builds the commit: the next UID of its folder, a new
 * thread, the usage), so store contracts can put messages without the mailbox service.
 * @returns the outcome and the entry as it was offered to the store
 */
export async function putPlanned(
  store: MailboxStore,
  organizationId: string,
  mailboxId: string,
  entry: MessageIndexEntry,
  options: Omit<PutMessageOptions, 'commit'>,
): Promise<{ outcome: PutMessageOutcome; stored: MessageIndexEntry }> {
  const snapshot = await store.read(organizationId, mailboxId, { folders: [entry.folder] });
  const expectedModseq = snapshot.mailbox?.modseq ?? 0;
  const modseq = expectedModseq + 1;
  const folder = snapshot.folders[0] ?? newFolder({ folderId: entry.folder, name: entry.folder }, modseq, 0);
  const { commit, uids } = planChanges([folder], [], [{ after: entry }], modseq);
  const { messages: _messages, ...body } = commit;
  const stored = { ...entry, uid: uids.get(entry.messageId) as number, modseq, createdModseq: modseq };
  const outcome = await store.putMessage(organizationId, mailboxId, stored, {
    ...options,
    commit: { ...body, expectedModseq, modseq, superseded: supersededChanges(snapshot, body) },
  });
  return { outcome, stored };
}

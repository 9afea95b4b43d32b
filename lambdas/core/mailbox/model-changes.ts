import type { ChangeKind, ModelChanges, ModelRefusal, ModelResult } from './model-types';
import type { MailboxModelStore } from './ports';

const refused = (refusal: ModelRefusal) => ({ ok: false, refusal }) as const;

/**
 * What changed since `sinceModseq` (JMAP `/changes`, IMAP CONDSTORE), at most `maxChanges` ids, from the change log:
 * one strongly consistent query sized by the changes. A page never splits one commit; `tooManyChanges` when one
 * commit alone changed more than `maxChanges`, or when the modseq is newer than the mailbox's (not a state it had).
 * An object created and destroyed since is left out; one created since is `created` even if changed again.
 * @example
 * const result = await readChanges(store, orgId, mailboxId, 'EMAIL', 41, 100);
 */
export async function readChanges(
  store: MailboxModelStore,
  organizationId: string,
  mailboxId: string,
  kind: ChangeKind,
  sinceModseq: number,
  maxChanges: number,
): Promise<ModelResult<ModelChanges>> {
  const { mailbox } = await store.read(organizationId, mailboxId, {});
  if (mailbox?.state !== 'ACTIVE') return refused({ type: 'notFound' });
  if (sinceModseq > mailbox.modseq) return refused({ type: 'tooManyChanges' });
  // Nothing changed since: no query (IMAP syncs before every command, JMAP clients poll).
  if (sinceModseq === mailbox.modseq)
    return {
      ok: true,
      value: { created: [], updated: [], destroyed: [], modseq: sinceModseq, hasMore: false },
    };
  // The query may see part of a commit newer than the mailbox record read first; those entries belong to a later
  // state, so this answer stops at the record's modseq and the next call picks them up whole.
  const entries = (await store.changes(organizationId, mailboxId, kind, sinceModseq, maxChanges + 1)).filter(
    (entry) => entry.modseq <= mailbox.modseq,
  );
  let included = entries;
  let modseq = mailbox.modseq;
  if (entries.length > maxChanges) {
    // Stop before the first commit that does not fit whole, so the returned modseq is a complete state.
    const cut = entries[maxChanges].modseq;
    included = entries.filter((entry) => entry.modseq < cut);
    if (included.length === 0) return refused({ type: 'tooManyChanges' });
    modseq = cut - 1;
  }
  const created: string[] = [];
  const updated: string[] = [];
  const destroyed: string[] = [];
  for (const entry of included) {
    const isNew = entry.createdModseq > sinceModseq;
    if (entry.destroyed) {
      if (!isNew) destroyed.push(entry.id);
    } else (isNew ? created : updated).push(entry.id);
  }
  return { ok: true, value: { created, updated, destroyed, modseq, hasMore: entries.length > maxChanges } };
}

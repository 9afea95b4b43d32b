import type { KeywordChange } from '../core/mailbox';
import { keywordOf } from './flags';
import { isCompletion, selectMessages } from './message-sets';
import { formatSequenceSet } from './protocol';
import type { ImapValue } from './protocol/types';
import { refusalCompletion } from './refusals';
import type { SelectedFolder } from './selected-folder';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

type StoreCommand = CommandOf<'STORE'>;

/**
 * STORE / UID STORE (RFC 9051 §6.4.6) with CONDSTORE's UNCHANGEDSINCE (RFC 7162 §3.1.3): flags become keyword
 * changes of the mailbox model. Messages changed since UNCHANGEDSINCE are left alone and named in `[MODIFIED …]`.
 */
export async function store(context: SessionContext, command: StoreCommand): Promise<Completion> {
  const selected = context.selected as SelectedFolder;
  if (selected.readOnly) return no('The mailbox is read-only.', 'READ-ONLY');
  const keywords: string[] = [];
  for (const flag of command.flags) {
    if (flag.toLowerCase() === '\\recent') continue;
    const keyword = keywordOf(flag);
    if (!keyword) return bad(`Invalid flag ${flag.slice(0, 64)}.`);
    keywords.push(keyword);
  }
  if (command.unchangedSince !== undefined) context.enabled.add('CONDSTORE');
  await context.reportUpdates(command.uid);
  const chosen = selectMessages(selected, command.set, command.uid, context.savedUids);
  if (isCompletion(chosen)) return chosen;
  const limit = command.unchangedSince;
  const candidates = chosen.filter(({ message }) => limit === undefined || message.modseq <= limit);
  const modified = chosen
    .filter(({ message }) => limit !== undefined && message.modseq > limit)
    .map(({ sequence, message }) => (command.uid ? message.uid : sequence));
  const change: KeywordChange =
    command.mode === 'replace'
      ? { set: keywords }
      : command.mode === 'add'
        ? { add: keywords }
        : { remove: keywords };
  const { organizationId, mailboxId } = context.mailbox;
  const results = await context.deps.model.updateMessages(
    organizationId,
    mailboxId,
    candidates.map(({ message }) => ({ messageId: message.messageId, keywords: change })),
  );
  const refusal = [...results.values()].find((result) => !result.ok && result.refusal.type !== 'notFound');
  await selected.sync();
  const uids = candidates.map(({ message }) => message.uid);
  selected.acknowledge(uids);
  for (const uid of uids) {
    const sequence = selected.sequenceOf(uid);
    const message = selected.all[sequence - 1];
    if (!message || selected.isGone(uid)) continue;
    if (!command.silent) await context.fetchResponse(sequence, context.flagItems(message));
    else if (context.condstore) {
      const values: ImapValue[] = [{ atom: 'UID' }, uid, { atom: 'MODSEQ' }, [message.modseq]];
      await context.fetchResponse(sequence, values);
    }
  }
  if (refusal && !refusal.ok) return refusalCompletion(refusal.refusal);
  const code = modified.length > 0 ? `MODIFIED ${formatSequenceSet(modified)}` : undefined;
  return ok(`${command.uid ? 'UID STORE' : 'STORE'} completed.`, code);
}

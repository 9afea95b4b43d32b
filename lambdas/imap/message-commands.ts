import { applyKeywordChange } from '../core/mailbox/keywords';
import { storeMessage } from '../core/mailbox/store-message';
import { findFolder, type NamedFolder } from './folder-names';
import { withCrlfLineEnds } from './mime';
import { DELETED_KEYWORD, keywordOf } from './flags';
import { namedFolders } from './mailbox-commands';
import { isCompletion, selectMessages, type NumberedMessage } from './message-sets';
import { formatSequenceSet, sequenceSetHas } from './protocol';
import { refusalCompletion } from './refusals';
import type { SelectedFolder } from './selected-folder';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

/** The largest message APPEND takes: the 40 MB WorkMail and SES accept (also announced as APPENDLIMIT). */
export const APPEND_LIMIT_BYTES = 40 * 1024 * 1024;

/**
 * APPEND (RFC 9051 §6.3.12, MULTIAPPEND, UIDPLUS): each message is stored like an imported one (threaded, within
 * the quota), with bare LFs made CRLF; `[APPENDUID]` names the new UIDs. A missing folder is `[TRYCREATE]`, an empty
 * message is refused (as Dovecot does).
 */
export async function append(context: SessionContext, command: CommandOf<'APPEND'>): Promise<Completion> {
  const named = findFolder(await namedFolders(context), command.mailbox);
  if (!named) return no('The mailbox does not exist.', 'TRYCREATE');
  const { organizationId, mailboxId } = context.mailbox;
  const uids: number[] = [];
  for (const message of command.messages) {
    if (message.content.length > APPEND_LIMIT_BYTES) return no('The message is too large.', 'TOOBIG');
    if (message.content.length === 0) return no('An empty message is not a message.');
    const keywords = toKeywords(message.flags);
    if (!keywords) return bad('Invalid flag.');
    const stored = await storeMessage(context.deps, {
      organizationId,
      mailboxId,
      // Stored as FETCH serves it, so that RFC822.SIZE is the size of BODY[].
      raw: withCrlfLineEnds(message.content),
      folder: named.folder.folderId,
      keywords,
      receivedAt: message.internalDate ?? (context.deps.now ?? Date.now)(),
    });
    if (!stored.ok) return refusalCompletion(stored.refusal);
    uids.push(stored.value.uid);
  }
  await context.reportUpdates(true);
  return ok('APPEND completed.', `APPENDUID ${named.folder.uidValidity} ${formatSequenceSet(uids)}`);
}

/** COPY (RFC 9051 §6.4.7, UIDPLUS): each copy is a new message of the target folder, with the same flags and date. */
export async function copy(
  context: SessionContext,
  command: CommandOf<'COPY' | 'MOVE'>,
): Promise<Completion> {
  const found = await targetAndMessages(context, command);
  if ('status' in found) return found;
  const { target, chosen } = found;
  const { organizationId, mailboxId } = context.mailbox;
  const sources: number[] = [];
  const copies: number[] = [];
  for (const { message } of chosen) {
    const raw = await context.deps.mailboxes.readMessage(organizationId, mailboxId, message.messageId);
    const stored = await storeMessage(context.deps, {
      organizationId,
      mailboxId,
      raw,
      folder: target.folder.folderId,
      keywords: message.keywords,
      receivedAt: message.receivedAt,
    });
    if (!stored.ok) return refusalCompletion(stored.refusal);
    sources.push(message.uid);
    copies.push(stored.value.uid);
  }
  if (sources.length === 0) return ok('COPY completed: nothing to copy.');
  const code = `COPYUID ${target.folder.uidValidity} ${formatSequenceSet(sources)} ${formatSequenceSet(copies)}`;
  return ok(`${command.uid ? 'UID COPY' : 'COPY'} completed.`, code);
}

/**
 * MOVE (RFC 6851): the messages change folder in the model (no copy is made); `* OK [COPYUID …]` comes first,
 * then their EXPUNGEs (or VANISHED).
 */
export async function move(
  context: SessionContext,
  command: CommandOf<'COPY' | 'MOVE'>,
): Promise<Completion> {
  if ((context.selected as SelectedFolder).readOnly) return no('The mailbox is read-only.', 'READ-ONLY');
  const found = await targetAndMessages(context, command);
  if ('status' in found) return found;
  const { target, chosen } = found;
  const { organizationId, mailboxId } = context.mailbox;
  const results = await context.deps.model.updateMessages(
    organizationId,
    mailboxId,
    chosen.map(({ message }) => ({ messageId: message.messageId, folderId: target.folder.folderId })),
  );
  const sources: number[] = [];
  const moved: number[] = [];
  for (const { message } of chosen) {
    const result = results.get(message.messageId);
    if (!result?.ok) continue;
    sources.push(message.uid);
    moved.push(result.value.uid);
  }
  // Nothing moved because the model refused (e.g. a move into Recoverable Items): say why, not OK.
  const refused = [...results.values()].find((result) => !result.ok);
  if (sources.length === 0 && refused && !refused.ok) return refusalCompletion(refused.refusal);
  if (sources.length > 0) {
    const code = `COPYUID ${target.folder.uidValidity} ${formatSequenceSet(sources)} ${formatSequenceSet(moved)}`;
    await context.untagged(`OK [${code}] Moved.`);
  }
  await context.reportUpdates(true);
  return ok(`${command.uid ? 'UID MOVE' : 'MOVE'} completed.`);
}

/** The target folder of COPY or MOVE (`[TRYCREATE]` when missing) and the messages the set names. */
async function targetAndMessages(
  context: SessionContext,
  command: CommandOf<'COPY' | 'MOVE'>,
): Promise<{ target: NamedFolder; chosen: NumberedMessage[] } | Completion> {
  const target = findFolder(await namedFolders(context), command.mailbox);
  if (!target) return no('The target mailbox does not exist.', 'TRYCREATE');
  await context.reportUpdates(command.uid);
  const chosen = selectMessages(
    context.selected as SelectedFolder,
    command.set,
    command.uid,
    context.savedUids,
  );
  return isCompletion(chosen) ? chosen : { target, chosen };
}

/** EXPUNGE / UID EXPUNGE (UIDPLUS): destroys the folder's messages marked `\Deleted` (within the UID set). */
export async function expunge(context: SessionContext, command: CommandOf<'EXPUNGE'>): Promise<Completion> {
  const selected = context.selected as SelectedFolder;
  if (selected.readOnly) return no('The mailbox is read-only.', 'READ-ONLY');
  await context.reportUpdates(true);
  await destroyDeleted(context, selected, command.uidSet);
  await context.reportUpdates(true);
  return ok(`${command.uidSet ? 'UID EXPUNGE' : 'EXPUNGE'} completed.`);
}

/** CLOSE expunges silently, UNSELECT does not; both leave the selected state. */
export async function close(context: SessionContext, expunging: boolean): Promise<Completion> {
  const selected = context.selected as SelectedFolder;
  if (expunging && !selected.readOnly) {
    await selected.sync();
    await destroyDeleted(context, selected, undefined);
  }
  context.selected = undefined;
  return ok(`${expunging ? 'CLOSE' : 'UNSELECT'} completed.`);
}

async function destroyDeleted(
  context: SessionContext,
  selected: SelectedFolder,
  uidSet: CommandOf<'EXPUNGE'>['uidSet'],
): Promise<void> {
  const last = selected.all.at(-1)?.uid ?? 0;
  const doomed = selected.all.filter(
    (message) =>
      message.keywords.includes(DELETED_KEYWORD) &&
      !selected.isGone(message.uid) &&
      (uidSet === undefined ||
        (uidSet === '$'
          ? context.savedUids.includes(message.uid)
          : sequenceSetHas(uidSet, message.uid, last))),
  );
  if (doomed.length === 0) return;
  const { organizationId, mailboxId } = context.mailbox;
  await context.deps.model.destroyMessages(
    organizationId,
    mailboxId,
    doomed.map((message) => message.messageId),
    { inFolder: selected.folderId },
  );
}

function toKeywords(flags: readonly string[]): readonly string[] | undefined {
  const keywords: string[] = [];
  for (const flag of flags) {
    if (flag.toLowerCase() === '\\recent') continue;
    const keyword = keywordOf(flag);
    if (!keyword) return undefined;
    keywords.push(keyword);
  }
  const applied = applyKeywordChange([], { set: keywords });
  return 'keywords' in applied ? applied.keywords : undefined;
}

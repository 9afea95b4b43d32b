import { findFolder } from './folder-names';
import { SEEN_KEYWORD, SYSTEM_FLAG_NAMES } from './flags';
import { namedFolders } from './mailbox-commands';
import { formatSequenceSet } from './protocol';
import type { QresyncParameters } from './protocol/types';
import { SelectedFolder } from './selected-folder';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

type SelectCommand = CommandOf<'SELECT' | 'EXAMINE'>;

/**
 * SELECT / EXAMINE (RFC 9051 §6.3.2, CONDSTORE and QRESYNC of RFC 7162): opens the folder's view and reports its
 * state; with QRESYNC and a matching UIDVALIDITY, what vanished and what changed since the client's modseq.
 */
export async function select(context: SessionContext, command: SelectCommand): Promise<Completion> {
  if (command.qresync && !context.enabled.has('QRESYNC')) return bad('QRESYNC is not enabled.');
  if (context.selected && context.enabled.has('QRESYNC'))
    await context.untagged('OK [CLOSED] Previous mailbox closed.');
  context.selected = undefined;
  if (command.condstore) context.enabled.add('CONDSTORE');
  const named = findFolder(await namedFolders(context), command.mailbox);
  if (!named) return no('No such mailbox.', 'NONEXISTENT');
  const { organizationId, mailboxId } = context.mailbox;
  const readOnly = command.name === 'EXAMINE';
  const view = await SelectedFolder.open(context.deps, organizationId, mailboxId, named.folder, readOnly);
  const flags = SYSTEM_FLAG_NAMES.map((flag) => ({ atom: flag }));
  await context.untagged('FLAGS', flags);
  await context.untagged(
    `OK [PERMANENTFLAGS ${readOnly ? '()' : `(${SYSTEM_FLAG_NAMES.join(' ')} \\*)`}] Flags permitted.`,
  );
  await context.untagged(`${view.exists} EXISTS`);
  if (!context.enabled.has('IMAP4REV2')) {
    await context.untagged('0 RECENT');
    const firstUnseen = view.all.findIndex((message) => !message.keywords.includes(SEEN_KEYWORD));
    if (firstUnseen >= 0) await context.untagged(`OK [UNSEEN ${firstUnseen + 1}] First unseen.`);
  }
  await context.untagged(`OK [UIDVALIDITY ${view.folder.uidValidity}] UIDs valid.`);
  await context.untagged(`OK [UIDNEXT ${view.uidNext}] Predicted next UID.`);
  await context.untagged(`OK [HIGHESTMODSEQ ${Math.max(1, view.modseq)}] Highest.`);
  if (command.qresync && command.qresync.uidValidity === view.folder.uidValidity)
    await resynchronize(context, view, command.qresync);
  context.selected = view;
  return ok(`${command.name} completed.`, readOnly ? 'READ-ONLY' : 'READ-WRITE');
}

/** QRESYNC: `VANISHED (EARLIER)` for UIDs the client may know that are gone, then FETCH of what changed since. */
async function resynchronize(
  context: SessionContext,
  view: SelectedFolder,
  parameters: QresyncParameters,
): Promise<void> {
  const known = parameters.knownUids && parameters.knownUids !== '$' ? parameters.knownUids : undefined;
  const vanished = view.vanished(known);
  if (vanished.length > 0) await context.untagged(`VANISHED (EARLIER) ${formatSequenceSet(vanished)}`);
  for (const [index, message] of view.all.entries()) {
    if (message.modseq > parameters.modseq)
      await context.fetchResponse(index + 1, context.flagItems(message));
  }
}

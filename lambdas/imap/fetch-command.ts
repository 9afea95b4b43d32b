import { mapLimit } from '../core/delivery/settle';
import { readHeader } from '../core/mailbox/message-header';
import { SEEN_KEYWORD } from './flags';
import {
  fetchValues,
  needsContent,
  needsOnlyHeader,
  setsSeen,
  UnknownTransferEncodingError,
} from './fetch-items';
import { isCompletion, selectMessages, type NumberedMessage } from './message-sets';
import { formatSequenceSet } from './protocol';
import type { FetchItem } from './protocol/types';
import type { SelectedFolder } from './selected-folder';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

type FetchCommand = CommandOf<'FETCH'>;

/** Messages decrypted at once while a FETCH streams out (reads overlap, responses keep their order). */
const READS_IN_FLIGHT = 8;

/**
 * FETCH / UID FETCH (RFC 9051 §6.4.5) with CONDSTORE's CHANGEDSINCE and QRESYNC's VANISHED: message data from the
 * session's view (flags, UIDs, sizes, dates) or from the message bytes, decrypted in memory only for the items that
 * need them. Fetching a body without PEEK marks the message `\Seen` (not in EXAMINE).
 */
export async function fetch(context: SessionContext, command: FetchCommand): Promise<Completion> {
  const selected = context.selected as SelectedFolder;
  if (
    command.vanished &&
    (!command.uid || command.changedSince === undefined || !context.enabled.has('QRESYNC'))
  )
    return bad('VANISHED needs UID FETCH with CHANGEDSINCE and QRESYNC enabled.');
  if (command.changedSince !== undefined) context.enabled.add('CONDSTORE');
  await context.reportUpdates(command.uid);
  const chosen = selectMessages(selected, command.set, command.uid, context.savedUids);
  if (isCompletion(chosen)) return chosen;
  let messages = chosen;
  if (command.changedSince !== undefined) {
    const since = command.changedSince;
    messages = messages.filter(({ message }) => message.modseq > since);
    if (command.vanished) await reportVanished(context, selected, command);
  }
  if (setsSeen(command.items) && !selected.readOnly) messages = await markSeen(context, selected, messages);
  const items = withImpliedItems(context, command);
  const content = needsContent(items);
  const headerOnly = needsOnlyHeader(items);
  let expunged = false;
  try {
    for (let start = 0; start < messages.length; start += READS_IN_FLIGHT) {
      const batch = messages.slice(start, start + READS_IN_FLIGHT);
      const raws = content
        ? await mapLimit(batch, READS_IN_FLIGHT, (each) => readContent(context, each, headerOnly))
        : [];
      for (const [index, { sequence, message }] of batch.entries()) {
        const raw = raws[index];
        if (content && !raw) {
          expunged = true;
          continue;
        }
        const values = fetchValues(items, {
          message,
          ...(raw ? { raw } : {}),
          modseq: context.condstore,
        });
        await context.fetchResponse(sequence, values);
      }
    }
  } catch (error) {
    if (error instanceof UnknownTransferEncodingError)
      return no('A part has an unknown Content-Transfer-Encoding.', 'UNKNOWN-CTE');
    throw error;
  }
  // Dovecot's words: clients (imapflow) recognise them and keep the messages that did come back.
  if (expunged) return no('Some of the requested messages no longer exist.', 'EXPUNGEISSUED');
  return ok(`${command.uid ? 'UID FETCH' : 'FETCH'} completed.`);
}

/** UID FETCH reports UIDs; CONDSTORE adds MODSEQ; a `\Seen` set by this FETCH is reported in FLAGS. */
function withImpliedItems(context: SessionContext, command: FetchCommand): FetchItem[] {
  const items = [...command.items];
  const has = (type: FetchItem['type']) => items.some((item) => item.type === type);
  if (command.uid && !has('UID')) items.unshift({ type: 'UID' });
  if (context.condstore && !has('MODSEQ')) items.push({ type: 'MODSEQ' });
  if (setsSeen(items) && !context.selected?.readOnly && !has('FLAGS')) items.push({ type: 'FLAGS' });
  return items;
}

/** The message's bytes (only its header when that is all the items need), or undefined once it is gone. */
async function readContent(
  context: SessionContext,
  { message }: NumberedMessage,
  headerOnly: boolean,
): Promise<Buffer | undefined> {
  const { organizationId, mailboxId } = context.mailbox;
  const { mailboxes } = context.deps;
  try {
    const header = headerOnly
      ? await readHeader(mailboxes, organizationId, mailboxId, message.messageId)
      : undefined;
    return header ?? (await mailboxes.readMessage(organizationId, mailboxId, message.messageId));
  } catch (error) {
    if ((error as { name?: string }).name === 'MessageNotFoundError') return undefined;
    throw error;
  }
}

/** Sets `\Seen` on the unseen ones, then returns the messages with their keywords as they are now. */
async function markSeen(
  context: SessionContext,
  selected: SelectedFolder,
  messages: NumberedMessage[],
): Promise<NumberedMessage[]> {
  const unseen = messages.filter(({ message }) => !message.keywords.includes(SEEN_KEYWORD));
  if (unseen.length === 0) return messages;
  const { organizationId, mailboxId } = context.mailbox;
  await context.deps.model.updateMessages(
    organizationId,
    mailboxId,
    unseen.map(({ message }) => ({ messageId: message.messageId, keywords: { add: [SEEN_KEYWORD] } })),
  );
  await selected.sync();
  selected.acknowledge(unseen.map(({ message }) => message.uid));
  return messages.map(({ message }) => {
    const sequence = selected.sequenceOf(message.uid);
    return { sequence, message: selected.all[sequence - 1] ?? message };
  });
}

/** QRESYNC `VANISHED (EARLIER)`: UIDs of the set that are not in the folder (RFC 7162 §3.2.6). */
async function reportVanished(
  context: SessionContext,
  selected: SelectedFolder,
  command: FetchCommand,
): Promise<void> {
  if (command.set === '$') return;
  const missing = selected.vanished(command.set);
  if (missing.length > 0) await context.untagged(`VANISHED (EARLIER) ${formatSequenceSet(missing)}`);
}

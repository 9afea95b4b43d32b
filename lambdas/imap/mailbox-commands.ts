import type { FolderRecord } from '../core/mailbox';
import {
  canonicalName,
  DELIMITER,
  findFolder,
  matchesPattern,
  nameFolders,
  type NamedFolder,
} from './folder-names';
import { encodeMailboxName } from './protocol';
import type { ImapValue } from './protocol/types';
import { refusalCompletion } from './refusals';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

/** STATUS items Mailwright answers (RFC 9051 §6.3.11, CONDSTORE's HIGHESTMODSEQ, STATUS=SIZE). */
const STATUS_ITEMS = new Set([
  'MESSAGES',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'RECENT',
  'HIGHESTMODSEQ',
  'SIZE',
]);

/** The user's folders with their IMAP names. */
export async function namedFolders(context: SessionContext): Promise<NamedFolder[]> {
  const { organizationId, mailboxId } = context.mailbox;
  return nameFolders(await context.deps.model.folders(organizationId, mailboxId));
}

/** A mailbox name as the client reads it: modified UTF-7 unless UTF8=ACCEPT is on. */
export function wireName(context: SessionContext, name: string): string {
  return context.utf8 ? name : encodeMailboxName(name);
}

/** LIST (RFC 9051 §6.3.9, LIST-EXTENDED, SPECIAL-USE, LIST-STATUS) and LSUB: every folder is subscribed. */
export async function list(
  context: SessionContext,
  command: CommandOf<'LIST' | 'LSUB'>,
): Promise<Completion> {
  const patterns = command.name === 'LIST' ? command.patterns : [command.pattern];
  const options = command.name === 'LIST' ? command.options : undefined;
  if (patterns.length === 1 && patterns[0] === '') {
    await context.untagged('LIST (\\Noselect)', DELIMITER, '');
    return ok(`${command.name} completed.`);
  }
  const folders = await namedFolders(context);
  const wanted = patterns.map((pattern) => `${command.reference}${pattern}`);
  const specialOnly = options?.selection.includes('SPECIAL-USE') ?? false;
  // LSUB lists only subscribed names and marks none; LIST marks them when asked (RFC 5258 §3).
  const subscribed =
    command.name === 'LIST' &&
    (options?.returnSubscribed === true || options?.selection.includes('SUBSCRIBED') === true);
  for (const named of folders) {
    if (!wanted.some((pattern) => matchesPattern(named.name, pattern))) continue;
    if (specialOnly && !named.specialUse) continue;
    const attributes = [
      named.hasChildren ? '\\HasChildren' : '\\HasNoChildren',
      ...(subscribed ? ['\\Subscribed'] : []),
      ...(named.specialUse ? [named.specialUse] : []),
    ];
    await context.untagged(
      command.name,
      attributes.map((attribute) => ({ atom: attribute })),
      DELIMITER,
      wireName(context, named.name),
    );
    if (options?.returnStatus) await writeStatus(context, named.name, named.folder, options.returnStatus);
  }
  return ok(`${command.name} completed.`);
}

/** STATUS of a mailbox; the selected one is answered from the session's view. */
export async function status(context: SessionContext, command: CommandOf<'STATUS'>): Promise<Completion> {
  const unknown = command.items.find((item) => !STATUS_ITEMS.has(item.toUpperCase()));
  if (unknown) return bad(`Unknown STATUS item ${unknown.slice(0, 32)}.`);
  const named = findFolder(await namedFolders(context), command.mailbox);
  if (!named) return no('No such mailbox.', 'NONEXISTENT');
  await writeStatus(context, named.name, named.folder, command.items);
  return ok('STATUS completed.');
}

async function writeStatus(
  context: SessionContext,
  name: string,
  folder: FolderRecord,
  items: readonly string[],
): Promise<void> {
  const { organizationId, mailboxId } = context.mailbox;
  const values: ImapValue[] = [];
  for (const item of items.map((each) => each.toUpperCase())) {
    values.push({ atom: item });
    if (item === 'MESSAGES') values.push(folder.totalEmails);
    else if (item === 'UNSEEN') values.push(folder.unreadEmails);
    else if (item === 'UIDNEXT') values.push(folder.uidNext);
    else if (item === 'UIDVALIDITY') values.push(folder.uidValidity);
    else if (item === 'RECENT') values.push(0);
    else if (item === 'HIGHESTMODSEQ')
      values.push((await context.deps.store.getMailbox(organizationId, mailboxId))?.modseq ?? 0);
    else if (item === 'SIZE') values.push(await folderSize(context, folder.folderId));
  }
  await context.untagged('STATUS', wireName(context, name), values);
}

async function folderSize(context: SessionContext, folderId: string): Promise<number> {
  const { organizationId, mailboxId } = context.mailbox;
  let total = 0;
  let afterUid = 0;
  for (;;) {
    const page = await context.deps.store.listFolderUids(organizationId, mailboxId, folderId, {
      afterUid,
      limit: 1000,
    });
    for (const message of page.items) total += message.sizeBytes;
    if (!page.more || page.items.length === 0) return total;
    afterUid = page.items[page.items.length - 1].uid;
  }
}

/** CREATE: the folder and any missing parent folders (RFC 9051 §6.3.4). */
export async function create(context: SessionContext, mailbox: string): Promise<Completion> {
  const { organizationId, mailboxId } = context.mailbox;
  const path = canonicalName(mailbox);
  if (path === 'INBOX') return no('INBOX exists.', 'ALREADYEXISTS');
  const segments = path.split(DELIMITER);
  if (segments.some((segment) => segment.length === 0)) return bad('Empty level in mailbox name.');
  let folders = await namedFolders(context);
  if (findFolder(folders, path)) return no('The mailbox exists.', 'ALREADYEXISTS');
  let parentId: string | undefined;
  for (let depth = 1; depth <= segments.length; depth++) {
    const existing = findFolder(folders, segments.slice(0, depth).join(DELIMITER));
    if (existing) {
      parentId = existing.folder.folderId;
      continue;
    }
    const created = await context.deps.model.createFolder(organizationId, mailboxId, {
      name: segments[depth - 1],
      ...(parentId ? { parentId } : {}),
    });
    if (!created.ok) return refusalCompletion(created.refusal);
    parentId = created.value.folderId;
    folders = await namedFolders(context);
  }
  return ok('CREATE completed.');
}

/** DELETE: a user folder without child folders, and the messages in it. */
export async function remove(context: SessionContext, mailbox: string): Promise<Completion> {
  const { organizationId, mailboxId } = context.mailbox;
  const named = findFolder(await namedFolders(context), mailbox);
  if (!named) return no('No such mailbox.', 'NONEXISTENT');
  if (named.hasChildren) return no('The mailbox has child mailboxes.', 'CANNOT');
  if (context.selected?.folderId === named.folder.folderId) context.selected = undefined;
  for (;;) {
    const page = await context.deps.store.listFolderUids(organizationId, mailboxId, named.folder.folderId, {
      afterUid: 0,
      limit: 500,
    });
    if (page.items.length === 0) break;
    await context.deps.model.destroyMessages(
      organizationId,
      mailboxId,
      page.items.map((message) => message.messageId),
      { inFolder: named.folder.folderId },
    );
  }
  const destroyed = await context.deps.model.destroyFolder(organizationId, mailboxId, named.folder.folderId);
  return destroyed.ok ? ok('DELETE completed.') : refusalCompletion(destroyed.refusal);
}

/** RENAME: a new name and/or parent for a user folder (its children move with it). */
export async function rename(context: SessionContext, command: CommandOf<'RENAME'>): Promise<Completion> {
  const { organizationId, mailboxId } = context.mailbox;
  const folders = await namedFolders(context);
  const source = findFolder(folders, command.from);
  if (!source) return no('No such mailbox.', 'NONEXISTENT');
  const target = canonicalName(command.to);
  if (findFolder(folders, target)) return no('The target mailbox exists.', 'ALREADYEXISTS');
  const segments = target.split(DELIMITER);
  const name = segments[segments.length - 1];
  if (!name) return bad('Empty level in mailbox name.');
  const parentPath = segments.slice(0, -1).join(DELIMITER);
  const parent = parentPath ? findFolder(folders, parentPath) : undefined;
  if (parentPath && !parent) return no('The parent mailbox does not exist.', 'NONEXISTENT');
  const updated = await context.deps.model.updateFolder(organizationId, mailboxId, source.folder.folderId, {
    name,
    parentId: parent ? parent.folder.folderId : null,
  });
  return updated.ok ? ok('RENAME completed.') : refusalCompletion(updated.refusal);
}

/** SUBSCRIBE / UNSUBSCRIBE: every folder is always subscribed (a mailbox here has no subscription list). */
export async function subscribe(
  context: SessionContext,
  mailbox: string,
  subscribing: boolean,
): Promise<Completion> {
  if (!findFolder(await namedFolders(context), mailbox)) return no('No such mailbox.', 'NONEXISTENT');
  return subscribing ? ok('SUBSCRIBE completed.') : no('Every folder is always subscribed.', 'CANNOT');
}

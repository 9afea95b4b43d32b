import type { KeywordChange } from '../../../core/mailbox/keywords';
import type { MessageUpdate } from '../../../core/mailbox/mailbox-model';
import { readMessages } from '../../../core/mailbox/model-reads';
import type { CreatedIds } from '../created-ids';
import { isObject } from './arguments';
import type { MailMethodDeps, MailTarget } from './context';
import { setErrorOf, type SetError } from './set-errors';

/**
 * The `update` part of Email/set (RFC 8621 §4.6): `keywords` and `mailboxIds`, whole or as patches
 * (`keywords/$seen: true`, `mailboxIds/<id>: null`). A message lives in exactly one mailbox
 * (`maxMailboxesPerEmail` is 1), so the resulting `mailboxIds` must name one; a move is "add the new, remove the old".
 * @returns the updated ids (value null: nothing the client did not set changed) and the refusals
 */
export async function emailUpdate(
  deps: MailMethodDeps,
  target: MailTarget,
  updates: Record<string, unknown>,
  createdIds: CreatedIds,
): Promise<{ updated: Record<string, null>; notUpdated: Record<string, SetError> }> {
  const notUpdated: Record<string, SetError> = {};
  const ids = Object.keys(updates);
  if (ids.length === 0) return { updated: {}, notUpdated };
  const { found } = await readMessages(deps.store, target.organizationId, target.mailboxId, ids);
  const current = new Map(found.map((entry) => [entry.messageId, entry.folder]));
  const changes: MessageUpdate[] = [];
  for (const id of ids) {
    const folder = current.get(id);
    if (folder === undefined) {
      notUpdated[id] = { type: 'notFound' };
      continue;
    }
    const parsed = parsePatch(updates[id], folder, createdIds);
    if ('type' in parsed) notUpdated[id] = parsed;
    else changes.push({ messageId: id, ...parsed });
  }
  const results = await deps.model.updateMessages(target.organizationId, target.mailboxId, changes);
  const updated: Record<string, null> = {};
  for (const [id, result] of results) {
    if (result.ok) updated[id] = null;
    else notUpdated[id] = setErrorOf(result.refusal);
  }
  return { updated, notUpdated };
}

function parsePatch(
  patch: unknown,
  folder: string,
  createdIds: CreatedIds,
): { keywords?: KeywordChange; folderId?: string } | SetError {
  const invalid = (property: string, description?: string): SetError => ({
    type: 'invalidProperties',
    properties: [property],
    ...(description ? { description } : {}),
  });
  if (!isObject(patch)) return { type: 'invalidPatch' };
  const add: string[] = [];
  const remove: string[] = [];
  let keywordSet: string[] | undefined;
  let mailboxes = new Set([folder]);
  for (const [path, value] of Object.entries(patch)) {
    if (path === 'keywords') {
      if (!isObject(value) || !Object.values(value).every((flag) => flag === true))
        return invalid('keywords');
      keywordSet = Object.keys(value);
    } else if (path.startsWith('keywords/')) {
      if (value !== true && value !== null) return invalid(path);
      (value === true ? add : remove).push(path.slice('keywords/'.length));
    } else if (path === 'mailboxIds') {
      if (!isObject(value) || !Object.values(value).every((flag) => flag === true))
        return invalid('mailboxIds');
      mailboxes = new Set(Object.keys(value).map((id) => createdIds.resolve(id) ?? id));
    } else if (path.startsWith('mailboxIds/')) {
      const id = path.slice('mailboxIds/'.length);
      const resolved = createdIds.resolve(id) ?? id;
      if (value === true) mailboxes.add(resolved);
      else if (value === null) mailboxes.delete(resolved);
      else return invalid(path);
    } else {
      return invalid(path, 'Only keywords and mailboxIds can change.');
    }
  }
  if (keywordSet && (add.length > 0 || remove.length > 0))
    return { type: 'invalidPatch', description: 'keywords is set whole and patched at once.' };
  if (mailboxes.size > 1)
    return {
      type: 'tooManyMailboxes',
      description: 'A message is in exactly one mailbox (maxMailboxesPerEmail is 1).',
    };
  if (mailboxes.size === 0) return invalid('mailboxIds', 'A message is in exactly one mailbox.');
  const [folderId] = mailboxes;
  const keywords: KeywordChange | undefined = keywordSet
    ? { set: keywordSet }
    : add.length + remove.length > 0
      ? { add, remove }
      : undefined;
  return { ...(keywords ? { keywords } : {}), ...(folderId !== folder ? { folderId } : {}) };
}

import { isSystemFolder, RECOVERABLE_ITEMS, SYSTEM_FOLDERS } from '../../../core/mailbox/folders';
import type { FolderRecord } from '../../../core/mailbox/model-types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import { assertWithinLimit, idList, isObject, setArguments, setSize } from './arguments';
import { changesMethod, queryChangesUnsupported } from './changes-method';
import {
  changeWithStates,
  currentState,
  JMAP_MAIL,
  targetOf,
  type MailMethodDeps,
  type MailPrincipal,
} from './context';
import { setErrorOf, type SetError } from './set-errors';

/** Mailbox/get, /changes, /query, /queryChanges and /set (RFC 8621 §2) over the mailbox model's folders. */

const MAILBOX_PROPERTIES = [
  'id',
  'name',
  'parentId',
  'role',
  'sortOrder',
  'totalEmails',
  'unreadEmails',
  'totalThreads',
  'unreadThreads',
  'myRights',
  'isSubscribed',
];

/**
 * The JMAP Mailbox object of a folder. System folders sort first, in WorkMail's order, then Recoverable Items
 * (which only retention adds messages to: `mayAddItems` false).
 */
function toMailbox(folder: FolderRecord): Record<string, unknown> {
  const system = isSystemFolder(folder.folderId);
  const recoverable = folder.folderId === RECOVERABLE_ITEMS.folderId;
  const rank = SYSTEM_FOLDERS.findIndex((candidate) => candidate.folderId === folder.folderId);
  return {
    id: folder.folderId,
    name: folder.name,
    parentId: folder.parentId ?? null,
    role: folder.role ?? null,
    sortOrder: recoverable ? SYSTEM_FOLDERS.length + 1 : system ? rank + 1 : 100,
    totalEmails: folder.totalEmails,
    unreadEmails: folder.unreadEmails,
    totalThreads: folder.totalThreads,
    unreadThreads: folder.unreadThreads,
    myRights: {
      mayReadItems: true,
      mayAddItems: !recoverable,
      mayRemoveItems: true,
      maySetSeen: true,
      maySetKeywords: true,
      mayCreateChild: true,
      mayRename: !system,
      mayDelete: !system,
      maySubmit: true,
    },
    isSubscribed: true,
  };
}

function pick(object: Record<string, unknown>, properties: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(properties.map((property) => [property, object[property]]));
}

/**
 * The Mailbox methods.
 * @example
 * const methods = { ...mailboxMethods(deps), ...emailMethods(deps) };
 */
export function mailboxMethods(deps: MailMethodDeps): JmapMethodRegistry<MailPrincipal> {
  const get: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const properties = idList(args, 'properties') ?? MAILBOX_PROPERTIES;
      const unknown = properties.find((property) => !MAILBOX_PROPERTIES.includes(property));
      if (unknown) throw new JmapMethodError('invalidArguments', `Unknown property ${unknown}.`);
      const { state } = await currentState(deps, target);
      const folders = await deps.model.folders(target.organizationId, target.mailboxId);
      const ids = idList(args, 'ids');
      assertWithinLimit(context, ids?.length ?? 0, 'maxObjectsInGet');
      const byId = new Map(folders.map((folder) => [folder.folderId, folder]));
      const wanted = ids ?? folders.map((folder) => folder.folderId);
      const withId = properties.includes('id') ? properties : ['id', ...properties];
      return {
        accountId: target.accountId,
        state,
        list: wanted.flatMap((id) => {
          const folder = byId.get(id);
          return folder ? [pick(toMailbox(folder), withId)] : [];
        }),
        notFound: wanted.filter((id) => !byId.has(id)),
      };
    },
  };

  const query: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const filter = args.filter ?? {};
      if (!isObject(filter)) throw new JmapMethodError('unsupportedFilter');
      // The state first: a folder created meanwhile is then newer than the state the client gets.
      const { state } = await currentState(deps, target);
      const folders = (await deps.model.folders(target.organizationId, target.mailboxId)).map(toMailbox);
      const matches = folders.filter((mailbox) => matchesFilter(mailbox, filter));
      return {
        accountId: target.accountId,
        queryState: state,
        canCalculateChanges: false,
        position: 0,
        ids: matches.map((mailbox) => mailbox.id),
        total: matches.length,
      };
    },
  };

  const set: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) =>
      changeWithStates(deps, args, context, setSize(args), async (target) => {
        const { organizationId, mailboxId } = target;
        const created: Record<string, unknown> = {};
        const notCreated: Record<string, SetError> = {};
        const sets = setArguments(args, (id) => context.createdIds.resolve(id));
        for (const [creationId, object] of Object.entries(sets.create)) {
          const input = mailboxInput(object, context.createdIds.resolve.bind(context.createdIds), true);
          if ('type' in input) {
            notCreated[creationId] = input;
            continue;
          }
          const result = await deps.model.createFolder(organizationId, mailboxId, {
            name: input.name as string,
            ...(input.parentId ? { parentId: input.parentId } : {}),
          });
          if (!result.ok) {
            notCreated[creationId] = setErrorOf(result.refusal);
            continue;
          }
          context.createdIds.record(creationId, result.value.folderId);
          created[creationId] = {
            id: result.value.folderId,
            ...pick(toMailbox(result.value), [
              'sortOrder',
              'totalEmails',
              'unreadEmails',
              'totalThreads',
              'unreadThreads',
              'myRights',
              'isSubscribed',
            ]),
          };
        }
        const updated: Record<string, null> = {};
        const notUpdated: Record<string, SetError> = {};
        for (const [id, patch] of Object.entries(sets.update)) {
          const input = mailboxInput(patch, context.createdIds.resolve.bind(context.createdIds), false);
          if ('type' in input) {
            notUpdated[id] = input;
            continue;
          }
          const result = await deps.model.updateFolder(organizationId, mailboxId, id, input);
          if (result.ok) updated[id] = null;
          else notUpdated[id] = setErrorOf(result.refusal);
        }
        const destroyed: string[] = [];
        const notDestroyed: Record<string, SetError> = {};
        const removeEmails = args.onDestroyRemoveEmails === true;
        for (const id of sets.destroy) {
          let result = await deps.model.destroyFolder(organizationId, mailboxId, id);
          if (!result.ok && result.refusal.type === 'folderHasMessages' && removeEmails) {
            await emptyFolder(deps, organizationId, mailboxId, id);
            result = await deps.model.destroyFolder(organizationId, mailboxId, id);
          }
          if (result.ok) destroyed.push(id);
          else notDestroyed[id] = setErrorOf(result.refusal);
        }
        return { created, updated, destroyed, notCreated, notUpdated, notDestroyed };
      }),
  };

  return {
    'Mailbox/get': get,
    'Mailbox/changes': changesMethod(deps, 'FOLDER'),
    'Mailbox/query': query,
    'Mailbox/queryChanges': queryChangesUnsupported('Mailbox'),
    'Mailbox/set': set,
  };
}

/** The folder change a Mailbox/set create or update asks for, or the SetError refusing it. */
function mailboxInput(
  object: unknown,
  resolve: (id: string) => string | undefined,
  creating: boolean,
): { name?: string; parentId?: string | null } | SetError {
  if (!isObject(object)) return { type: 'invalidProperties', description: 'A Mailbox must be an object.' };
  const invalid = (property: string) => ({ type: 'invalidProperties', properties: [property] });
  const result: { name?: string; parentId?: string | null } = {};
  for (const [property, value] of Object.entries(object)) {
    if (property === 'name') {
      if (typeof value !== 'string') return invalid('name');
      result.name = value;
    } else if (property === 'parentId') {
      if (value !== null && typeof value !== 'string') return invalid('parentId');
      const parent = value === null ? null : resolve(value);
      if (parent === undefined) return invalid('parentId');
      result.parentId = parent;
    } else if (property !== 'isSubscribed' || value !== true) {
      // Every folder is subscribed; roles belong to the system folders; the server orders mailboxes.
      return invalid(property);
    }
  }
  if (creating && result.name === undefined) return invalid('name');
  return result;
}

function matchesFilter(mailbox: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  for (const [condition, value] of Object.entries(filter)) {
    if (condition === 'parentId' && mailbox.parentId !== value) return false;
    else if (condition === 'role' && mailbox.role !== value) return false;
    else if (condition === 'hasAnyRole' && (mailbox.role !== null) !== value) return false;
    else if (condition === 'isSubscribed' && value !== true) return false;
    else if (
      condition === 'name' &&
      !(typeof value === 'string' && (mailbox.name as string).toLowerCase().includes(value.toLowerCase()))
    )
      return false;
    else if (!['parentId', 'role', 'hasAnyRole', 'isSubscribed', 'name'].includes(condition))
      throw new JmapMethodError('unsupportedFilter', `Unknown filter condition ${condition}.`);
  }
  return true;
}

/** Destroys every message of a folder, a page at a time (Mailbox/set `onDestroyRemoveEmails`). */
async function emptyFolder(
  deps: MailMethodDeps,
  organizationId: string,
  mailboxId: string,
  folderId: string,
): Promise<void> {
  for (;;) {
    // The listing can lag behind moves: only messages still in the folder are destroyed, and a page that destroys
    // nothing ends the loop (the destroy then answers mailboxHasEmail).
    const page = await deps.store.listMessages(organizationId, mailboxId, folderId, { limit: 100 });
    const ids = page.items.map((item) => item.messageId);
    const { results } = await deps.model.destroyMessages(organizationId, mailboxId, ids, {
      inFolder: folderId,
    });
    if (![...results.values()].some((result) => result.ok)) return;
  }
}

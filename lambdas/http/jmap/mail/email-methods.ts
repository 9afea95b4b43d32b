import { readMessages } from '../../../core/mailbox/model-reads';
import type { MessageIndexEntry } from '../../../core/mailbox/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import { idList, isObject, isStringArray } from './arguments';
import { changesMethod } from './changes-method';
import {
  checkIfInState,
  currentState,
  JMAP_MAIL,
  targetOf,
  type MailMethodDeps,
  type MailPrincipal,
} from './context';
import { messageBlobId } from './blob-ids';
import { emailImport } from './email-import';
import { emailQuery } from './email-query';
import { emailUpdate } from './email-update';
import { setErrorOf, type SetError } from './set-errors';

/** Email/get, /changes, /query, /queryChanges and /set (RFC 8621 §4) over the mailbox model. */

/** Properties that come from the index entry; every other property needs the message's content. */
const METADATA_PROPERTIES = ['id', 'blobId', 'threadId', 'mailboxIds', 'keywords', 'size', 'receivedAt'];

/** RFC 8621 §4.2: the properties Email/get returns when `properties` is null. */
const DEFAULT_PROPERTIES = [
  ...METADATA_PROPERTIES,
  'messageId',
  'inReplyTo',
  'references',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'sentAt',
  'hasAttachment',
  'preview',
  'bodyValues',
  'textBody',
  'htmlBody',
  'attachments',
];

/** Computes the content-derived Email properties from the raw message (see `docs/jmap.md` "Email content"). */
export type EmailContentView = (
  raw: Buffer,
  properties: readonly string[],
  args: Readonly<Record<string, unknown>>,
  blobIdOf: (partId: string) => string,
) => Record<string, unknown>;

/** The JMAP Email object's metadata properties of an index entry. */
function metadata(entry: MessageIndexEntry): Record<string, unknown> {
  return {
    id: entry.messageId,
    blobId: messageBlobId(entry.messageId),
    threadId: entry.threadId,
    mailboxIds: { [entry.folder]: true },
    keywords: Object.fromEntries(entry.keywords.map((keyword) => [keyword, true])),
    size: entry.sizeBytes,
    receivedAt: new Date(entry.receivedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/**
 * The Email methods.
 * @param view - derives content properties (headers, bodies) from a message's bytes
 * @example
 * const methods = emailMethods(deps, emailContentView);
 */
export function emailMethods(
  deps: MailMethodDeps,
  view: EmailContentView,
): JmapMethodRegistry<MailPrincipal> {
  const get: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const ids = idList(args, 'ids');
      if (!ids)
        throw new JmapMethodError('requestTooLarge', 'Email/get needs ids: use Email/query to find them.');
      const limit = context.session.capabilities['urn:ietf:params:jmap:core'] as { maxObjectsInGet: number };
      if (ids.length > limit.maxObjectsInGet) throw new JmapMethodError('requestTooLarge');
      const properties = idList(args, 'properties') ?? DEFAULT_PROPERTIES;
      const content = properties.filter((property) => !METADATA_PROPERTIES.includes(property));
      const { state } = await currentState(deps, target);
      const { found } = await readMessages(deps.store, target.organizationId, target.mailboxId, ids);
      const byId = new Map(found.map((entry) => [entry.messageId, entry]));
      const list = await Promise.all(
        ids
          .filter((id) => byId.has(id))
          .map(async (id) => {
            const entry = byId.get(id) as MessageIndexEntry;
            const known = metadata(entry);
            const email: Record<string, unknown> = { id };
            for (const property of properties) if (property in known) email[property] = known[property];
            if (content.length > 0) {
              const raw = await deps.mailboxes.readMessage(target.organizationId, target.mailboxId, id);
              Object.assign(
                email,
                view(raw, content, args, (partId) => `${messageBlobId(id)}.${partId}`),
              );
            }
            return email;
          }),
      );
      return { accountId: target.accountId, state, list, notFound: ids.filter((id) => !byId.has(id)) };
    },
  };

  const queryChanges: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async () => {
      throw new JmapMethodError('cannotCalculateChanges', 'Run Email/query again.');
    },
  };

  const set: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const { organizationId, mailboxId } = target;
      const before = await currentState(deps, target);
      checkIfInState(args, deps, before.modseq);
      const notCreated: Record<string, SetError> = {};
      for (const creationId of Object.keys(isObject(args.create) ? args.create : {}))
        notCreated[creationId] = { type: 'forbidden', description: 'Use Email/import to add a message.' };
      const updates = isObject(args.update) ? args.update : {};
      const { updated, notUpdated } = await emailUpdate(deps, target, updates, context.createdIds);
      const destroyIds = isStringArray(args.destroy) ? args.destroy : [];
      const { results } = await deps.model.destroyMessages(organizationId, mailboxId, destroyIds);
      const destroyed: string[] = [];
      const notDestroyed: Record<string, SetError> = {};
      for (const id of destroyIds) {
        const result = results.get(id);
        if (result?.ok) destroyed.push(id);
        else if (result) notDestroyed[id] = setErrorOf(result.refusal);
      }
      const after = await currentState(deps, target);
      return {
        accountId: target.accountId,
        oldState: before.state,
        newState: after.state,
        created: {},
        updated,
        destroyed,
        notCreated,
        notUpdated,
        notDestroyed,
      };
    },
  };

  return {
    'Email/get': get,
    'Email/changes': changesMethod(deps, 'EMAIL'),
    'Email/query': emailQuery(deps),
    'Email/queryChanges': queryChanges,
    'Email/set': set,
    'Email/import': emailImport(deps),
  };
}

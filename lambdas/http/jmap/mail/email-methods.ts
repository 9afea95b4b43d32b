import { mapLimit } from '../../../core/delivery/settle';
import { readMessages } from '../../../core/mailbox/model-reads';
import type { MessageIndexEntry } from '../../../core/mailbox/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import { assertWithinLimit, bodyValueSelection, idList, setArguments, setSize } from './arguments';
import { changesMethod, queryChangesUnsupported } from './changes-method';
import {
  changeWithStates,
  currentState,
  JMAP_MAIL,
  targetOf,
  type MailMethodDeps,
  type MailPrincipal,
} from './context';
import { messageBlobId } from './blob-ids';
import { blobCopy } from './blob-copy';
import { emailCopy } from './email-copy';
import { createEmail } from './email-create';
import { emailImport } from './email-import';
import { emailParse } from './email-parse';
import {
  assertEmailProperties,
  DEFAULT_EMAIL_GET_PROPERTIES,
  EMAIL_METADATA_PROPERTIES,
} from './email-properties';
import { emailQuery } from './email-query';
import { emailView } from './email-view';
import { emailUpdate } from './email-update';
import { createEach, setErrorOf, type SetError } from './set-errors';

/** Email/get, /changes, /query, /queryChanges and /set (RFC 8621 §4) over the mailbox model. */

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
 * @example
 * const methods = emailMethods(deps, emailContentView);
 */
export function emailMethods(deps: MailMethodDeps): JmapMethodRegistry<MailPrincipal> {
  const get: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const ids = idList(args, 'ids');
      if (!ids)
        throw new JmapMethodError('requestTooLarge', 'Email/get needs ids: use Email/query to find them.');
      assertWithinLimit(context, ids.length, 'maxObjectsInGet');
      assertEmailProperties(args.properties ?? null, args.bodyProperties ?? null);
      const properties = idList(args, 'properties') ?? DEFAULT_EMAIL_GET_PROPERTIES;
      const content = properties.filter(
        (property) => !(EMAIL_METADATA_PROPERTIES as readonly string[]).includes(property),
      );
      const selection = bodyValueSelection(args);
      const bodyProperties = idList(args, 'bodyProperties');
      const { state } = await currentState(deps, target);
      const { found } = await readMessages(deps.store, target.organizationId, target.mailboxId, ids);
      const byId = new Map(found.map((entry) => [entry.messageId, entry]));
      // At most 8 messages are decrypted at once; one destroyed meanwhile is not found.
      const emails = await mapLimit([...byId.values()], 8, async (entry) => {
        const id = entry.messageId;
        const known = metadata(entry);
        const email: Record<string, unknown> = { id };
        for (const property of properties) if (property in known) email[property] = known[property];
        if (content.length === 0) return email;
        const raw = await deps.mailboxes
          .readMessage(target.organizationId, target.mailboxId, id)
          .catch((error: unknown) => {
            if ((error as { name?: string }).name === 'MessageNotFoundError') return undefined;
            throw error;
          });
        if (!raw) return undefined;
        const blobIdOf = (partId: string) => `${messageBlobId(id)}.${partId}`;
        return {
          ...email,
          ...emailView(raw, { ...selection, properties: content, bodyProperties, blobIdOf }),
        };
      });
      const list = emails.filter((email) => email !== undefined);
      const listed = new Set(list.map((email) => email.id));
      return { accountId: target.accountId, state, list, notFound: ids.filter((id) => !listed.has(id)) };
    },
  };

  const set: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) =>
      changeWithStates(deps, args, context, setSize(args), async (target) => {
        const { organizationId, mailboxId } = target;
        const {
          create,
          update: updates,
          destroy: destroyIds,
        } = setArguments(args, (id) => context.createdIds.resolve(id));
        const { created, notCreated } = await createEach(create, context.createdIds, (spec) =>
          createEmail(deps, target, spec, context.createdIds),
        );
        const { updated, notUpdated } = await emailUpdate(deps, target, updates, context.createdIds);
        const { results } = await deps.model.destroyMessages(organizationId, mailboxId, destroyIds);
        const destroyed: string[] = [];
        const notDestroyed: Record<string, SetError> = {};
        for (const id of destroyIds) {
          const result = results.get(id);
          if (result?.ok) destroyed.push(id);
          else if (result) notDestroyed[id] = setErrorOf(result.refusal);
        }
        return { created, updated, destroyed, notCreated, notUpdated, notDestroyed };
      }),
  };

  return {
    'Email/get': get,
    'Email/changes': changesMethod(deps, 'EMAIL'),
    'Email/query': emailQuery(deps),
    'Email/queryChanges': queryChangesUnsupported('Email'),
    'Email/set': set,
    'Email/import': emailImport(deps),
    'Email/parse': emailParse(deps),
    'Email/copy': emailCopy(deps, set),
    'Blob/copy': blobCopy(deps),
  };
}

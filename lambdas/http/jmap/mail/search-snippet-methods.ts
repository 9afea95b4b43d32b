import { mapLimit } from '../../../core/delivery/settle';
import { readMessages } from '../../../core/mailbox/model-reads';
import { queryTerms, snippetOf, wordConditions } from '../../../core/search';
import { JmapMethodError } from '../errors';
import type { JmapMethodRegistry } from '../method';
import { idList } from './arguments';
import { JMAP_MAIL, targetOf, type MailMethodDeps, type MailPrincipal } from './context';
import { emailFilter } from './email-filter';

/** Emails one SearchSnippet/get reads at most: each is decrypted and parsed in the request. */
export const MAX_SNIPPETS = 100;
/** Larger messages get null snippets. */
const MAX_SNIPPET_MESSAGE_BYTES = 1024 * 1024;

/**
 * SearchSnippet/get (RFC 8621 §5.1): for each email, its subject and a body excerpt with the filter's words marked,
 * computed from the message (decrypted in this request only); `null` where none of the words occurs.
 * @example
 * const methods = searchSnippetMethods(deps);
 */
export function searchSnippetMethods(deps: MailMethodDeps): JmapMethodRegistry<MailPrincipal> {
  return {
    'SearchSnippet/get': {
      capability: JMAP_MAIL,
      handle: async (args, context) => {
        const target = targetOf(args, context);
        const emailIds = idList(args, 'emailIds');
        if (!emailIds) throw new JmapMethodError('invalidArguments', 'SearchSnippet/get needs emailIds.');
        if (emailIds.length > MAX_SNIPPETS)
          throw new JmapMethodError('requestTooLarge', `At most ${MAX_SNIPPETS} emailIds.`);
        const filter =
          args.filter === undefined || args.filter === null ? undefined : emailFilter(args.filter);
        const words = new Set(
          (filter ? wordConditions(filter) : []).flatMap((condition) => queryTerms(condition.text)),
        );
        const { mailbox, found } = await readMessages(
          deps.store,
          target.organizationId,
          target.mailboxId,
          emailIds,
        );
        if (mailbox?.state !== 'ACTIVE') throw new JmapMethodError('accountNotFound');
        // At most 4 messages are decrypted at once; a message over 1 MiB gets no snippet (its parse would cost
        // more than a snippet is worth).
        const list = await mapLimit(found, 4, async (entry) => {
          if (words.size === 0 || entry.sizeBytes > MAX_SNIPPET_MESSAGE_BYTES)
            return { emailId: entry.messageId, subject: null, preview: null };
          const raw = await deps.mailboxes.readMessage(
            target.organizationId,
            target.mailboxId,
            entry.messageId,
          );
          return { emailId: entry.messageId, ...snippetOf(raw, words) };
        });
        const foundIds = new Set(found.map((entry) => entry.messageId));
        return {
          accountId: target.accountId,
          list,
          notFound: [...new Set(emailIds)].filter((id) => !foundIds.has(id)),
        };
      },
    },
  };
}

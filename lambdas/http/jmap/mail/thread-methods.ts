import { readThreads } from '../../../core/mailbox/model-reads';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import { assertWithinLimit, idList } from './arguments';
import { changesMethod } from './changes-method';
import { currentState, JMAP_MAIL, targetOf, type MailMethodDeps, type MailPrincipal } from './context';

/**
 * Thread/get and Thread/changes (RFC 8621 §3): a thread's emails, oldest first, from its thread record.
 * @example
 * const methods = threadMethods(deps);
 */
export function threadMethods(deps: MailMethodDeps): JmapMethodRegistry<MailPrincipal> {
  const get: JmapMethod<MailPrincipal> = {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const ids = idList(args, 'ids');
      if (!ids) throw new JmapMethodError('requestTooLarge', 'Thread/get needs ids.');
      assertWithinLimit(context, ids.length, 'maxObjectsInGet');
      const { state } = await currentState(deps, target);
      const { found } = await readThreads(deps.store, target.organizationId, target.mailboxId, ids);
      const byId = new Map(
        found.filter((thread) => thread.members.length > 0).map((thread) => [thread.threadId, thread]),
      );
      return {
        accountId: target.accountId,
        state,
        list: ids.flatMap((id) => {
          const thread = byId.get(id);
          return thread ? [{ id, emailIds: thread.members.map((member) => member.messageId) }] : [];
        }),
        notFound: ids.filter((id) => !byId.has(id)),
      };
    },
  };
  return { 'Thread/get': get, 'Thread/changes': changesMethod(deps, 'THREAD') };
}

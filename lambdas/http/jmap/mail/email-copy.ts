import { readMessages } from '../../../core/mailbox/model-reads';
import type { CreatedIds } from '../created-ids';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapNamedResponse } from '../method';
import type { JmapArguments } from '../types';
import { isObject } from './arguments';
import {
  changeWithStates,
  checkIfInState,
  currentState,
  JMAP_MAIL,
  type MailMethodDeps,
  type MailPrincipal,
  type MailTarget,
} from './context';
import { storedEmailFields, storeEmail } from './email-import';
import { createEach, type SetError } from './set-errors';

/**
 * Email/copy (RFC 8621 §4.7): copies Emails from another account of the user (a mailbox shared with them, or their
 * own into a shared one) as new Emails, with the original's keywords and received time unless given; the message is
 * re-encrypted under the target mailbox's key. `onSuccessDestroyOriginal` then destroys the copied originals with an
 * implicit `Email/set` on the source account (guarded by `destroyFromIfInState`).
 * @param emailSet - the Email/set method the implicit response comes from
 * @example
 * const methods = { 'Email/copy': emailCopy(deps, emailMethods(deps)['Email/set']) };
 */
export function emailCopy(
  deps: MailMethodDeps,
  emailSet: JmapMethod<MailPrincipal>,
): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const fromAccountId = args.fromAccountId;
      if (typeof fromAccountId !== 'string')
        throw new JmapMethodError('invalidArguments', 'fromAccountId is required.');
      if (fromAccountId === args.accountId)
        throw new JmapMethodError('invalidArguments', 'fromAccountId and accountId must differ.');
      try {
        context.account(fromAccountId);
      } catch {
        throw new JmapMethodError('fromAccountNotFound');
      }
      const source: MailTarget = {
        organizationId: context.principal.organizationId,
        mailboxId: fromAccountId,
        accountId: fromAccountId,
      };
      const fromState = await currentState(deps, source).catch(() => {
        throw new JmapMethodError('fromAccountNotFound');
      });
      checkIfInState({ ifInState: args.ifFromInState }, deps, fromState.modseq);
      const create = args.create;
      if (!isObject(create)) throw new JmapMethodError('invalidArguments', 'create must be an object.');
      const copied: string[] = [];
      const response = await changeWithStates(
        deps,
        args,
        context,
        Object.keys(create).length,
        async (target) => {
          const result = await createEach(create, context.createdIds, async (spec) => {
            const outcome = await copyOne(deps, source, target, spec, context.createdIds);
            if (!('type' in outcome)) copied.push((spec as { id: string }).id);
            return outcome;
          });
          return { fromAccountId, ...result };
        },
      );
      if (args.onSuccessDestroyOriginal !== true || copied.length === 0) return response;
      // The copies are made whatever happens to the originals: a refused destroy (stateMismatch) is its own error
      // response after the /copy response (RFC 8620 §5.4), so the client still learns what was created.
      const implicit = await emailSet
        .handle(
          {
            accountId: fromAccountId,
            destroy: copied,
            ...(args.destroyFromIfInState !== undefined ? { ifInState: args.destroyFromIfInState } : {}),
          },
          context,
        )
        .then(
          (result): JmapNamedResponse => ['Email/set', result as JmapArguments],
          (error: unknown): JmapNamedResponse => {
            if (!(error instanceof JmapMethodError)) throw error;
            return [
              'error',
              { type: error.type, ...(error.description ? { description: error.description } : {}) },
            ];
          },
        );
      return [['Email/copy', response], implicit] as JmapNamedResponse[];
    },
  };
}

async function copyOne(
  deps: MailMethodDeps,
  source: MailTarget,
  target: MailTarget,
  spec: unknown,
  createdIds: CreatedIds,
): Promise<{ id: string; blobId: string; threadId: string; size: number } | SetError> {
  if (!isObject(spec) || typeof spec.id !== 'string')
    return { type: 'invalidProperties', properties: ['id'] };
  const { found } = await readMessages(deps.store, source.organizationId, source.mailboxId, [spec.id]);
  const original = found[0];
  if (!original) return { type: 'notFound', description: `No Email ${spec.id} in the source account.` };
  const fields = storedEmailFields(spec, createdIds, {
    keywords: original.keywords,
    receivedAt: original.receivedAt,
  });
  if ('type' in fields) return fields;
  const raw = await deps.mailboxes.readMessage(source.organizationId, source.mailboxId, spec.id);
  return storeEmail(deps, target, raw, fields);
}

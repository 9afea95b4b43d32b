import type { IdentitySettings } from '../../../core/sending';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import { idList, isObject, isStringArray } from './arguments';
import { identitiesOf, identityState, type Identity } from './identities';
import type { SetError } from './set-errors';
import { JMAP_SUBMISSION, type SubmissionMethodDeps } from './submission-context';

/** Properties a user may change; `id`, `email` and `mayDelete` come from the directory. */
const SETTABLE = ['name', 'replyTo', 'bcc', 'textSignature', 'htmlSignature'] as const;

/** The account must be the user's own: identities are the user's, in their own account only. */
function ownAccount(args: Record<string, unknown>, user: AuthenticatedUser): string {
  if (args.accountId !== user.userId) throw new JmapMethodError('accountNotSupportedByMethod');
  return user.userId;
}

/**
 * Identity/get, /changes and /set (RFC 8621 §6). Identities are derived from the directory on every call (own
 * address, aliases, mailboxes with SEND_AS / SEND_ON_BEHALF); /set only updates the user's settings of them.
 * @example
 * const methods = identityMethods(deps);
 */
export function identityMethods(deps: SubmissionMethodDeps): JmapMethodRegistry<AuthenticatedUser> {
  const get: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const accountId = ownAccount(args, context.principal);
      const ids = idList(args, 'ids');
      const properties = idList(args, 'properties');
      const identities = await identitiesOf(deps, context.principal);
      const byId = new Map(identities.map((identity) => [identity.id, identity]));
      const chosen = ids ? ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])) : identities;
      const pick = (identity: Identity) =>
        properties
          ? Object.fromEntries(
              [...new Set(['id', ...properties])].map((name) => [
                name,
                (identity as unknown as Record<string, unknown>)[name],
              ]),
            )
          : identity;
      return {
        accountId,
        state: identityState(identities),
        list: chosen.map(pick),
        notFound: ids ? ids.filter((id) => !byId.has(id)) : [],
      };
    },
  };

  const changes: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const accountId = ownAccount(args, context.principal);
      const state = identityState(await identitiesOf(deps, context.principal));
      if (args.sinceState !== state)
        throw new JmapMethodError('cannotCalculateChanges', 'Get all identities again.');
      return {
        accountId,
        oldState: state,
        newState: state,
        hasMoreChanges: false,
        created: [],
        updated: [],
        destroyed: [],
      };
    },
  };

  const set: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const user = context.principal;
      const accountId = ownAccount(args, user);
      const identities = await identitiesOf(deps, user);
      const oldState = identityState(identities);
      if (args.ifInState !== undefined && args.ifInState !== null && args.ifInState !== oldState)
        throw new JmapMethodError('stateMismatch');
      const forbidden = (description: string): SetError => ({ type: 'forbidden', description });
      const notCreated: Record<string, SetError> = {};
      for (const creationId of Object.keys(isObject(args.create) ? args.create : {}))
        notCreated[creationId] = forbidden('Identities follow your addresses and send permissions.');
      const notDestroyed: Record<string, SetError> = {};
      for (const id of isStringArray(args.destroy) ? args.destroy : [])
        notDestroyed[id] = forbidden('Identities follow your addresses and send permissions.');
      const updated: Record<string, null> = {};
      const notUpdated: Record<string, SetError> = {};
      for (const [id, patch] of Object.entries(isObject(args.update) ? args.update : {})) {
        const identity = identities.find((candidate) => candidate.id === id);
        if (!identity) {
          notUpdated[id] = { type: 'notFound' };
          continue;
        }
        const checked = settingsOf(identity, patch);
        if ('type' in checked) notUpdated[id] = checked;
        else {
          await deps.identitySettings.put(user.organizationId, user.userId, id, checked);
          updated[id] = null;
        }
      }
      return {
        accountId,
        oldState,
        newState: identityState(await identitiesOf(deps, user)),
        created: {},
        updated,
        destroyed: [],
        notCreated,
        notUpdated,
        notDestroyed,
      };
    },
  };

  return { 'Identity/get': get, 'Identity/changes': changes, 'Identity/set': set };
}

/** The identity's settings after a patch, or why the patch is refused. */
function settingsOf(identity: Identity, patch: unknown): IdentitySettings | SetError {
  if (!isObject(patch)) return { type: 'invalidPatch' };
  const next: Record<string, unknown> = Object.fromEntries(SETTABLE.map((name) => [name, identity[name]]));
  const invalid: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    if (!(SETTABLE as readonly string[]).includes(name)) {
      if ((identity as unknown as Record<string, unknown>)[name] !== value) invalid.push(name);
    } else if (name === 'replyTo' || name === 'bcc') {
      if (value !== null && !isAddressList(value)) invalid.push(name);
      else next[name] = value && value.map((entry) => ({ name: entry.name ?? null, email: entry.email }));
    } else if (typeof value !== 'string' || value.length > 10_000) invalid.push(name);
    else next[name] = value;
  }
  if (invalid.length > 0) return { type: 'invalidProperties', properties: invalid };
  return next as IdentitySettings;
}

function isAddressList(value: unknown): value is { name?: string | null; email: string }[] {
  return (
    Array.isArray(value) &&
    value.length <= 100 &&
    value.every(
      (entry) =>
        isObject(entry) &&
        typeof entry.email === 'string' &&
        entry.email.includes('@') &&
        (entry.name === null || entry.name === undefined || typeof entry.name === 'string'),
    )
  );
}

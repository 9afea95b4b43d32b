import { NO_VACATION_RESPONSE, type VacationSettingsStore } from '../../../core/vacation';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import type { JmapArguments } from '../types';
import { assertWithinLimit, idList, setArguments, setSize } from './arguments';
import type { SetError } from './set-errors';
import {
  applyVacationPatch,
  JMAP_VACATION_RESPONSE,
  SINGLETON,
  VACATION_PROPERTIES,
  vacationObject,
  vacationState,
} from './vacation-response';

/** What the VacationResponse methods need. */
export interface VacationMethodDeps {
  /** The users' vacation responses (sealed), which also keep their mailboxes' vacation windows. */
  readonly vacations: VacationSettingsStore;
}

/** The account must be the user's own: a vacation response answers mail sent to the user. */
function ownAccount(args: JmapArguments, user: AuthenticatedUser): string {
  if (args.accountId !== user.userId) throw new JmapMethodError('accountNotSupportedByMethod');
  return user.userId;
}

/**
 * VacationResponse/get and /set (RFC 8621 §8): one object, `singleton`, per user (disabled with every property null
 * until set). /set only updates it: creating another or destroying it is the `singleton` SetError.
 * @example
 * const methods = vacationResponseMethods({ vacations });
 */
export function vacationResponseMethods(deps: VacationMethodDeps): JmapMethodRegistry<AuthenticatedUser> {
  const read = async (user: AuthenticatedUser) =>
    (await deps.vacations.get(user.organizationId, user.userId)) ?? NO_VACATION_RESPONSE;

  const get: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_VACATION_RESPONSE,
    handle: async (args, context) => {
      const accountId = ownAccount(args, context.principal);
      const ids = idList(args, 'ids');
      const properties = idList(args, 'properties');
      const unknown = properties?.filter(
        (name) => !(VACATION_PROPERTIES as readonly string[]).includes(name),
      );
      if (unknown?.length)
        throw new JmapMethodError('invalidArguments', `Unknown properties: ${unknown.join(', ')}.`);
      const response = await read(context.principal);
      const object = vacationObject(response);
      const shown = properties
        ? Object.fromEntries([...new Set(['id', ...properties])].map((name) => [name, object[name]]))
        : object;
      return {
        accountId,
        state: vacationState(response),
        list: !ids || ids.includes(SINGLETON) ? [shown] : [],
        notFound: ids ? [...new Set(ids.filter((id) => id !== SINGLETON))] : [],
      };
    },
  };

  const set: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_VACATION_RESPONSE,
    handle: async (args, context) => {
      const user = context.principal;
      const accountId = ownAccount(args, user);
      assertWithinLimit(context, setSize(args), 'maxObjectsInSet');
      const { create, update, destroy } = setArguments(args, (id) => context.createdIds.resolve(id));
      const before = await read(user);
      const oldState = vacationState(before);
      if (args.ifInState !== undefined && args.ifInState !== null && args.ifInState !== oldState)
        throw new JmapMethodError('stateMismatch');
      const singleton: SetError = {
        type: 'singleton',
        description: 'There is exactly one VacationResponse.',
      };
      const notCreated = Object.fromEntries(Object.keys(create).map((creationId) => [creationId, singleton]));
      const notDestroyed = Object.fromEntries(
        destroy.map((id) => [id, id === SINGLETON ? singleton : { type: 'notFound' }]),
      );
      const updated: Record<string, null> = {};
      const notUpdated: Record<string, SetError> = {};
      let after = before;
      for (const [id, patch] of Object.entries(update)) {
        if (id !== SINGLETON) {
          notUpdated[id] = { type: 'notFound' };
          continue;
        }
        const next = applyVacationPatch(after, patch);
        if ('type' in next) notUpdated[id] = next;
        else {
          await deps.vacations.put(user.organizationId, user.userId, next);
          after = next;
          updated[id] = null;
        }
      }
      return {
        accountId,
        oldState,
        newState: vacationState(after),
        created: {},
        updated,
        destroyed: [],
        notCreated,
        notUpdated,
        notDestroyed,
      };
    },
  };

  return { 'VacationResponse/get': get, 'VacationResponse/set': set };
}

import type { ChangeKind } from '../../../core/mailbox/model-types';
import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { unsignedInt } from './arguments';
import { JMAP_MAIL, targetOf, type MailMethodDeps, type MailPrincipal } from './context';
import { decodeState, encodeState } from './state';

/** The largest `maxChanges` answered in one call; a client asking for more gets this many and `hasMoreChanges`. */
const MAX_CHANGES = 500;

/**
 * A `/changes` method (RFC 8620 §5.2) over the mailbox's change log: its cost follows the changes returned.
 * @param kind - the change-log kind the type maps to
 * @example
 * const methods = { 'Email/changes': changesMethod(deps, 'EMAIL') };
 */
export function changesMethod(deps: MailMethodDeps, kind: ChangeKind): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const now = (deps.now ?? Date.now)();
      const since = decodeState(args.sinceState, now);
      if (since === undefined) throw new JmapMethodError('cannotCalculateChanges');
      const max = unsignedInt(args, 'maxChanges', MAX_CHANGES, MAX_CHANGES);
      if (max === 0) throw new JmapMethodError('invalidArguments', 'maxChanges must be positive.');
      const result = await deps.model.changes(target.organizationId, target.mailboxId, kind, since, max);
      if (!result.ok) {
        if (result.refusal.type === 'notFound') throw new JmapMethodError('accountNotFound');
        throw new JmapMethodError(
          'cannotCalculateChanges',
          'One change touched more objects than maxChanges.',
        );
      }
      const { created, updated, destroyed, modseq, hasMore } = result.value;
      return {
        accountId: target.accountId,
        oldState: args.sinceState,
        newState: encodeState(modseq, now),
        hasMoreChanges: hasMore,
        created,
        updated,
        destroyed,
        ...(kind === 'FOLDER' ? { updatedProperties: null } : {}),
      };
    },
  };
}

/**
 * A `/queryChanges` method (RFC 8620 §5.6) that always answers `cannotCalculateChanges`, as the RFC allows: queries
 * here are cheap to run again.
 * @example
 * const methods = { 'Email/queryChanges': queryChangesUnsupported('Email') };
 */
export function queryChangesUnsupported(type: string): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async () => {
      throw new JmapMethodError('cannotCalculateChanges', `Run ${type}/query again.`);
    },
  };
}

import { SUBMISSION_RETENTION_MS, type SubmissionRecord } from '../../../core/sending';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import type { JmapArguments } from '../types';
import { idList, isObject, isStringArray, unsignedInt } from './arguments';
import type { MailMethodDeps } from './context';
import { JMAP_SUBMISSION, submissionState, type SubmissionMethodDeps } from './submission-context';
import { sendTimeOf, submissionObject } from './submission-object';
import { emailSubmissionSet } from './submission-set';

/** Most submissions a query looks at: a week of a busy sender's messages. */
const MAX_LISTED = 5_000;
const MAX_CHANGES = 500;

function ownAccount(args: JmapArguments, user: AuthenticatedUser): string {
  if (args.accountId !== user.userId) throw new JmapMethodError('accountNotSupportedByMethod');
  return user.userId;
}

/**
 * EmailSubmission/get, /changes, /query, /queryChanges and /set (RFC 8621 §7) over the sending core and the stored
 * records (kept 7 days). Submissions exist only in the user's own account.
 * @param emailSet - the Email/set method, for `onSuccessUpdateEmail` / `onSuccessDestroyEmail`
 * @example
 * const methods = submissionMethods(mail, deps, emailMethods(mail)['Email/set']);
 */
export function submissionMethods(
  mail: MailMethodDeps,
  deps: SubmissionMethodDeps,
  emailSet: JmapMethod<AuthenticatedUser>,
): JmapMethodRegistry<AuthenticatedUser> {
  const get: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const user = context.principal;
      const accountId = ownAccount(args, user);
      const ids = idList(args, 'ids');
      const properties = idList(args, 'properties');
      const limit = context.session.capabilities['urn:ietf:params:jmap:core'] as { maxObjectsInGet: number };
      if (ids && ids.length > limit.maxObjectsInGet) throw new JmapMethodError('requestTooLarge');
      const records = ids
        ? await Promise.all(ids.map((id) => deps.submissions.get(user.organizationId, user.userId, id)))
        : await deps.submissions.list(user.organizationId, user.userId, {
            order: 'newest',
            limit: limit.maxObjectsInGet,
          });
      const found = records.filter((record): record is SubmissionRecord => record !== undefined);
      const pick = (object: Record<string, unknown>) =>
        properties
          ? Object.fromEntries([...new Set(['id', ...properties])].map((name) => [name, object[name]]))
          : object;
      return {
        accountId,
        state: await submissionState(deps, user),
        list: found.map((record) => pick(submissionObject(record))),
        notFound: ids ? ids.filter((id) => !found.some((record) => record.submissionId === id)) : [],
      };
    },
  };

  const changes: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const user = context.principal;
      const accountId = ownAccount(args, user);
      const since = typeof args.sinceState === 'string' ? args.sinceState : '';
      const sinceTime = since === '0' ? 0 : sendTimeOf(since);
      const now = (mail.now ?? Date.now)();
      // Records older than the retention are gone without a trace: a state from before then cannot be followed.
      if (sinceTime === undefined || (since !== '0' && sinceTime < now - SUBMISSION_RETENTION_MS))
        throw new JmapMethodError('cannotCalculateChanges');
      const max = unsignedInt(args, 'maxChanges', MAX_CHANGES, MAX_CHANGES) || MAX_CHANGES;
      const records = await deps.submissions.list(user.organizationId, user.userId, {
        order: 'oldest',
        ...(since === '0' ? {} : { after: since }),
        limit: max + 1,
      });
      const page = records.slice(0, max);
      return {
        accountId,
        oldState: since,
        newState: page.at(-1)?.submissionId ?? since,
        hasMoreChanges: records.length > max,
        created: page.map((record) => record.submissionId),
        updated: [],
        destroyed: [],
      };
    },
  };

  const query: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const user = context.principal;
      const accountId = ownAccount(args, user);
      const matches = filterOf(args.filter);
      const sort = Array.isArray(args.sort) ? args.sort : [];
      if (sort.some((comparator) => !isObject(comparator) || comparator.property !== 'sentAt'))
        throw new JmapMethodError('unsupportedSort', 'Submissions sort by sentAt only.');
      const ascending = sort.length > 0 && (sort[0] as { isAscending?: boolean }).isAscending === true;
      const all = (
        await deps.submissions.list(user.organizationId, user.userId, { order: 'newest', limit: MAX_LISTED })
      ).filter(matches);
      if (ascending) all.reverse();
      const position = unsignedInt(args, 'position', 0);
      const limit = unsignedInt(args, 'limit', all.length);
      return {
        accountId,
        queryState: await submissionState(deps, user),
        canCalculateChanges: false,
        position,
        ids: all.slice(position, position + limit).map((record) => record.submissionId),
        ...(args.calculateTotal === true ? { total: all.length } : {}),
      };
    },
  };

  const queryChanges: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_SUBMISSION,
    handle: async () => {
      throw new JmapMethodError('cannotCalculateChanges', 'Run EmailSubmission/query again.');
    },
  };

  return {
    'EmailSubmission/get': get,
    'EmailSubmission/changes': changes,
    'EmailSubmission/query': query,
    'EmailSubmission/queryChanges': queryChanges,
    'EmailSubmission/set': emailSubmissionSet(mail, deps, emailSet),
  };
}

/** The FilterCondition of RFC 8621 §7.3 (no operators), as a predicate. */
function filterOf(filter: unknown): (record: SubmissionRecord) => boolean {
  if (filter === undefined || filter === null) return () => true;
  if (!isObject(filter) || 'operator' in filter)
    throw new JmapMethodError('unsupportedFilter', 'Only a FilterCondition is supported.');
  const known = ['identityIds', 'emailIds', 'threadIds', 'undoStatus', 'before', 'after'];
  const unknown = Object.keys(filter).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new JmapMethodError('unsupportedFilter', `Unknown filter ${unknown[0]}.`);
  const list = (name: string) => {
    const value = filter[name];
    if (value === undefined) return undefined;
    if (!isStringArray(value))
      throw new JmapMethodError('invalidArguments', `${name} must be a list of ids.`);
    return new Set(value);
  };
  const time = (name: string) => {
    const value = filter[name];
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(parsed)) throw new JmapMethodError('invalidArguments', `${name} must be a UTCDate.`);
    return parsed;
  };
  const [identities, emails, threads] = [list('identityIds'), list('emailIds'), list('threadIds')];
  const [before, after] = [time('before'), time('after')];
  return (record) =>
    (!identities || identities.has(record.identityId)) &&
    (!emails || emails.has(record.emailId)) &&
    (!threads || threads.has(record.threadId)) &&
    (filter.undoStatus === undefined || filter.undoStatus === 'final') &&
    (before === undefined || record.sendAt < before) &&
    (after === undefined || record.sendAt >= after);
}

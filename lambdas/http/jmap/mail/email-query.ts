import { folderEntries } from '../../../core/mailbox/model-reads';
import type { MessageIndexEntry } from '../../../core/mailbox/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { isObject, optional, unsignedInt } from './arguments';
import {
  currentState,
  JMAP_MAIL,
  targetOf,
  type MailMethodDeps,
  type MailPrincipal,
  type MailTarget,
} from './context';
import { emailFilter } from './email-filter';

/** The most ids one Email/query answers. */
export const MAX_QUERY_LIMIT = 256;

/** Where the page starts and how long it is. */
interface Window {
  readonly collapse: boolean;
  readonly anchor?: string;
  readonly anchorOffset: number;
  /** Negative: from the end (needs the total). */
  readonly position: number;
  readonly limit: number;
}

/**
 * Email/query (RFC 8621 §4.4), newest first (`receivedAt` descending), with `position`, `anchor`/`anchorOffset`,
 * `limit`, `collapseThreads` and `calculateTotal`. A filter of only `inMailbox` reads the folder index from its newest
 * entry up to the last id it returns, and takes the total from the folder's counters, so its cost follows the page,
 * never the folder's size. Any other filter is answered by the core's search (`core/search`): from the search index
 * when every match must contain some words, else by walking the folder it names.
 * @example
 * const methods = { 'Email/query': emailQuery(deps) };
 */
export function emailQuery(deps: MailMethodDeps): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      checkSort(args.sort);
      const window: Window = {
        collapse: args.collapseThreads === true,
        anchor: optional(args, 'anchor', (value): value is string => typeof value === 'string'),
        anchorOffset: optional(args, 'anchorOffset', (v): v is number => Number.isSafeInteger(v)) ?? 0,
        position: optional(args, 'position', (v): v is number => Number.isSafeInteger(v)) ?? 0,
        limit: unsignedInt(args, 'limit', MAX_QUERY_LIMIT, MAX_QUERY_LIMIT),
      };
      const { state } = await currentState(deps, target);
      const folderId = onlyInMailbox(args.filter);
      const { ids, start, total } =
        folderId === undefined
          ? await searched(deps, target, args.filter, window, args.calculateTotal === true)
          : await listed(deps, target, folderId, window);
      return {
        accountId: target.accountId,
        queryState: state,
        canCalculateChanges: false,
        position: start,
        ids,
        ...(args.calculateTotal === true ? { total } : {}),
        ...(args.limit !== undefined && window.limit !== args.limit ? { limit: window.limit } : {}),
      };
    },
  };
}

/** A page of one folder, read from the folder index as far as the page needs. */
async function listed(deps: MailMethodDeps, target: MailTarget, folderId: string, window: Window) {
  const folder = (await deps.model.folders(target.organizationId, target.mailboxId)).find(
    (candidate) => candidate.folderId === folderId,
  );
  const total = folder ? (window.collapse ? folder.totalThreads : folder.totalEmails) : 0;
  const entries = folder ? folderEntries(deps.store, target.organizationId, target.mailboxId, folderId) : [];
  return { ...(await pageOf(entries, window, total)), total };
}

/** A page of a search's matches (all of them are known, so the total is too). */
async function searched(
  deps: MailMethodDeps,
  target: MailTarget,
  filter: unknown,
  window: Window,
  calculateTotal: boolean,
) {
  // Without a total, an anchor or collapsing, a walked folder is read only up to the page's end.
  const enough =
    calculateTotal || window.anchor !== undefined || window.collapse || window.position < 0
      ? Infinity
      : window.position + window.limit;
  if (filter === undefined || filter === null)
    throw new JmapMethodError(
      'unsupportedFilter',
      'A query names a mailbox (inMailbox) or words to search for.',
    );
  const result = await deps.search.search(
    target.organizationId,
    target.mailboxId,
    emailFilter(filter),
    enough,
  );
  if (!result.ok)
    throw new JmapMethodError(
      'unsupportedFilter',
      result.refusal.type === 'tooManyWords'
        ? 'The filter names too many words.'
        : 'A filter needs inMailbox, or words that every match contains (text, from, to, cc, bcc, subject, body).',
    );
  const { matches } = result;
  const total = window.collapse ? new Set(matches.map((entry) => entry.threadId)).size : matches.length;
  return { ...(await pageOf(matches, window, total)), total };
}

/** The ids of the window over entries in query order (walked only as far as the window needs). */
async function pageOf(
  entries: AsyncIterable<MessageIndexEntry> | Iterable<MessageIndexEntry>,
  window: Window,
  total: number,
): Promise<{ ids: string[]; start: number }> {
  const position = window.position < 0 ? Math.max(0, total + window.position) : window.position;
  let start = window.anchor === undefined ? position : undefined;
  const ordered: string[] = [];
  const seenThreads = new Set<string>();
  for await (const entry of entries) {
    if (!countsOnce(entry, window.collapse, seenThreads)) continue;
    ordered.push(entry.messageId);
    if (start === undefined && entry.messageId === window.anchor)
      start = Math.max(0, ordered.length - 1 + window.anchorOffset);
    if (start !== undefined && ordered.length >= start + window.limit) break;
  }
  if (start === undefined) throw new JmapMethodError('anchorNotFound');
  return { ids: ordered.slice(start, start + window.limit), start };
}

/** The filter's folder when it is exactly `{ inMailbox }`, the case the folder index answers alone. */
function onlyInMailbox(filter: unknown): string | undefined {
  return isObject(filter) && typeof filter.inMailbox === 'string' && Object.keys(filter).length === 1
    ? filter.inMailbox
    : undefined;
}

function checkSort(sort: unknown): void {
  if (sort === undefined || sort === null) return;
  const supported =
    Array.isArray(sort) &&
    sort.length <= 1 &&
    sort.every(
      (comparator) =>
        isObject(comparator) && comparator.property === 'receivedAt' && comparator.isAscending === false,
    );
  if (!supported)
    throw new JmapMethodError('unsupportedSort', 'Email/query sorts by receivedAt, newest first.');
}

/** With collapseThreads, only the newest message of each thread counts. */
function countsOnce(entry: MessageIndexEntry, collapse: boolean, seenThreads: Set<string>): boolean {
  if (!collapse) return true;
  if (seenThreads.has(entry.threadId)) return false;
  seenThreads.add(entry.threadId);
  return true;
}

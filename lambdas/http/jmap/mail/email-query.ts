import type { Cursor } from '../../../core/api/pagination';
import type { MessageIndexEntry } from '../../../core/mailbox/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod } from '../method';
import { isObject, optional, unsignedInt } from './arguments';
import { currentState, JMAP_MAIL, targetOf, type MailMethodDeps, type MailPrincipal } from './context';

/** The most ids one Email/query answers. */
export const MAX_QUERY_LIMIT = 256;
/** Index entries read per page while walking a folder. */
const PAGE = 100;

/**
 * Email/query (RFC 8621 §4.4) over the folder index: `inMailbox`, newest first (`receivedAt` descending), with
 * `position`, `anchor`/`anchorOffset`, `limit`, `collapseThreads` and `calculateTotal`. A query reads the folder index
 * from its newest entry up to the last id it returns, so its cost follows the position and the limit asked for,
 * never the folder's size; the total comes from the folder's counters. Text, address and keyword conditions need
 * the search index and are refused with `unsupportedFilter` until it exists.
 * @example
 * const methods = { 'Email/query': emailQuery(deps) };
 */
export function emailQuery(deps: MailMethodDeps): JmapMethod<MailPrincipal> {
  return {
    capability: JMAP_MAIL,
    handle: async (args, context) => {
      const target = targetOf(args, context);
      const folderId = inMailboxOf(args.filter);
      checkSort(args.sort);
      const collapse = args.collapseThreads === true;
      const limit = unsignedInt(args, 'limit', MAX_QUERY_LIMIT, MAX_QUERY_LIMIT);
      const anchor = optional(args, 'anchor', (value): value is string => typeof value === 'string');
      const anchorOffset = optional(args, 'anchorOffset', (v): v is number => Number.isSafeInteger(v)) ?? 0;
      const rawPosition = optional(args, 'position', (v): v is number => Number.isSafeInteger(v)) ?? 0;
      const { state } = await currentState(deps, target);
      const folder = (await deps.model.folders(target.organizationId, target.mailboxId)).find(
        (candidate) => candidate.folderId === folderId,
      );
      const total = folder ? (collapse ? folder.totalThreads : folder.totalEmails) : 0;
      const position = rawPosition < 0 ? Math.max(0, total + rawPosition) : rawPosition;
      let start = anchor === undefined ? position : undefined;
      const ordered: string[] = [];
      if (folder) {
        const seenThreads = new Set<string>();
        let cursor: Cursor | undefined;
        walk: do {
          const page = await deps.store.listMessages(target.organizationId, target.mailboxId, folderId, {
            limit: PAGE,
            ...(cursor ? { cursor } : {}),
          });
          for (const entry of page.items) {
            if (!countsOnce(entry, collapse, seenThreads)) continue;
            ordered.push(entry.messageId);
            if (start === undefined && entry.messageId === anchor)
              start = Math.max(0, ordered.length - 1 + anchorOffset);
            if (start !== undefined && ordered.length >= start + limit) break walk;
          }
          cursor = page.cursor;
        } while (cursor);
      }
      const ids = start === undefined ? [] : ordered.slice(start, start + limit);
      if (anchor !== undefined && start === undefined) throw new JmapMethodError('anchorNotFound');
      return {
        accountId: target.accountId,
        queryState: state,
        canCalculateChanges: false,
        position: start ?? position,
        ids,
        ...(args.calculateTotal === true ? { total } : {}),
        ...(args.limit !== undefined && limit !== args.limit ? { limit } : {}),
      };
    },
  };
}

function inMailboxOf(filter: unknown): string {
  if (!isObject(filter) || typeof filter.inMailbox !== 'string' || Object.keys(filter).length !== 1)
    throw new JmapMethodError(
      'unsupportedFilter',
      'Email/query supports { inMailbox } so far; text, address and keyword search need the search index.',
    );
  return filter.inMailbox;
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

import { mapLimit } from '../delivery/settle';
import { folderEntries, readMessages } from '../mailbox/model-reads';
import type { MailboxModelStore, MailboxStore } from '../mailbox/ports';
import type { MessageIndexEntry } from '../mailbox/types';
import { matches, requiredConditions, wordConditions, type MessageFilter, type WordMatches } from './filter';
import type { IndexKeys, SearchIndexStore } from './ports';
import { termKey } from './term-keys';
import { queryTerms } from './terms';

/** Dependencies of {@link MessageSearch}. */
export interface MessageSearchDeps {
  readonly index: SearchIndexStore;
  readonly store: MailboxModelStore & Pick<MailboxStore, 'listMessages'>;
  readonly keys: IndexKeys;
}

/** The outcome of a search: every match, newest first, or why the filter cannot be answered. */
export type SearchResult =
  | { readonly ok: true; readonly matches: readonly MessageIndexEntry[] }
  | { readonly ok: false; readonly refusal: { readonly type: 'unsearchable' | 'tooManyWords' } };

/** Distinct words one search looks up at most (each is one index query). */
export const MAX_QUERY_WORDS = 64;

/** Term lookups in flight at once. */
const PARALLEL_LOOKUPS = 8;

/**
 * Answers message filters from the mailbox's search index without reading any message. The matches of a filter
 * whose words must all appear (a top-level `words` condition, or one inside a top-level `and`) start from that
 * condition's postings, so the cost follows how many messages contain its words, not the mailbox's size; a filter
 * without such words must name a folder (`inFolder`), which is walked newest first, only as far as the caller
 * needs. Other conditions are then checked on the candidates' index entries. Postings of destroyed messages are
 * dropped at the read of the entries.
 * @example
 * const result = await search.search('m-1', 'S-1-1', { kind: 'words', text: 'invoice', fields: ANY_FIELD });
 */
export class MessageSearch {
  constructor(private readonly deps: MessageSearchDeps) {}

  /**
   * @param enough - when a folder is walked, stop once this many matches are found (they are the newest: the walk
   * reads the folder newest first); by default every match is returned
   */
  async search(
    organizationId: string,
    mailboxId: string,
    filter: MessageFilter,
    enough = Infinity,
  ): Promise<SearchResult> {
    const required = requiredConditions(filter);
    const anchor = required.find((condition) => condition.kind === 'words');
    const folder = required.find((condition) => condition.kind === 'inFolder');
    if (!anchor && !folder) return { ok: false, refusal: { type: 'unsearchable' } };
    const words = [...new Set(wordConditions(filter).flatMap((condition) => queryTerms(condition.text)))];
    if (words.length > MAX_QUERY_WORDS) return { ok: false, refusal: { type: 'tooManyWords' } };
    const found = await this.lookUp(organizationId, mailboxId, words);
    const test = (entry: MessageIndexEntry) => matches(filter, entry, found, queryTerms);
    if (anchor) {
      const candidates = await this.indexed(organizationId, mailboxId, anchor, found);
      return { ok: true, matches: candidates.filter(test).sort(newestFirst) };
    }
    const folderId = (folder as { folderId: string }).folderId;
    return { ok: true, matches: await this.walk(organizationId, mailboxId, folderId, test, enough) };
  }

  /** The messages containing every word of `anchor` in its fields, as they are now. */
  private async indexed(
    organizationId: string,
    mailboxId: string,
    anchor: Extract<MessageFilter, { kind: 'words' }>,
    found: WordMatches,
  ): Promise<MessageIndexEntry[]> {
    const [first, ...rest] = queryTerms(anchor.text).map(
      (term) => found.get(term) ?? new Map<string, number>(),
    );
    if (!first) return [];
    const ids = [...first]
      .filter(([messageId, fields]) =>
        [fields, ...rest.map((postings) => postings.get(messageId) ?? 0)].every(
          (where) => (where & anchor.fields) !== 0,
        ),
      )
      .map(([messageId]) => messageId);
    if (ids.length === 0) return [];
    return [...(await readMessages(this.deps.store, organizationId, mailboxId, ids)).found];
  }

  /** The folder's entries that pass `test`, newest first, until `enough` of them are found. */
  private async walk(
    organizationId: string,
    mailboxId: string,
    folderId: string,
    test: (entry: MessageIndexEntry) => boolean,
    enough: number,
  ): Promise<MessageIndexEntry[]> {
    const matching: MessageIndexEntry[] = [];
    for await (const entry of folderEntries(this.deps.store, organizationId, mailboxId, folderId)) {
      if (!test(entry)) continue;
      matching.push(entry);
      if (matching.length >= enough) break;
    }
    return matching;
  }

  /** Where each word was found: one index query per word. */
  private async lookUp(
    organizationId: string,
    mailboxId: string,
    terms: readonly string[],
  ): Promise<WordMatches> {
    const keys = await this.deps.keys.useIndexKey(organizationId, mailboxId, (indexKey) =>
      terms.map((term) => termKey(indexKey, term)),
    );
    const postings = await mapLimit(keys, PARALLEL_LOOKUPS, (key) =>
      this.deps.index.postings(organizationId, mailboxId, key),
    );
    const found = new Map<string, Map<string, number>>();
    terms.forEach((term, index) => {
      const byMessage = new Map<string, number>();
      // A message indexed by two racing runs has two equal postings: merging keeps one.
      for (const { messageId, fields } of postings[index])
        byMessage.set(messageId, (byMessage.get(messageId) ?? 0) | fields);
      found.set(term, byMessage);
    });
    return found;
  }
}

/** Newest first, as the folder index lists messages (receivedAt, then message id, both descending). */
function newestFirst(a: MessageIndexEntry, b: MessageIndexEntry): number {
  return b.receivedAt - a.receivedAt || (a.messageId < b.messageId ? 1 : a.messageId > b.messageId ? -1 : 0);
}

import type { MessageIndexEntry } from '../mailbox/types';

/**
 * A protocol-neutral message filter: JMAP's FilterOperator/FilterCondition and IMAP SEARCH keys both translate to it.
 * A `words` condition matches a message when every word of its text (see `terms.ts`) appears in one of `fields`.
 */
export type MessageFilter =
  | { readonly kind: 'and' | 'or' | 'not'; readonly conditions: readonly MessageFilter[] }
  | { readonly kind: 'inFolder'; readonly folderId: string }
  | { readonly kind: 'notInFolders'; readonly folderIds: readonly string[] }
  | { readonly kind: 'words'; readonly text: string; readonly fields: number }
  | { readonly kind: 'hasKeyword' | 'notKeyword'; readonly keyword: string }
  | { readonly kind: 'before' | 'after'; readonly time: number }
  | { readonly kind: 'minSize' | 'maxSize'; readonly bytes: number };

/** For each word of a query, the fields it appears in, by message id. */
export type WordMatches = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Whether a message passes the filter, given where the query's words were found.
 * @param words - the words of a `words` condition (see `queryTerms`)
 */
export function matches(
  filter: MessageFilter,
  entry: MessageIndexEntry,
  found: WordMatches,
  words: (text: string) => readonly string[],
): boolean {
  const test = (condition: MessageFilter): boolean => matches(condition, entry, found, words);
  switch (filter.kind) {
    case 'and':
      return filter.conditions.every(test);
    case 'or':
      return filter.conditions.some(test);
    case 'not':
      return !filter.conditions.some(test);
    case 'inFolder':
      return entry.folder === filter.folderId;
    case 'notInFolders':
      return !filter.folderIds.includes(entry.folder);
    case 'words': {
      const terms = words(filter.text);
      return (
        terms.length > 0 &&
        terms.every((term) => ((found.get(term)?.get(entry.messageId) ?? 0) & filter.fields) !== 0)
      );
    }
    case 'hasKeyword':
      return entry.keywords.includes(filter.keyword);
    case 'notKeyword':
      return !entry.keywords.includes(filter.keyword);
    case 'before':
      return entry.receivedAt < filter.time;
    case 'after':
      return entry.receivedAt >= filter.time;
    case 'minSize':
      return entry.sizeBytes >= filter.bytes;
    case 'maxSize':
      return entry.sizeBytes < filter.bytes;
  }
}

/** Every `words` condition of the filter, wherever it is. */
export function wordConditions(filter: MessageFilter): Extract<MessageFilter, { kind: 'words' }>[] {
  if (filter.kind === 'words') return [filter];
  if (filter.kind === 'and' || filter.kind === 'or' || filter.kind === 'not')
    return filter.conditions.flatMap(wordConditions);
  return [];
}

/** The conditions every match must meet: the filter itself, or the conditions of a top-level `and`. */
export function requiredConditions(filter: MessageFilter): readonly MessageFilter[] {
  return filter.kind === 'and' ? filter.conditions : [filter];
}

/**
 * Search without plaintext at rest: a per-mailbox index of keyed term MACs, built off the delivery path from the
 * change log, and the queries and snippets served from it. What the index reveals: see docs/search.md.
 */
export {
  ANY_FIELD,
  MAX_INDEXED_TEXT_BYTES,
  MAX_TERMS_PER_MESSAGE,
  messageTerms,
  SearchField,
} from './message-terms';
export { wordConditions } from './filter';
export type { MessageFilter } from './filter';
export { SearchIndexer } from './indexer';
export type { IndexRun, SearchIndexerDeps } from './indexer';
export { MAX_QUERY_WORDS, MessageSearch } from './message-search';
export type { MessageSearchDeps, SearchResult } from './message-search';
export type { IndexKeys, IndexProgress, Posting, SearchIndexStore } from './ports';
export { snippetOf } from './snippet';
export type { Snippet } from './snippet';
export { queryTerms, searchTerms } from './terms';
export { termKey } from './term-keys';

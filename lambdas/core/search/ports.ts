/** One message a term was found in, and the fields it was found in ({@link SearchField} bits). */
export interface Posting {
  readonly messageId: string;
  readonly fields: number;
}

/**
 * How far a mailbox is indexed. Every message created at or before `base` is indexed. A pass reads the change log
 * from `base` to its end, page by page; `cursor` is how far it got. A message's change-log entry moves to its latest
 * change, so a message created after `base` shows up in some later page of the pass however often it changes: the
 * pass indexes each entry whose message was created after `base`, and only when it reaches the end does `base`
 * move (to the end).
 */
export interface IndexProgress {
  readonly base: number;
  readonly cursor: number;
}

/**
 * A mailbox's search index: immutable segments, each holding, for every term key (a MAC of a word) of the messages
 * one indexer run read, the messages it was found in; and the modseq up to which the mailbox is indexed.
 */
export interface SearchIndexStore {
  /** How far the mailbox is indexed; `{ base: 0, cursor: 0 }` before the first run. */
  progress(organizationId: string, mailboxId: string): Promise<IndexProgress>;
  /**
   * Writes one segment (idempotent: writing the same segment again replaces it with the same content).
   * @returns the items written
   */
  putSegment(
    organizationId: string,
    mailboxId: string,
    segment: number,
    postings: ReadonlyMap<string, readonly Posting[]>,
  ): Promise<number>;
  /** Moves the progress from `from` to `to`; `false` when another run moved it first. */
  advance(
    organizationId: string,
    mailboxId: string,
    from: IndexProgress,
    to: IndexProgress,
  ): Promise<boolean>;
  /** Every posting of one term key, across segments (one query, sized by them). */
  postings(organizationId: string, mailboxId: string, termKey: string): Promise<Posting[]>;
}

/** The mailbox's index key (derived from the mailbox key), lent to `fn` and zeroed when it returns. */
export interface IndexKeys {
  useIndexKey<T>(organizationId: string, mailboxId: string, fn: (indexKey: Buffer) => T): Promise<T>;
}

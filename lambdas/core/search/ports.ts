/** One message a term was found in, and the fields it was found in ({@link SearchField} bits). */
export interface Posting {
  readonly messageId: string;
  readonly fields: number;
}

/**
 * A mailbox's search index: immutable segments, each holding, for every term key (a MAC of a word) of the messages
 * one indexer run read, the messages it was found in; and the modseq up to which the mailbox is indexed.
 */
export interface SearchIndexStore {
  /** The modseq up to which every message of the mailbox is indexed; 0 before the first run. */
  indexedModseq(organizationId: string, mailboxId: string): Promise<number>;
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
  /** Moves the indexed modseq from `from` to `to`; `false` when another run moved it first. */
  advance(organizationId: string, mailboxId: string, from: number, to: number): Promise<boolean>;
  /** Every posting of one term key, across segments (one query, sized by them). */
  postings(organizationId: string, mailboxId: string, termKey: string): Promise<Posting[]>;
}

/** The mailbox's index key (derived from the mailbox key), lent to `fn` and zeroed when it returns. */
export interface IndexKeys {
  useIndexKey<T>(organizationId: string, mailboxId: string, fn: (indexKey: Buffer) => T): Promise<T>;
}

import type { IndexProgress, Posting, SearchIndexStore } from '../../../lambdas/core/search';

/** SearchIndexStore in memory, for unit tests: segments by mailbox and term key, and the progress. */
export class InMemorySearchIndex implements SearchIndexStore {
  readonly segments = new Map<string, Map<number, readonly Posting[]>>();
  readonly progresses = new Map<string, IndexProgress>();
  /** Every putSegment call, in order. */
  readonly writes: { mailboxId: string; segment: number; terms: number }[] = [];

  async progress(organizationId: string, mailboxId: string): Promise<IndexProgress> {
    return this.progresses.get(`${organizationId}/${mailboxId}`) ?? { base: 0, cursor: 0 };
  }

  async putSegment(
    organizationId: string,
    mailboxId: string,
    segment: number,
    postings: ReadonlyMap<string, readonly Posting[]>,
  ): Promise<number> {
    for (const [termKey, refs] of postings) {
      const key = `${organizationId}/${mailboxId}/${termKey}`;
      const bySegment = this.segments.get(key) ?? new Map<number, readonly Posting[]>();
      bySegment.set(segment, [...refs]);
      this.segments.set(key, bySegment);
    }
    this.writes.push({ mailboxId, segment, terms: postings.size });
    return postings.size;
  }

  async advance(
    organizationId: string,
    mailboxId: string,
    from: IndexProgress,
    to: IndexProgress,
  ): Promise<boolean> {
    // Read and written without an await in between: as atomic as DynamoDB's conditional update.
    const current = this.progresses.get(`${organizationId}/${mailboxId}`) ?? { base: 0, cursor: 0 };
    if (current.base !== from.base || current.cursor !== from.cursor) return false;
    this.progresses.set(`${organizationId}/${mailboxId}`, to);
    return true;
  }

  async postings(organizationId: string, mailboxId: string, termKey: string): Promise<Posting[]> {
    return [...(this.segments.get(`${organizationId}/${mailboxId}/${termKey}`)?.values() ?? [])].flat();
  }
}

import type { Posting, SearchIndexStore } from '../../../lambdas/core/search';

/** SearchIndexStore in memory, for unit tests: segments by mailbox and term key, and the indexed modseq. */
export class InMemorySearchIndex implements SearchIndexStore {
  readonly segments = new Map<string, Map<number, readonly Posting[]>>();
  readonly watermarks = new Map<string, number>();
  /** Every putSegment call, in order. */
  readonly writes: { mailboxId: string; segment: number; terms: number }[] = [];

  async indexedModseq(organizationId: string, mailboxId: string): Promise<number> {
    return this.watermarks.get(`${organizationId}/${mailboxId}`) ?? 0;
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

  async advance(organizationId: string, mailboxId: string, from: number, to: number): Promise<boolean> {
    const key = `${organizationId}/${mailboxId}`;
    if ((this.watermarks.get(key) ?? 0) !== from) return false;
    this.watermarks.set(key, to);
    return true;
  }

  async postings(organizationId: string, mailboxId: string, termKey: string): Promise<Posting[]> {
    return [...(this.segments.get(`${organizationId}/${mailboxId}/${termKey}`)?.values() ?? [])].flat();
  }
}

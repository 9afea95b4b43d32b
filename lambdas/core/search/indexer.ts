import { MessageIntegrityError, MessageNotFoundError } from '../mailbox/errors';
import { readChanges } from '../mailbox/model-changes';
import { readMessages } from '../mailbox/model-reads';
import type { MailboxModelStore } from '../mailbox/ports';
import { messageTerms } from './message-terms';
import type { IndexKeys, Posting, SearchIndexStore } from './ports';
import { termKey } from './term-keys';

/** Dependencies of {@link SearchIndexer}. */
export interface SearchIndexerDeps {
  readonly index: SearchIndexStore;
  /** The change log tells which messages are new since the last run. */
  readonly model: MailboxModelStore;
  /** Index keys, and each message's bytes decrypted in memory (MessageNotFoundError once it is gone). */
  readonly mailboxes: IndexKeys & {
    readMessage(organizationId: string, mailboxId: string, messageId: string): Promise<Buffer>;
  };
}

/** What one {@link SearchIndexer.catchUp} did. */
export interface IndexRun {
  readonly messages: number;
  /** Index items written (one per term key per segment). */
  readonly items: number;
  /** The modseq up to which every message of the mailbox is now indexed. */
  readonly indexedModseq: number;
  /** False when the run stopped at its segment limit with changes left: run again (the next trigger would). */
  readonly caughtUp: boolean;
}

/** Messages read per segment. */
const MESSAGES_PER_SEGMENT = 50;
/** Segments one run writes at most; a run that stops early is continued by the next trigger. */
const SEGMENTS_PER_RUN = 10;

/**
 * Keeps a mailbox's search index up to date, off the delivery path: a run reads the change log since the indexed
 * modseq (so it costs what arrived since), decrypts each new message in memory, and writes one immutable segment of
 * term keys per batch of messages before moving the indexed modseq. Runs are idempotent: a run repeated after a
 * crash rewrites the same segment, and two runs racing on one mailbox write equal postings, of which queries keep
 * one.
 * @example
 * await new SearchIndexer({ index, model, mailboxes }).catchUp('m-1', 'S-1-1');
 */
export class SearchIndexer {
  constructor(private readonly deps: SearchIndexerDeps) {}

  /** Indexes the messages stored since the last run (reads up to 500 change-log entries per call). */
  async catchUp(organizationId: string, mailboxId: string): Promise<IndexRun> {
    let progress = await this.deps.index.progress(organizationId, mailboxId);
    let messages = 0;
    let items = 0;
    let caughtUp = false;
    for (let segment = 0; segment < SEGMENTS_PER_RUN && !caughtUp; segment++) {
      const changes = await readChanges(
        this.deps.model,
        organizationId,
        mailboxId,
        'EMAIL',
        progress.cursor,
        MESSAGES_PER_SEGMENT,
      );
      // A mailbox gone, or a state the log cannot answer, leaves nothing this run could do.
      caughtUp = true;
      if (!changes.ok) break;
      const { created, updated, modseq, hasMore } = changes.value;
      const next = hasMore ? { base: progress.base, cursor: modseq } : { base: modseq, cursor: modseq };
      if (next.base === progress.base && next.cursor === progress.cursor) break;
      // Updated entries count too: a message created after `base` may have changed since (see IndexProgress).
      const ids = [...created, ...updated];
      const { found } = await readMessages(this.deps.model, organizationId, mailboxId, ids);
      const fresh = found
        .filter((entry) => entry.createdModseq > progress.base)
        .map((entry) => entry.messageId);
      const postings = await this.postingsOf(organizationId, mailboxId, fresh);
      if (postings.size > 0)
        items += await this.deps.index.putSegment(organizationId, mailboxId, modseq, postings);
      // Another run moved the progress first: it goes on from there.
      if (!(await this.deps.index.advance(organizationId, mailboxId, progress, next))) break;
      messages += fresh.length;
      progress = next;
      caughtUp = !hasMore;
    }
    return { messages, items, indexedModseq: progress.base, caughtUp };
  }

  private async postingsOf(
    organizationId: string,
    mailboxId: string,
    messageIds: readonly string[],
  ): Promise<Map<string, Posting[]>> {
    const terms = new Map<string, Posting[]>();
    for (const messageId of messageIds) {
      let raw: Buffer;
      try {
        raw = await this.deps.mailboxes.readMessage(organizationId, mailboxId, messageId);
      } catch (error) {
        // Destroyed since the change log was read: nothing to find any more. A blob that is missing or does not
        // match its entry cannot be indexed however often the run is retried: skipping it keeps the rest of the
        // mailbox searchable (the message itself reports the fault when it is read).
        if (error instanceof MessageNotFoundError || error instanceof MessageIntegrityError) continue;
        throw error;
      }
      for (const [term, fields] of messageTerms(raw)) {
        const postings = terms.get(term) ?? [];
        postings.push({ messageId, fields });
        terms.set(term, postings);
      }
    }
    return this.deps.mailboxes.useIndexKey(organizationId, mailboxId, (indexKey) => {
      const keyed = new Map<string, Posting[]>();
      for (const [term, postings] of terms) keyed.set(termKey(indexKey, term), postings);
      return keyed;
    });
  }
}

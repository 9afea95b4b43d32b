import type { MailboxStore } from '../core/mailbox/ports';

/**
 * The local runtime's stand-in for the cloud's change feed (a DynamoDB stream on the Mailbox table invoking the
 * search indexer function): every stored message wakes an in-process indexing run for its mailbox, after the
 * delivery has returned, one mailbox at a time, each until it is caught up. A failed run is logged and retried by
 * the mailbox's next message.
 * @example
 * const feed = new LocalIndexFeed((org, mailbox) => indexer.catchUp(org, mailbox), (error) => logger.error('Search indexing failed', { error: error.message }));
 * const store = feedingIndex(dynamoDbStore, (org, mailbox) => feed.notify(org, mailbox));
 */
export class LocalIndexFeed {
  private readonly pending = new Map<string, readonly [string, string]>();
  private running: Promise<void> | undefined;

  /**
   * @param catchUp - indexes one mailbox (`SearchIndexer.catchUp`)
   * @param onError - reports a failed run (no content: the error of a store or a key)
   */
  constructor(
    private readonly catchUp: (organizationId: string, mailboxId: string) => Promise<{ caughtUp: boolean }>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Notes that a mailbox has new mail; it is indexed after the runs already due. */
  notify(organizationId: string, mailboxId: string): void {
    this.pending.set(`${organizationId}\u0000${mailboxId}`, [organizationId, mailboxId]);
    this.running ??= this.drain();
  }

  /** Resolves once every notified mailbox is indexed (tests; shutting down). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the delivery that notified finish first: indexing is never on its path.
    await new Promise((resolve) => setImmediate(resolve));
    for (const [key, [organizationId, mailboxId]] of this.pending) {
      this.pending.delete(key);
      try {
        // A run stops at its segment limit; locally no further trigger may come, so the mailbox goes round again.
        if (!(await this.catchUp(organizationId, mailboxId)).caughtUp)
          this.pending.set(key, [organizationId, mailboxId]);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.running = undefined;
  }
}

/**
 * The store, calling `onStored` after each message it stores.
 * @example
 * const store = feedingIndex(dynamoDbStore, (org, mailbox) => feed.notify(org, mailbox));
 */
export function feedingIndex<T extends Pick<MailboxStore, 'putMessage'>>(
  store: T,
  onStored: (organizationId: string, mailboxId: string) => void,
): T {
  const putMessage: MailboxStore['putMessage'] = async (organizationId, mailboxId, entry, options) => {
    const outcome = await store.putMessage(organizationId, mailboxId, entry, options);
    if (outcome === 'STORED') onStored(organizationId, mailboxId);
    return outcome;
  };
  return Object.assign(Object.create(store) as T, { putMessage });
}

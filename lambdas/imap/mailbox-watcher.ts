import type { MailboxStore } from '../core/mailbox';

/** Waits between two polls of the mailboxes idle sessions watch. */
export const DEFAULT_POLL_MS = 1000;

interface Watch {
  /** The modseq the session has seen. */
  known: number;
  readonly wake: () => void;
}

/**
 * Tells IDLE sessions that their mailbox changed: the mailbox records that at least one session watches are read
 * once per interval (one strongly consistent read per watched mailbox, however many sessions watch it), and a
 * session whose mailbox moved past the modseq it knows is woken; it then reads the change log itself.
 * @example
 * const watcher = new MailboxWatcher(store, 250);
 * const stop = watcher.watch('m-1', 'S-1', 41, () => session.wake());
 */
export class MailboxWatcher {
  private readonly watched = new Map<
    string,
    { readonly ids: [string, string]; readonly watches: Set<Watch> }
  >();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<MailboxStore, 'getMailbox'>,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {}

  /** Calls `wake` whenever the mailbox's modseq moves past `known`, until the returned function is called. */
  watch(organizationId: string, mailboxId: string, known: number, wake: () => void): () => void {
    const key = `${organizationId}\u0000${mailboxId}`;
    let entry = this.watched.get(key);
    if (!entry) {
      entry = { ids: [organizationId, mailboxId], watches: new Set() };
      this.watched.set(key, entry);
    }
    const watch: Watch = { known, wake };
    entry.watches.add(watch);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs).unref();
    return () => {
      entry.watches.delete(watch);
      if (entry.watches.size === 0) this.watched.delete(key);
      if (this.watched.size === 0) this.stop();
    };
  }

  /** Stops polling (every watch ends). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    await Promise.all(
      [...this.watched.values()].map(async ({ ids, watches }) => {
        try {
          const modseq = (await this.store.getMailbox(...ids))?.modseq ?? 0;
          for (const watch of [...watches]) {
            if (modseq === watch.known) continue;
            watch.known = modseq;
            watch.wake();
          }
        } catch {
          // A failed poll is retried at the next interval; the sessions read the change log themselves anyway.
        }
      }),
    );
  }
}

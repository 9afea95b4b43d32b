/** Scheduling of the mailbox step: a counting semaphore (throttling backoff is in backoff.ts). */

/**
 * At most `permits` holders at once; the others wait in arrival order.
 * @example
 * const exports = new Semaphore(10);
 * await exports.run(() => exportOneMailbox());
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly permits: number) {}

  /** Runs `work` holding one permit. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held >= this.permits) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held += 1;
    try {
      return await work();
    } finally {
      // The permit passes straight to the next waiter, so a newcomer never overtakes it.
      const next = this.waiting.shift();
      if (next) next();
      else this.held -= 1;
    }
  }
}

/** Scheduling helpers of the mailbox step: a counting semaphore, a worker pool and throttling backoff. */

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

/** Exceptions that mean "slow down": WorkMail's own, and the generic AWS one. */
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException']);

/** How throttled calls are retried. */
export interface BackoffOptions {
  /** Attempts per call, the first included. */
  readonly attempts: number;
  /** Delay before the first retry, doubled each time (capped at 20 s). */
  readonly baseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Calls `call`, retrying it with exponential backoff while the service answers that it is throttling; any other
 * error, or throttling past the last attempt, propagates.
 * @example
 * const status = await retryThrottled(() => source.describe(organizationId, jobId), backoff);
 */
export async function retryThrottled<T>(call: () => Promise<T>, options: BackoffOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error && THROTTLING.has(error.name)) || attempt >= options.attempts) throw error;
      await options.sleep(Math.min(20_000, options.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

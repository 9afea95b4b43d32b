import { WorkMailCallError } from './errors';

/** Exceptions that mean "slow down": WorkMail's own, and the generic AWS one. */
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException']);

/**
 * True when the service asked to slow down: a {@link WorkMailCallError} (directory calls) or an SDK error (export and
 * import jobs) named as throttling.
 */
export function isThrottling(error: unknown): boolean {
  if (error instanceof WorkMailCallError) return THROTTLING.has(error.code);
  return error instanceof Error && THROTTLING.has(error.name);
}

/** How throttled calls are retried. */
export interface BackoffOptions {
  /** Attempts per call, the first included. */
  readonly attempts: number;
  /** Delay before the first retry; doubled each time. */
  readonly baseDelayMs: number;
  /** Longest delay between two attempts. @default 20 000 */
  readonly maxDelayMs?: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) that spreads the delays (full jitter). @default Math.random */
  readonly random?: () => number;
  /** Told of each retry before its delay (to count or log it). */
  readonly onRetry?: (attempt: number, delayMs: number) => void;
}

/**
 * Calls `call`, retrying it with exponential backoff and full jitter while the service answers that it is throttling;
 * any other error, or throttling past the last attempt, propagates.
 * @example
 * const status = await retryThrottled(() => source.describe(organizationId, jobId), backoff);
 */
export async function retryThrottled<T>(call: () => Promise<T>, options: BackoffOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= options.attempts) throw error;
      const ceiling = Math.min(options.maxDelayMs ?? 20_000, options.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.round(random() * ceiling);
      options.onRetry?.(attempt, delay);
      await options.sleep(delay);
    }
  }
}

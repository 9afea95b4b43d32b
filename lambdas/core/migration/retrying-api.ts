import { retryThrottled } from './backoff';
import type { MigrationLog, WorkMailApi } from './ports';

/** How a {@link retryingApi} backs off. */
export interface RetryOptions {
  /** Attempts per call, the first included. @default 8 */
  readonly attempts?: number;
  /** Delay before the first retry; doubled each time, with full jitter. @default 200 */
  readonly baseDelayMs?: number;
  /** Longest delay between two attempts. @default 20 000 */
  readonly maxDelayMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: MigrationLog;
}

/** A WorkMail endpoint that retries throttled calls, and counts them for the report. */
export interface RetryingApi extends WorkMailApi {
  /** How many calls were throttled and retried so far. */
  readonly throttledCalls: () => number;
}

/**
 * Wraps an endpoint so that a throttled call (`TooManyRequestsException`) is retried with exponential backoff and
 * full jitter; any other refusal, or throttling past the last attempt, is passed on.
 * @example
 * const source = retryingApi(sdkApi, { log: console.log });
 */
export function retryingApi(api: WorkMailApi, options: RetryOptions = {}): RetryingApi {
  const attempts = options.attempts ?? 8;
  let throttled = 0;
  return {
    throttledCalls: () => throttled,
    call: (action, input) =>
      retryThrottled(() => api.call(action, input), {
        attempts,
        baseDelayMs: options.baseDelayMs ?? 200,
        maxDelayMs: options.maxDelayMs,
        sleep: options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms))),
        onRetry: (attempt, delay) => {
          throttled++;
          options.log?.(`${action} throttled; retry ${attempt} of ${attempts - 1} in ${delay} ms`);
        },
      }),
  };
}

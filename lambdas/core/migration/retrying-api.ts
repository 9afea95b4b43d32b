import { isCallError } from './errors';
import type { MigrationLog, WorkMailApi } from './ports';

/** Exceptions that mean "slow down": WorkMail's own, and the generic AWS throttling one. */
const THROTTLING = ['TooManyRequestsException', 'ThrottlingException'];

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
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 20_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  let throttled = 0;
  return {
    throttledCalls: () => throttled,
    call: async (action, input) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await api.call(action, input);
        } catch (error) {
          if (!isCallError(error, ...THROTTLING) || attempt >= attempts) throw error;
          throttled++;
          const delay = Math.round(Math.random() * Math.min(max, base * 2 ** (attempt - 1)));
          options.log?.(`${action} throttled; retry ${attempt} of ${attempts - 1} in ${delay} ms`);
          await sleep(delay);
        }
      }
    },
  };
}

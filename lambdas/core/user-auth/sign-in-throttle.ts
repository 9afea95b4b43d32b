import { createHash } from 'node:crypto';
import type { SignInAttemptStore } from './ports';
import { sourceNetwork } from './source-address';
import type { FailureCount } from './types';

/** How failures under one key slow further attempts down. */
export interface BackoffPolicy {
  /** Failures allowed before any wait. */
  readonly freeFailures: number;
  /** The wait after the first failure beyond the free ones, in ms; it doubles with each further failure. */
  readonly baseDelayMs: number;
  /** The longest wait, in ms. */
  readonly maxDelayMs: number;
  /** How long a count is kept after its last failure, in ms. */
  readonly windowMs: number;
}

/** The two counters a sign-in is throttled by. */
export interface ThrottlePolicies {
  /** One login (or token) from one source network: an attacker guessing there slows down there only. */
  readonly perLoginAndSource: BackoffPolicy;
  /** One source network, any login: password spraying across many users from one place. */
  readonly perSource: BackoffPolicy;
}

/**
 * Defaults: 5 free failures per login and source, 30 per source, then 1 s doubling to 15 minutes; counts kept an
 * hour after the last failure.
 */
export const DEFAULT_THROTTLE_POLICIES: ThrottlePolicies = {
  perLoginAndSource: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 },
  perSource: { freeFailures: 30, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 },
};

/**
 * How long to wait before the next attempt under one count, in ms (0: go ahead).
 * @example
 * retryAfterMs({ failures: 7, lastFailureAt: t, expiresAt: t + 3_600_000 }, policy, t); // 4 000 with the defaults
 */
export function retryAfterMs(count: FailureCount | undefined, policy: BackoffPolicy, now: number): number {
  if (!count || count.expiresAt <= now || count.failures < policy.freeFailures) return 0;
  const doublings = Math.min(count.failures - policy.freeFailures, 40);
  const delay = Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
  return Math.max(0, count.lastFailureAt + delay - now);
}

/** What {@link SignInThrottle.check} found: the wait, and the keys to record the outcome under. */
export interface ThrottleCheck {
  readonly retryAfterMs: number;
  readonly loginKey: string;
  readonly sourceKey: string;
  /** True when the login-and-source count holds failures (a success then clears it). */
  readonly loginHasFailures: boolean;
}

/**
 * Exponential backoff of failed sign-ins that never locks a user out: failures count per (login, source network)
 * and per source network, never per login alone, so an attacker hammering a user from elsewhere does not stop the
 * user's correct credential from a network without recent failures. A refused (throttled) attempt is not counted,
 * and a success clears only its own (login, source) count: succeeding with one's own account does not reset a
 * source's count.
 * @example
 * const check = await throttle.check('login:ana@example.com', '192.0.2.1');
 * if (check.retryAfterMs > 0) return throttled(check.retryAfterMs);
 */
export class SignInThrottle {
  constructor(
    private readonly store: SignInAttemptStore,
    private readonly policies: ThrottlePolicies,
    private readonly now: () => number,
  ) {}

  /**
   * Reads both counts of an attempt.
   * @param subject - what is being tried: `login:<login>` or `token:<tokenId>`
   * @param sourceAddress - the client address
   */
  async check(subject: string, sourceAddress: string): Promise<ThrottleCheck> {
    const network = sourceNetwork(sourceAddress);
    // Hashed: counters hold no logins or addresses in clear.
    const loginKey = `L#${digest(`${subject}\0${network}`)}`;
    const sourceKey = `S#${digest(network)}`;
    const [login, source] = await Promise.all([
      this.store.getFailures(loginKey),
      this.store.getFailures(sourceKey),
    ]);
    const now = this.now();
    return {
      retryAfterMs: Math.max(
        retryAfterMs(login, this.policies.perLoginAndSource, now),
        retryAfterMs(source, this.policies.perSource, now),
      ),
      loginKey,
      sourceKey,
      loginHasFailures: login !== undefined && login.expiresAt > now,
    };
  }

  /** Counts a failed attempt under both keys. */
  async recordFailure(check: ThrottleCheck): Promise<void> {
    const now = this.now();
    await Promise.all([
      this.store.recordFailure(check.loginKey, now, now + this.policies.perLoginAndSource.windowMs),
      this.store.recordFailure(check.sourceKey, now, now + this.policies.perSource.windowMs),
    ]);
  }

  /** Clears the (login, source) count after a verified credential; the source's count stays. */
  async recordSuccess(check: ThrottleCheck): Promise<void> {
    if (check.loginHasFailures) await this.store.clearFailures(check.loginKey);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

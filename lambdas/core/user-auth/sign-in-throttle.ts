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

/** The two counts an attempt is throttled by. */
export interface ThrottleKeys {
  /** The (login or token, source network) count. */
  readonly loginKey: string;
  /** The source network's count. */
  readonly sourceKey: string;
}

/** What the throttle decided about an attempt. */
export interface ThrottleDecision {
  /** 0: go ahead and check the credential; otherwise refuse it unchecked (THROTTLED) and say to wait this long. */
  readonly retryAfterMs: number;
  readonly keys: ThrottleKeys;
  /** True when the (login, source) count holds failures: a verified credential then clears it. */
  readonly loginHasFailures: boolean;
}

/**
 * Exponential backoff of failed sign-ins that never locks a user out: failures count per (login, source network)
 * and per source network, never per login alone, so an attacker hammering a user from elsewhere does not stop the
 * user's correct credential from a network without recent failures. A refused (throttled) attempt is not counted,
 * and a verified credential clears only its own (login, source) count: succeeding with one's own account does not
 * reset a source's count.
 *
 * Two ways to use it:
 * - Guessable secrets (passwords): {@link reserve} counts the attempt before the credential is checked, in one
 *   atomic step per key, so a burst of concurrent guesses gets the free attempts and no more; {@link settle} then
 *   records the outcome.
 * - Unguessable secrets (256-bit tokens, where the throttle only sheds load): {@link check} reads the counts,
 *   {@link record} counts a failure afterwards; a success writes nothing.
 * @example
 * const decision = await throttle.reserve('login:ana@example.com', '192.0.2.1');
 * if (decision.retryAfterMs > 0) return throttled(decision.retryAfterMs);
 * await throttle.settle(decision, verified);
 */
export class SignInThrottle {
  constructor(
    private readonly store: SignInAttemptStore,
    private readonly policies: ThrottlePolicies,
    private readonly now: () => number,
  ) {}

  /**
   * Counts an attempt under both keys, then decides from the counts before it; a refused attempt is taken back.
   * @param subject - what is being tried: `login:<login>` or `token:<tokenId>`
   * @param sourceAddress - the client address
   */
  async reserve(subject: string, sourceAddress: string): Promise<ThrottleDecision> {
    const keys = throttleKeys(subject, sourceAddress);
    const now = this.now();
    const { perLoginAndSource, perSource } = this.policies;
    const [login, source] = await Promise.all([
      this.store.reserveAttempt(keys.loginKey, now, now + perLoginAndSource.windowMs),
      this.store.reserveAttempt(keys.sourceKey, now, now + perSource.windowMs),
    ]);
    const before = (count: FailureCount) => ({ ...count, failures: count.failures - 1 });
    const retryAfter = Math.max(
      retryAfterMs(before(login), perLoginAndSource, now),
      retryAfterMs(before(source), perSource, now),
    );
    if (retryAfter > 0) await this.release(keys);
    return { retryAfterMs: retryAfter, keys, loginHasFailures: true };
  }

  /** Records the outcome of a reserved attempt: a failure's time, or (verified) clears the login's count. */
  async settle(decision: ThrottleDecision, verified: boolean): Promise<void> {
    const { loginKey, sourceKey } = decision.keys;
    if (verified) {
      await Promise.all([this.store.clearFailures(loginKey), this.store.releaseAttempt(sourceKey)]);
    } else {
      const now = this.now();
      await Promise.all([this.store.markFailed(loginKey, now), this.store.markFailed(sourceKey, now)]);
    }
  }

  /** Reads both counts of an attempt, counting nothing. */
  async check(subject: string, sourceAddress: string): Promise<ThrottleDecision> {
    const keys = throttleKeys(subject, sourceAddress);
    const [login, source] = await Promise.all([
      this.store.getFailures(keys.loginKey),
      this.store.getFailures(keys.sourceKey),
    ]);
    const now = this.now();
    return {
      retryAfterMs: Math.max(
        retryAfterMs(login, this.policies.perLoginAndSource, now),
        retryAfterMs(source, this.policies.perSource, now),
      ),
      keys,
      loginHasFailures: login !== undefined && login.expiresAt > now && login.failures > 0,
    };
  }

  /** Records the outcome of a checked attempt: a failure under both keys, or (verified) clears the login's count. */
  async record(decision: ThrottleDecision, verified: boolean): Promise<void> {
    const { loginKey, sourceKey } = decision.keys;
    if (verified) {
      if (decision.loginHasFailures) await this.store.clearFailures(loginKey);
      return;
    }
    const now = this.now();
    const { perLoginAndSource, perSource } = this.policies;
    await Promise.all([
      this.store.reserveAttempt(loginKey, now, now + perLoginAndSource.windowMs),
      this.store.reserveAttempt(sourceKey, now, now + perSource.windowMs),
    ]);
    await Promise.all([this.store.markFailed(loginKey, now), this.store.markFailed(sourceKey, now)]);
  }

  private async release(keys: ThrottleKeys): Promise<void> {
    await Promise.all([this.store.releaseAttempt(keys.loginKey), this.store.releaseAttempt(keys.sourceKey)]);
  }
}

/** The count keys of an attempt, hashed: counts hold no logins or addresses in clear. */
function throttleKeys(subject: string, sourceAddress: string): ThrottleKeys {
  const network = sourceNetwork(sourceAddress);
  return { loginKey: `L#${digest(`${subject}\0${network}`)}`, sourceKey: `S#${digest(network)}` };
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

import type { SignInAttemptStore } from '../../core/user-auth/ports';
import type { FailureCount } from '../../core/user-auth/types';

/**
 * {@link SignInAttemptStore} in this process's memory: the local runtime's, where one process serves every sign-in.
 * Holds at most `maxEntries` counts; past that, expired ones are dropped and then the oldest, so a flood of
 * attempts from ever new addresses cannot grow it without bound.
 * @example
 * const attempts = new MemorySignInAttemptStore();
 */
export class MemorySignInAttemptStore implements SignInAttemptStore {
  private readonly counts = new Map<string, FailureCount>();
  private readonly maxEntries: number;

  /** @param maxEntries - most counts held (at least 1). @default 100 000 */
  constructor(maxEntries = 100_000) {
    this.maxEntries = Math.max(1, maxEntries);
  }

  async getFailures(key: string): Promise<FailureCount | undefined> {
    return this.counts.get(key);
  }

  async reserveAttempt(key: string, at: number, expiresAt: number): Promise<FailureCount> {
    const current = this.counts.get(key);
    const live = current && current.expiresAt > at ? current : undefined;
    const count = {
      failures: (live?.failures ?? 0) + 1,
      lastFailureAt: live?.lastFailureAt ?? at,
      expiresAt,
    };
    this.counts.delete(key);
    if (this.counts.size >= this.maxEntries) this.evict(at);
    this.counts.set(key, count);
    return count;
  }

  async markFailed(key: string, at: number): Promise<void> {
    const current = this.counts.get(key);
    if (current) this.counts.set(key, { ...current, lastFailureAt: at });
  }

  async releaseAttempt(key: string): Promise<void> {
    const current = this.counts.get(key);
    if (current && current.failures > 0) this.counts.set(key, { ...current, failures: current.failures - 1 });
  }

  async clearFailures(key: string): Promise<void> {
    this.counts.delete(key);
  }

  private evict(now: number): void {
    for (const [key, count] of this.counts) if (count.expiresAt <= now) this.counts.delete(key);
    while (this.counts.size >= this.maxEntries) {
      this.counts.delete(this.counts.keys().next().value as string);
    }
  }
}

import type { SendingCounters } from '../../core/sending/ports';

/**
 * {@link SendingCounters} in this process's memory: for tests and for a single local process. Expired counters are
 * forgotten when next touched.
 * @example
 * const counters = new MemorySendingCounters();
 */
export class MemorySendingCounters implements SendingCounters {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async reserve(key: string, count: number, limit: number, expiresAt: number): Promise<boolean> {
    const current = this.current(key);
    if (current + count > limit) return false;
    this.counts.set(key, { count: current + count, expiresAt });
    return true;
  }

  async release(key: string, count: number): Promise<void> {
    const entry = this.counts.get(key);
    if (entry) entry.count = Math.max(0, entry.count - count);
  }

  /** The counter's value now (0 when unknown or expired). */
  current(key: string): number {
    const entry = this.counts.get(key);
    return entry && entry.expiresAt > this.now() ? entry.count : 0;
  }
}

import { KeyCacheThrashError } from './errors';

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

/** The longest time a plaintext mailbox key may stay in memory (security-and-logging.md §10.7). */
export const MAX_KEY_CACHE_MS = 60_000;

/** Options for {@link KeyCache}. */
export interface KeyCacheOptions {
  /** How long a key stays cached, at most {@link MAX_KEY_CACHE_MS}. @default - 60 000 ms */
  readonly ttlMs?: number;
  /** @default - `Date.now` */
  readonly now?: Clock;
  /** Entries kept before the oldest are dropped. @default - 10 000 */
  readonly maxEntries?: number;
}

interface Entry {
  readonly key: Buffer;
  readonly expiresAt: number;
}

/**
 * In-process cache of plaintext keys for at most 60 s. Keys are handed out only inside a synchronous callback,
 * so an entry can be zeroed when it expires; concurrent misses for the same key share one load.
 * @example
 * const cache = new KeyCache({ now: () => clock });
 * const wrapped = await cache.use('org/mbx/1', loadMailboxKey, (key) => wrapMessageKey(key, messageKey, identity));
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Buffer>>();
  private readonly ttlMs: number;
  private readonly now: Clock;
  private readonly maxEntries: number;

  constructor(options: KeyCacheOptions = {}) {
    this.ttlMs = Math.min(options.ttlMs ?? MAX_KEY_CACHE_MS, MAX_KEY_CACHE_MS);
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** Calls `fn` with the cached key, loading it with `load` first when it is missing or expired. */
  async use<T>(id: string, load: () => Promise<Buffer>, fn: (key: Buffer) => T): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const cached = this.fresh(id);
      if (cached) return fn(cached);
      await this.load(id, load);
    }
    throw new KeyCacheThrashError(
      `The key ${id} expired or was evicted while it was being loaded; the cache TTL is too short.`,
    );
  }

  /** Drops (and zeroes) every entry whose id starts with `prefix`, e.g. when a mailbox is destroyed. */
  evict(prefix: string): void {
    for (const [id, entry] of this.entries) {
      if (id.startsWith(prefix)) this.drop(id, entry);
    }
  }

  /** Number of keys currently held (expired ones are dropped first). */
  get size(): number {
    for (const id of [...this.entries.keys()]) this.fresh(id);
    return this.entries.size;
  }

  private load(id: string, load: () => Promise<Buffer>): Promise<Buffer> {
    let pending = this.loading.get(id);
    if (!pending) {
      pending = load().then(
        (key) => {
          this.loading.delete(id);
          this.store(id, key);
          return key;
        },
        (error: unknown) => {
          this.loading.delete(id);
          throw error;
        },
      );
      this.loading.set(id, pending);
    }
    return pending;
  }

  private fresh(id: string): Buffer | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() < entry.expiresAt) return entry.key;
    this.drop(id, entry);
    return undefined;
  }

  /** Only called after a miss (fresh() has dropped any expired entry), so it adds one entry at a time. */
  private store(id: string, key: Buffer): void {
    this.entries.set(id, { key, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size <= this.maxEntries) return;
    const [oldest, entry] = this.entries.entries().next().value!;
    this.drop(oldest, entry);
  }

  private drop(id: string, entry: Entry): void {
    this.entries.delete(id);
    entry.key.fill(0);
  }
}

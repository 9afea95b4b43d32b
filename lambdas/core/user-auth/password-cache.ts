import { createHmac, randomBytes } from 'node:crypto';

/** The longest a verified password is remembered, in ms. */
export const MAX_PASSWORD_CACHE_TTL_MS = 60_000;

/** A password sign-in that succeeded: whom it named, and the stored hash it matched. */
export interface VerifiedPassword {
  readonly organizationId: string;
  readonly userId: string;
  /** The stored hash the password matched: a later reset changes it, which voids this entry at once. */
  readonly passwordHash: string;
}

interface Entry {
  readonly value: VerifiedPassword;
  readonly expiresAt: number;
}

/**
 * Remembers verified passwords for at most 60 s, so a session does not pay scrypt (~100 ms, 64 MiB) per request.
 * Entries are keyed by an HMAC of (organization, login, password) under a random key of this process: neither the
 * password nor a fast unkeyed hash of it is ever held. The cache only skips scrypt: the caller re-reads the user on
 * every hit, so disabling, deleting or a password reset take effect on the next request.
 * @example
 * const cache = new PasswordCache({ ttlMs: 60_000, maxEntries: 10_000, now: Date.now });
 */
export class PasswordCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(private readonly options: { ttlMs: number; maxEntries: number; now: () => number }) {
    this.ttlMs = Math.min(options.ttlMs, MAX_PASSWORD_CACHE_TTL_MS);
  }

  /** The entry key of a login and password (with the organization that resolves names). */
  keyOf(organizationId: string | undefined, login: string, password: string): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify([organizationId ?? '', login, password]), 'utf8')
      .digest('base64url');
  }

  get(entryKey: string): VerifiedPassword | undefined {
    const entry = this.entries.get(entryKey);
    if (entry && entry.expiresAt > this.options.now()) return entry.value;
    this.entries.delete(entryKey);
    return undefined;
  }

  set(entryKey: string, value: VerifiedPassword): void {
    if (this.ttlMs <= 0 || this.options.maxEntries < 1) return;
    this.entries.delete(entryKey);
    while (this.entries.size >= this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(entryKey, { value, expiresAt: this.options.now() + this.ttlMs });
  }

  delete(entryKey: string): void {
    this.entries.delete(entryKey);
  }
}

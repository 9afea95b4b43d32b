import type { Page, PageRequest } from '../api/pagination';
import type { KeyWrapper } from '../crypto/ports';
import { generateAccessKeyId, generateSecret } from './access-keys';
import { AdminKeyExistsError } from './errors';
import type { AdminKeyStore } from './ports';
import { adminSecretContext, type AdminKey, type AdminKeyScope, type ResolvedAdminKey } from './types';

/** Options for {@link AdminKeys}. */
export interface AdminKeysOptions {
  /** How long a decrypted secret (or a miss) stays in memory, in ms; at most 60 000. @default 60 000 */
  readonly cacheTtlMs?: number;
  /** Most entries the cache holds before the oldest are dropped. @default 1 000 */
  readonly cacheEntries?: number;
  /** Epoch milliseconds now. @default Date.now */
  readonly now?: () => number;
}

/** What {@link AdminKeys.create} records beside the scope. */
export interface AdminKeyDetails {
  readonly description?: string;
  /** When the key stops working on its own, in epoch ms. @default - never: it lasts until revoked */
  readonly expiresAt?: number;
}

/** A key just created, with its secret in clear: shown to the caller once and never again. */
export interface CreatedAdminKey {
  readonly key: AdminKey;
  readonly secret: string;
}

interface CacheEntry {
  readonly value: ResolvedAdminKey | undefined;
  readonly expiresAt: number;
}

/**
 * Mailwright's admin access keys: creates them with encrypted secrets, resolves them for the SigV4 verifier with
 * a short in-memory cache of decrypted secrets, and changes or revokes them (dropping the cached entry).
 * @example
 * const keys = new AdminKeys(store, wrapper);
 * const { key, secret } = await keys.create('*', { description: 'ci pipeline' });
 */
export class AdminKeys {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: AdminKeyStore,
    private readonly wrapper: KeyWrapper,
    options: AdminKeysOptions = {},
  ) {
    this.ttlMs = Math.min(options.cacheTtlMs ?? 60_000, 60_000);
    this.maxEntries = options.cacheEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Creates a key with a fresh id and secret.
   * @param organizations - the organizations it may act on, or `'*'`
   * @param details - a description and an expiry
   */
  async create(organizations: AdminKeyScope, details: AdminKeyDetails = {}): Promise<CreatedAdminKey> {
    const { description, expiresAt } = details;
    for (let attempt = 0; ; attempt += 1) {
      const accessKeyId = generateAccessKeyId();
      const secret = generateSecret();
      const sealed = await sealKey(this.wrapper, accessKeyId, secret, organizations, this.now(), description);
      const key = expiresAt === undefined ? sealed : { ...sealed, expiresAt };
      try {
        await this.store.createKey(key);
        return { key, secret };
      } catch (error) {
        if (!(error instanceof AdminKeyExistsError) || attempt >= 2) throw error;
      }
    }
  }

  /** One page of keys, revoked ones included. */
  list(request: PageRequest): Promise<Page<AdminKey>> {
    return this.store.listKeys(request);
  }

  /** Reads one key record (secret still wrapped). */
  get(accessKeyId: string): Promise<AdminKey | undefined> {
    return this.store.getKey(accessKeyId);
  }

  /** Replaces a key's scope; false when there is no such key. */
  async updateScope(accessKeyId: string, organizations: AdminKeyScope): Promise<boolean> {
    this.cache.delete(accessKeyId);
    return this.store.updateScope(accessKeyId, organizations);
  }

  /** Revokes a key; false when there is no such key. Other processes notice within the cache lifetime. */
  async revoke(accessKeyId: string): Promise<boolean> {
    this.cache.delete(accessKeyId);
    return this.store.revokeKey(accessKeyId, this.now());
  }

  /** The active key with this id and its secret in clear, or undefined when unknown, revoked or expired. */
  async resolve(accessKeyId: string): Promise<ResolvedAdminKey | undefined> {
    const now = this.now();
    const cached = this.cache.get(accessKeyId);
    if (cached && cached.expiresAt > now) return cached.value;
    const key = await this.store.getKey(accessKeyId);
    const usable = key?.state === 'ACTIVE' && (key.expiresAt === undefined || key.expiresAt > now);
    const value = usable ? await openKey(this.wrapper, key) : undefined;
    // A key that expires is forgotten when it does, not up to a cache lifetime later.
    this.remember(accessKeyId, value, Math.min(now + this.ttlMs, (usable && key.expiresAt) || Infinity));
    return value;
  }

  private remember(accessKeyId: string, value: ResolvedAdminKey | undefined, expiresAt: number): void {
    this.cache.delete(accessKeyId);
    while (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
    this.cache.set(accessKeyId, { value, expiresAt });
  }
}

/** Builds a key record whose secret is wrapped under the key's own encryption context. */
export async function sealKey(
  wrapper: KeyWrapper,
  accessKeyId: string,
  secret: string,
  organizations: AdminKeyScope,
  createdAt: number,
  description?: string,
): Promise<AdminKey> {
  const wrappedSecret = await wrapper.wrap(
    undefined,
    // Stryker disable next-line StringLiteral: equivalent, Buffer.from reads an empty encoding as utf8
    Buffer.from(secret, 'utf8'),
    adminSecretContext(accessKeyId),
  );
  return {
    accessKeyId,
    wrappedSecret,
    organizations,
    state: 'ACTIVE',
    createdAt,
    ...(description ? { description } : {}),
  };
}

/** Decrypts a key record's secret. */
export async function openKey(wrapper: KeyWrapper, key: AdminKey): Promise<ResolvedAdminKey> {
  const secret = await wrapper.unwrap(key.wrappedSecret, adminSecretContext(key.accessKeyId));
  return {
    accessKeyId: key.accessKeyId,
    secret: Buffer.from(secret).toString('utf8'),
    organizations: key.organizations,
  };
}

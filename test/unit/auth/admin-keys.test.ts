import { AdminKeys } from '../../../lambdas/core/auth/admin-keys';
import { AdminKeyExistsError } from '../../../lambdas/core/auth/errors';
import { adminSecretContext } from '../../../lambdas/core/auth/types';
import type { AdminKey } from '../../../lambdas/core/auth/types';
import { MemoryAdminKeyStore, TestKeyWrapper } from './doubles';

describe('AdminKeys', () => {
  let now: number;
  let store: MemoryAdminKeyStore;
  let wrapper: TestKeyWrapper;
  let keys: AdminKeys;

  beforeEach(() => {
    now = 1_800_000_000_000;
    store = new MemoryAdminKeyStore();
    wrapper = new TestKeyWrapper();
    keys = new AdminKeys(store, wrapper, { now: () => now });
  });

  it('creates a key with an AKMW id and a 40-character secret', async () => {
    const { key, secret } = await keys.create('*', { description: 'ci' });

    expect(key.accessKeyId).toMatch(/^AKMW[A-Z0-9]{16}$/);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(key).toMatchObject({ organizations: '*', state: 'ACTIVE', description: 'ci', createdAt: now });
  });

  it('stores the secret only encrypted', async () => {
    const { key, secret } = await keys.create('*');

    const stored = store.keys.get(key.accessKeyId)!;
    expect(Buffer.from(stored.wrappedSecret).toString('utf8')).not.toContain(secret);
    expect(
      JSON.stringify({ ...stored, wrappedSecret: Buffer.from(stored.wrappedSecret).toString('base64') }),
    ).not.toContain(secret);
  });

  it('binds the wrapped secret to its key id, so it cannot be moved to another key', async () => {
    const { key } = await keys.create('*');

    await expect(
      wrapper.unwrap(key.wrappedSecret, adminSecretContext('AKMWAAAAAAAAAAAAAAAA')),
    ).rejects.toThrow();
  });

  it('resolves an active key to its secret and scope', async () => {
    const { key, secret } = await keys.create(['m-00000000000000000000000000000001']);

    await expect(keys.resolve(key.accessKeyId)).resolves.toEqual({
      accessKeyId: key.accessKeyId,
      secret,
      organizations: ['m-00000000000000000000000000000001'],
    });
  });

  it('serves a resolved key from memory for at most 60 seconds', async () => {
    const slow = new AdminKeys(store, wrapper, { now: () => now, cacheTtlMs: 10 * 60_000 });
    const { key } = await slow.create('*');
    await slow.resolve(key.accessKeyId);
    const readsAfterFirst = store.reads;

    now += 59_000;
    await slow.resolve(key.accessKeyId);
    expect(store.reads).toBe(readsAfterFirst);

    now += 2_000;
    await slow.resolve(key.accessKeyId);
    expect(store.reads).toBe(readsAfterFirst + 1);
  });

  it('reads the key again once exactly 60 seconds have passed', async () => {
    const { key } = await keys.create('*');
    await keys.resolve(key.accessKeyId);
    const reads = store.reads;

    now += 60_000;
    await keys.resolve(key.accessKeyId);

    expect(store.reads).toBe(reads + 1);
  });

  it('resolves a key with an expiry until then, and never from memory after it', async () => {
    const slow = new AdminKeys(store, wrapper, { now: () => now, cacheTtlMs: 60_000 });
    const { key } = await slow.create('*', { expiresAt: now + 30_000 });
    const before = await slow.resolve(key.accessKeyId);

    now += 29_999;
    const lastMoment = await slow.resolve(key.accessKeyId);
    now += 1;
    const expired = await slow.resolve(key.accessKeyId);

    expect(key.expiresAt).toBe(now);
    expect(before?.accessKeyId).toBe(key.accessKeyId);
    expect(lastMoment?.accessKeyId).toBe(key.accessKeyId);
    expect(expired).toBeUndefined();
  });

  it('wraps the secret under the encryption context the KMS key policy requires', async () => {
    const contexts: Record<string, string>[] = [];
    const wrap = wrapper.wrap.bind(wrapper);
    wrapper.wrap = async (keyId, plaintext, context) => {
      contexts.push({ ...context });
      return wrap(keyId, plaintext, context);
    };

    const { key } = await keys.create('*');

    expect(contexts).toEqual([{ purpose: 'mailwright-admin-key', accessKeyId: key.accessKeyId }]);
  });

  it('draws a new id when a generated one already exists, up to three times', async () => {
    const attempts: string[] = [];
    const createKey = store.createKey.bind(store);
    store.createKey = async (key: AdminKey) => {
      attempts.push(key.accessKeyId);
      if (attempts.length < 3) throw new AdminKeyExistsError(key.accessKeyId);
      return createKey(key);
    };

    const { key } = await keys.create('*');

    expect(attempts).toHaveLength(3);
    expect(new Set(attempts).size).toBe(3);
    expect(store.keys.get(key.accessKeyId)).toBeDefined();
  });

  it('gives up after three ids that all exist, saying which one', async () => {
    const attempts: string[] = [];
    const createKey = store.createKey.bind(store);
    store.createKey = async (key: AdminKey) => {
      attempts.push(key.accessKeyId);
      // Lets a runaway retry loop end (and the test fail) instead of hanging.
      if (attempts.length > 5) return createKey(key);
      throw new AdminKeyExistsError(key.accessKeyId);
    };

    const failure = keys.create('*');

    await expect(failure).rejects.toMatchObject({ name: 'AdminKeyExistsError' });
    expect(attempts).toHaveLength(3);
    await expect(failure).rejects.toThrow(`Admin key ${attempts[2]} already exists`);
  });

  it('does not retry a store failure other than an existing id', async () => {
    let attempts = 0;
    const createKey = store.createKey.bind(store);
    store.createKey = async (key: AdminKey) => {
      attempts += 1;
      // Lets a runaway retry loop end (and the test fail) instead of hanging.
      if (attempts > 5) return createKey(key);
      throw new Error('throttled');
    };

    await expect(keys.create('*')).rejects.toThrow('throttled');
    expect(attempts).toBe(1);
  });

  it('resolves an unknown key to undefined', async () => {
    await expect(keys.resolve('AKMWUNKNOWNUNKNOWN00')).resolves.toBeUndefined();
  });

  it('stops resolving a key as soon as it is revoked here', async () => {
    const { key } = await keys.create('*');
    await keys.resolve(key.accessKeyId);

    await expect(keys.revoke(key.accessKeyId)).resolves.toBe(true);

    await expect(keys.resolve(key.accessKeyId)).resolves.toBeUndefined();
    expect(store.keys.get(key.accessKeyId)).toMatchObject({ state: 'REVOKED', revokedAt: now });
  });

  it('applies a new scope at once here', async () => {
    const { key } = await keys.create('*');
    await keys.resolve(key.accessKeyId);

    await keys.updateScope(key.accessKeyId, ['m-00000000000000000000000000000002']);

    await expect(keys.resolve(key.accessKeyId)).resolves.toMatchObject({
      organizations: ['m-00000000000000000000000000000002'],
    });
  });

  it('reports false when revoking or rescoping a key that does not exist', async () => {
    await expect(keys.revoke('AKMWUNKNOWNUNKNOWN00')).resolves.toBe(false);
    await expect(keys.updateScope('AKMWUNKNOWNUNKNOWN00', '*')).resolves.toBe(false);
  });

  it('keeps at most cacheEntries keys in memory', async () => {
    const small = new AdminKeys(store, wrapper, { now: () => now, cacheEntries: 1 });
    const first = await small.create('*');
    const second = await small.create('*');
    await small.resolve(first.key.accessKeyId);
    await small.resolve(second.key.accessKeyId);
    const reads = store.reads;

    await small.resolve(first.key.accessKeyId);

    expect(store.reads).toBe(reads + 1);
  });

  it('lists keys through the store', async () => {
    await keys.create('*');
    await keys.create('*');

    const page = await keys.list({ limit: 10 });

    expect(page.items).toHaveLength(2);
    await expect(keys.get(page.items[0]!.accessKeyId)).resolves.toEqual(page.items[0]);
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalContext } from '../../../lambdas/core/crypto/context';
import {
  DeploymentKeyError,
  deploymentKeyContext,
  deploymentKeyLoader,
  deriveDeploymentSubkey,
  loadDeploymentKey,
  type DeploymentKeyStore,
} from '../../../lambdas/core/crypto/deployment-keys';
import type { KeyWrapper } from '../../../lambdas/core/crypto/ports';

/** A store whose reads and writes yield to the event loop, so concurrent first loads interleave. */
class MemoryKeyStore implements DeploymentKeyStore {
  readonly items = new Map<string, Uint8Array>();
  creates = 0;
  async getWrappedKey(name: string): Promise<Uint8Array | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.items.get(name);
  }
  async createWrappedKey(name: string, wrappedKey: Uint8Array): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    this.creates++;
    if (this.items.has(name)) return false;
    this.items.set(name, wrappedKey);
    return true;
  }
}

/** AES-GCM under a master key with the canonical context as AAD, like KMS and MasterKeyWrapper. */
class TestWrapper implements KeyWrapper {
  unwraps = 0;
  wraps = 0;
  constructor(private readonly master = randomBytes(32)) {}
  async wrap(_keyId: string | undefined, plaintext: Uint8Array, context: Readonly<Record<string, string>>) {
    this.wraps++;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master, nonce).setAAD(canonicalContext(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }
  async unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>) {
    this.unwraps++;
    const bytes = Buffer.from(ciphertext);
    const decipher = createDecipheriv('aes-256-gcm', this.master, bytes.subarray(0, 12));
    decipher.setAAD(canonicalContext(context)).setAuthTag(bytes.subarray(-16));
    return Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]);
  }
}

describe('Deployment keys: loadDeploymentKey', () => {
  it('creates a 256-bit key on first use and stores it only wrapped', async () => {
    const store = new MemoryKeyStore();

    const key = await loadDeploymentKey(store, new TestWrapper(), 'delivery-ledger');

    expect(key).toHaveLength(32);
    const stored = store.items.get('delivery-ledger');
    expect(stored).toBeDefined();
    expect(Buffer.from(stored as Uint8Array).includes(Buffer.from(key))).toBe(false);
  });

  it('gives every concurrent first load the same key', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();

    const keys = await Promise.all(
      Array.from({ length: 8 }, () => loadDeploymentKey(store, wrapper, 'delivery-ledger')),
    );

    expect(store.creates).toBeGreaterThan(1);
    expect(new Set(keys.map((key) => Buffer.from(key).toString('hex'))).size).toBe(1);
  });

  it('reads the stored key back in a later process', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();
    const first = await loadDeploymentKey(store, wrapper, 'delivery-ledger');

    const again = await loadDeploymentKey(store, wrapper, 'delivery-ledger');

    expect(Buffer.from(again)).toEqual(Buffer.from(first));
  });

  it('fails under another wrapping key, and for a wrapped key copied to another name', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();
    await loadDeploymentKey(store, wrapper, 'delivery-ledger');
    store.items.set('other', store.items.get('delivery-ledger') as Uint8Array);

    await expect(loadDeploymentKey(store, new TestWrapper(), 'delivery-ledger')).rejects.toThrow();
    await expect(loadDeploymentKey(store, wrapper, 'other')).rejects.toThrow();
  });

  it('loads an existing key without generating, wrapping or storing one', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();
    await loadDeploymentKey(store, wrapper, 'delivery-ledger');
    const [wraps, creates] = [wrapper.wraps, store.creates];

    await loadDeploymentKey(store, wrapper, 'delivery-ledger');

    expect([wrapper.wraps, store.creates]).toEqual([wraps, creates]);
  });

  it('names its error DeploymentKeyError', () => {
    expect(new DeploymentKeyError('x').name).toBe('DeploymentKeyError');
  });

  it.each(['KEY#x', '', 'delivery-ledger!', 'Upper', 'a'.repeat(65)])('refuses the name %j', async (name) => {
    await expect(loadDeploymentKey(new MemoryKeyStore(), new TestWrapper(), name)).rejects.toThrow(
      new DeploymentKeyError(`A deployment key name matches [a-z0-9-]{1,64}, got ${JSON.stringify(name)}.`),
    );
  });

  it.each(['a', 'a'.repeat(64), 'delivery-ledger-2'])('accepts the name %s', async (name) => {
    await expect(loadDeploymentKey(new MemoryKeyStore(), new TestWrapper(), name)).resolves.toHaveLength(32);
  });

  it('reports a store that lost the key another writer created', async () => {
    const store = new MemoryKeyStore();
    store.createWrappedKey = async () => false;

    await expect(loadDeploymentKey(store, new TestWrapper(), 'delivery-ledger')).rejects.toThrow(
      /cannot be read back/,
    );
  });

  it('refuses an unwrapped key that is not 32 bytes', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();
    store.items.set('short', await wrapper.wrap(undefined, Buffer.alloc(16), deploymentKeyContext('short')));

    await expect(loadDeploymentKey(store, wrapper, 'short')).rejects.toThrow(/16 bytes/);
  });
});

describe('Deployment keys: deploymentKeyLoader', () => {
  it('unwraps once per process and shares the key', async () => {
    const store = new MemoryKeyStore();
    const wrapper = new TestWrapper();
    await loadDeploymentKey(store, wrapper, 'delivery-ledger');
    wrapper.unwraps = 0;
    const load = deploymentKeyLoader(store, wrapper, 'delivery-ledger');

    const [a, b] = await Promise.all([load(), load()]);
    const c = await load();

    expect(wrapper.unwraps).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('tries again after a failed load', async () => {
    const store = new MemoryKeyStore();
    const get = store.getWrappedKey.bind(store);
    store.getWrappedKey = async () => {
      store.getWrappedKey = get;
      throw new Error('throttled');
    };
    const load = deploymentKeyLoader(store, new TestWrapper(), 'delivery-ledger');

    await expect(load()).rejects.toThrow('throttled');
    await expect(load()).resolves.toHaveLength(32);
  });
});

describe('Deployment keys: deriveDeploymentSubkey', () => {
  it('derives distinct 256-bit subkeys per purpose, deterministically', () => {
    const key = randomBytes(32);

    const seal = deriveDeploymentSubkey(key, 'delivery-ledger/seal');

    expect(seal).toHaveLength(32);
    expect(deriveDeploymentSubkey(key, 'delivery-ledger/seal')).toEqual(seal);
    expect(deriveDeploymentSubkey(key, 'delivery-ledger/index')).not.toEqual(seal);
    expect(seal.equals(key)).toBe(false);
  });
});

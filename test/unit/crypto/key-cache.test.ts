import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { KeyCache } from '../../../lambdas/core/crypto/key-cache';
import { KeyCacheThrashError } from '../../../lambdas/core/crypto/errors';

function setup(ttlMs?: number) {
  let clock = 1_000_000;
  const loads: Buffer[] = [];
  const cache = new KeyCache({ now: () => clock, ttlMs });
  const load = async () => {
    const key = randomBytes(32);
    loads.push(key);
    return key;
  };
  return { cache, load, loads, advance: (ms: number) => (clock += ms) };
}

describe('KeyCache', () => {
  it('serves a key within 60 s without loading it again, and reloads it after 60 s', async () => {
    const { cache, load, loads, advance } = setup();
    const first = await cache.use('k', load, (key) => Buffer.from(key));
    advance(59_999);
    const second = await cache.use('k', load, (key) => Buffer.from(key));
    expect(loads).toHaveLength(1);
    expect(second).toEqual(first);
    advance(1);
    await cache.use('k', load, () => undefined);
    expect(loads).toHaveLength(2);
  });

  it('never keeps a key longer than 60 s even when asked to', async () => {
    const { cache, load, loads, advance } = setup(3_600_000);
    await cache.use('k', load, () => undefined);
    advance(60_000);
    await cache.use('k', load, () => undefined);
    expect(loads).toHaveLength(2);
  });

  it('zeroes a key when it expires', async () => {
    const { cache, load, loads, advance } = setup();
    await cache.use('k', load, () => undefined);
    advance(60_000);
    expect(cache.size).toBe(0);
    expect(loads[0].equals(Buffer.alloc(32))).toBe(true);
  });

  it('shares one load between concurrent misses', async () => {
    const { cache, load, loads } = setup();
    await Promise.all(Array.from({ length: 5 }, () => cache.use('k', load, () => undefined)));
    expect(loads).toHaveLength(1);
  });

  it('does not cache a failed load', async () => {
    const { cache, load, loads } = setup();
    await expect(
      cache.use(
        'k',
        () => Promise.reject(new Error('KMS down')),
        () => undefined,
      ),
    ).rejects.toThrow('KMS down');
    await cache.use('k', load, () => undefined);
    expect(loads).toHaveLength(1);
  });

  it('evicts and zeroes the keys under a prefix', async () => {
    const { cache, load, loads } = setup();
    await cache.use('a/1', load, () => undefined);
    await cache.use('b/1', load, () => undefined);
    cache.evict('a/');
    expect(cache.size).toBe(1);
    expect(loads[0].equals(Buffer.alloc(32))).toBe(true);
    expect(loads[1].equals(Buffer.alloc(32))).toBe(false);
  });

  it('drops the oldest entries beyond its capacity', async () => {
    const cache = new KeyCache({ maxEntries: 2, now: () => 0 });
    for (const id of ['a', 'b', 'c'])
      await cache.use(
        id,
        async () => randomBytes(32),
        () => undefined,
      );
    expect(cache.size).toBe(2);
  });

  it('gives up after three loads when the key expires faster than it can be used', async () => {
    let clock = 0;
    const cache = new KeyCache({ ttlMs: 1, now: () => (clock += 10) });
    const used = jest.fn();
    const load = jest.fn(async () => randomBytes(32));

    const failure = cache.use('k', load, used);

    await expect(failure).rejects.toThrow(KeyCacheThrashError);
    await expect(failure).rejects.toThrow(/cache TTL is too short/);
    expect(used).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps exactly its capacity and evicts the least recently loaded key first', async () => {
    const cache = new KeyCache({ maxEntries: 2, now: () => 0 });
    const loads: string[] = [];
    const use = (id: string) =>
      cache.use(
        id,
        async () => {
          loads.push(id);
          return randomBytes(32);
        },
        () => undefined,
      );

    await use('a');
    await use('b');
    await use('a');
    expect([cache.size, loads]).toEqual([2, ['a', 'b']]);
    await use('c');
    await use('b');
    await use('c');
    await use('a');

    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });
});

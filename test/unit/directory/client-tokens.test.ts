import type { ApiDeps } from '../../../lambdas/core/api/deps';
import { canonicalJson, withClientToken } from '../../../lambdas/core/directory/client-tokens';
import type { ClientTokenRecord, ClientTokenStore } from '../../../lambdas/core/directory/ports';

/** An in-memory ClientTokenStore. */
class MemoryTokens implements ClientTokenStore {
  readonly records = new Map<string, ClientTokenRecord & { expiresAt: number }>();
  async claim(action: string, token: string, fingerprint: string, expiresAt: number) {
    const earlier = this.records.get(`${action}#${token}`);
    if (earlier) return earlier.result === undefined ? { fingerprint: earlier.fingerprint } : earlier;
    this.records.set(`${action}#${token}`, { fingerprint, expiresAt });
    return undefined;
  }
  async complete(action: string, token: string, result: unknown) {
    const key = `${action}#${token}`;
    this.records.set(key, { ...this.records.get(key)!, result });
  }
  async release(action: string, token: string) {
    this.records.delete(`${action}#${token}`);
  }
}

function deps(tokens: ClientTokenStore): ApiDeps {
  return { clientTokens: tokens, clock: () => new Date('2026-01-01T00:00:00Z') } as unknown as ApiDeps;
}

describe('withClientToken', () => {
  it('runs every call that has no token', async () => {
    let runs = 0;
    const d = deps(new MemoryTokens());
    await withClientToken(d, 'A', {}, async () => ++runs);
    await withClientToken(d, 'A', {}, async () => ++runs);
    expect(runs).toBe(2);
  });

  it('runs once per token and returns the first result to a retry', async () => {
    let runs = 0;
    const tokens = new MemoryTokens();
    const first = await withClientToken(deps(tokens), 'A', { ClientToken: 't', X: 1 }, async () => ({
      n: ++runs,
    }));
    const again = await withClientToken(deps(tokens), 'A', { X: 1, ClientToken: 't' }, async () => ({
      n: ++runs,
    }));
    expect([first, again, runs]).toEqual([{ n: 1 }, { n: 1 }, 1]);
  });

  it('remembers the token for 24 hours', async () => {
    const tokens = new MemoryTokens();
    await withClientToken(deps(tokens), 'A', { ClientToken: 't' }, async () => 1);
    expect(tokens.records.get('A#t')?.expiresAt).toBe(Date.parse('2026-01-02T00:00:00Z') / 1000);
  });

  it('refuses the token with other parameters', async () => {
    const tokens = new MemoryTokens();
    await withClientToken(deps(tokens), 'A', { ClientToken: 't', X: 1 }, async () => 1);
    await expect(
      withClientToken(deps(tokens), 'A', { ClientToken: 't', X: 2 }, async () => 2),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('waits for a first call still running and returns its result', async () => {
    const tokens = new MemoryTokens();
    let finish: (value: string) => void = () => undefined;
    const first = withClientToken(
      deps(tokens),
      'A',
      { ClientToken: 't' },
      () => new Promise<string>((resolve) => (finish = resolve)),
    );
    const second = withClientToken(deps(tokens), 'A', { ClientToken: 't' }, async () => 'second run');
    setTimeout(() => finish('first run'), 120);
    await expect(Promise.all([first, second])).resolves.toEqual(['first run', 'first run']);
  });

  it('releases the token when the call fails', async () => {
    const tokens = new MemoryTokens();
    await expect(
      withClientToken(deps(tokens), 'A', { ClientToken: 't' }, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(tokens.records.size).toBe(0);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('gives the same text for the same members in any order', () => {
    const orders = [
      ['a', 'b', 'c', 'd'],
      ['d', 'c', 'b', 'a'],
      ['c', 'a', 'd', 'b'],
      ['b', 'd', 'a', 'c'],
    ];

    const texts = orders.map((keys) => canonicalJson(Object.fromEntries(keys.map((key) => [key, key]))));

    expect(new Set(texts)).toEqual(new Set(['{"a":"a","b":"b","c":"c","d":"d"}']));
  });
});

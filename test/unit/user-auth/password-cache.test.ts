import { PasswordCache } from '../../../lambdas/core/user-auth/password-cache';

const entry = { organizationId: 'm-1', userId: 'u-1', passwordHash: 'h' };

describe('PasswordCache', () => {
  let now: number;
  const cache = (ttlMs = 60_000, maxEntries = 10) => new PasswordCache({ ttlMs, maxEntries, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('keys entries by an HMAC that holds neither login nor password, and differs per process', () => {
    const one = cache();
    const key = one.keyOf(undefined, 'ana@example.com', 'Correct-horse1');

    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).toBe(one.keyOf(undefined, 'ana@example.com', 'Correct-horse1'));
    expect(key).not.toBe(cache().keyOf(undefined, 'ana@example.com', 'Correct-horse1'));
    expect(key).not.toBe(one.keyOf('m-1', 'ana@example.com', 'Correct-horse1'));
  });

  it('separates login and password, so the colon cannot shift between them', () => {
    const one = cache();

    expect(one.keyOf(undefined, 'a', 'b\0c')).not.toBe(one.keyOf(undefined, 'a\0b', 'c'));
  });

  it('forgets an entry at its lifetime, and never keeps one past 60 s', () => {
    const short = cache(1_000);
    const long = cache(3_600_000);
    short.set('k', entry);
    long.set('k', entry);

    now += 999;
    expect(short.get('k')).toEqual(entry);
    now += 1;
    expect(short.get('k')).toBeUndefined();
    now += 59_000;
    expect(long.get('k')).toBeUndefined();
  });

  it('drops the oldest entries beyond its size', () => {
    const small = cache(60_000, 2);
    small.set('a', entry);
    small.set('b', entry);
    small.set('c', entry);

    expect(small.get('a')).toBeUndefined();
    expect(small.get('b')).toEqual(entry);
    expect(small.get('c')).toEqual(entry);
  });

  it('holds nothing with a size or lifetime of 0', () => {
    const none = cache(60_000, 0);
    const instant = cache(0);
    none.set('a', entry);
    instant.set('a', entry);

    expect(none.get('a')).toBeUndefined();
    expect(instant.get('a')).toBeUndefined();
  });
});

import {
  DEFAULT_THROTTLE_POLICIES,
  retryAfterMs,
  type BackoffPolicy,
} from '../../../lambdas/core/user-auth/sign-in-throttle';
import { ANA_PASSWORD, BEN_PASSWORD, ELSEWHERE, HERE, signInWorld } from './sign-in-world';

const policy: BackoffPolicy = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  windowMs: 3_600_000,
};
const count = (failures: number, lastFailureAt = 0, expiresAt = 3_600_000) => ({
  failures,
  lastFailureAt,
  expiresAt,
});

describe('retryAfterMs', () => {
  it('asks for no wait before the free failures are used up', () => {
    expect(retryAfterMs(undefined, policy, 0)).toBe(0);
    expect(retryAfterMs(count(2), policy, 0)).toBe(0);
  });

  it('waits the base delay after the free failures, doubling with each further one up to the maximum', () => {
    expect(retryAfterMs(count(3), policy, 0)).toBe(1_000);
    expect(retryAfterMs(count(4), policy, 0)).toBe(2_000);
    expect(retryAfterMs(count(6), policy, 0)).toBe(8_000);
    expect(retryAfterMs(count(9), policy, 0)).toBe(60_000);
    expect(retryAfterMs(count(5_000), policy, 0)).toBe(60_000);
  });

  it('counts the wait from the last failure', () => {
    expect(retryAfterMs(count(4, 10_000), policy, 11_500)).toBe(500);
    expect(retryAfterMs(count(4, 10_000), policy, 12_000)).toBe(0);
  });

  it('ignores a count past its expiry', () => {
    expect(retryAfterMs(count(9, 0, 5_000), policy, 5_000)).toBe(0);
  });

  it('defaults to 5 free failures per login and source, 30 per source, at most 15 minutes', () => {
    expect(DEFAULT_THROTTLE_POLICIES.perLoginAndSource).toMatchObject({
      freeFailures: 5,
      maxDelayMs: 900_000,
    });
    expect(DEFAULT_THROTTLE_POLICIES.perSource).toMatchObject({ freeFailures: 30, maxDelayMs: 900_000 });
  });
});

describe('Sign-in backoff through UserAuthenticator', () => {
  const fail = async (
    signIn: ReturnType<typeof signInWorld>['signIn'],
    times: number,
    login: string,
    source = HERE,
  ) => {
    for (let i = 0; i < times; i += 1) await signIn(login, `Wrong-guess${i}`, source);
  };

  it('throttles a login at a source after 5 failures, without checking the password', async () => {
    const { signIn, verified } = signInWorld();
    await fail(signIn, 5, 'ana@example.com');

    const result = await signIn('ana@example.com', ANA_PASSWORD);

    expect(result).toEqual({ ok: false, reason: 'THROTTLED', retryAfterSeconds: 1 });
    expect(verified).toHaveLength(5);
  });

  it('still signs the user in from a source without recent failures (no lockout)', async () => {
    const { signIn } = signInWorld();
    await fail(signIn, 40, 'ana@example.com');

    await expect(signIn('ana@example.com', ANA_PASSWORD, ELSEWHERE)).resolves.toMatchObject({ ok: true });
  });

  it('lets the login try again at the source once the wait is over, and doubles the next wait', async () => {
    const { signIn, clock } = signInWorld();
    await fail(signIn, 5, 'ana@example.com');

    clock.now += 1_000;
    await fail(signIn, 1, 'ana@example.com');
    const second = await signIn('ana@example.com', ANA_PASSWORD);
    clock.now += 2_000;
    const third = await signIn('ana@example.com', ANA_PASSWORD);

    expect(second).toEqual({ ok: false, reason: 'THROTTLED', retryAfterSeconds: 2 });
    expect(third).toMatchObject({ ok: true });
  });

  it('does not count throttled attempts, so hammering does not prolong the wait', async () => {
    const { signIn, clock } = signInWorld();
    await fail(signIn, 5, 'ana@example.com');

    await fail(signIn, 100, 'ana@example.com');
    clock.now += 1_000;

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: true });
  });

  it('clears the login’s count at that source after a success', async () => {
    const { signIn } = signInWorld();
    await fail(signIn, 4, 'ana@example.com');
    await signIn('ana@example.com', ANA_PASSWORD);

    await fail(signIn, 4, 'ana@example.com');

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: true });
  });

  it('lets a burst of concurrent guesses have the free attempts and no more', async () => {
    const { signIn, verified } = signInWorld();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn('ana@example.com', `Wrong-guess${i}`)),
    );

    expect(verified).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'THROTTLED')).toHaveLength(15);
  });

  it('lets concurrent correct sign-ins within the free attempts all through, and counts none of them', async () => {
    const { signIn } = signInWorld({ passwordCacheTtlMs: 0 });

    const results = await Promise.all(
      Array.from({ length: 5 }, () => signIn('ana@example.com', ANA_PASSWORD)),
    );
    await fail(signIn, 4, 'ana@example.com');

    expect(results.every((r) => r.ok)).toBe(true);
    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: true });
  });

  it('throttles a source spraying passwords over many logins, for every login there', async () => {
    const { signIn } = signInWorld();
    for (let i = 0; i < 30; i += 1) await fail(signIn, 1, `user${i}@example.com`);

    const here = await signIn('ben@example.com', BEN_PASSWORD);
    const elsewhere = await signIn('ben@example.com', BEN_PASSWORD, ELSEWHERE);

    expect(here).toMatchObject({ ok: false, reason: 'THROTTLED' });
    expect(elsewhere).toMatchObject({ ok: true });
  });

  it('does not let a success with one’s own account reset the source’s count', async () => {
    const { signIn } = signInWorld();
    for (let i = 0; i < 15; i += 1) await fail(signIn, 1, `user${i}@example.com`);
    await signIn('ben@example.com', BEN_PASSWORD);
    for (let i = 15; i < 30; i += 1) await fail(signIn, 1, `user${i}@example.com`);

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ reason: 'THROTTLED' });
  });

  it('counts an IPv6 source by its /64', async () => {
    const { signIn } = signInWorld();
    for (let i = 0; i < 5; i += 1)
      await signIn('ana@example.com', `Wrong-guess${i}`, `2001:db8:1:2::${i + 1}`);

    const sameNetwork = await signIn('ana@example.com', ANA_PASSWORD, '2001:db8:1:2:ffff::9');
    const otherNetwork = await signIn('ana@example.com', ANA_PASSWORD, '2001:db8:1:3::1');

    expect(sameNetwork).toMatchObject({ reason: 'THROTTLED' });
    expect(otherNetwork).toMatchObject({ ok: true });
  });

  it('forgets failures an hour after the last one', async () => {
    const { signIn, clock } = signInWorld({
      throttle: { ...DEFAULT_THROTTLE_POLICIES, perLoginAndSource: { ...policy, maxDelayMs: 7_200_000 } },
    });
    await fail(signIn, 20, 'ana@example.com');

    clock.now += 3_600_000;

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: true });
  });
});

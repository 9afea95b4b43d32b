import type { SignInAttemptStore } from '../../lambdas/core/user-auth/ports';

/**
 * The SignInAttemptStore contract, run against every adapter.
 * @param create - a fresh, empty store per test
 */
export function signInAttemptStoreContract(name: string, create: () => Promise<SignInAttemptStore>): void {
  describe(`SignInAttemptStore contract: ${name}`, () => {
    let store: SignInAttemptStore;

    beforeEach(async () => {
      store = await create();
    });

    it('has no count for a key never tried', async () => {
      await expect(store.getFailures('L#never')).resolves.toBeUndefined();
    });

    it('counts attempts in advance, keeping the first time until a failure is marked', async () => {
      const first = await store.reserveAttempt('L#a', 1_000, 61_000);
      const second = await store.reserveAttempt('L#a', 2_000, 62_000);
      await store.markFailed('L#a', 2_500);

      expect(first).toEqual({ failures: 1, lastFailureAt: 1_000, expiresAt: 61_000 });
      expect(second).toEqual({ failures: 2, lastFailureAt: 1_000, expiresAt: 62_000 });
      await expect(store.getFailures('L#a')).resolves.toEqual({
        failures: 2,
        lastFailureAt: 2_500,
        expiresAt: 62_000,
      });
      await expect(store.getFailures('S#a')).resolves.toBeUndefined();
    });

    it('starts a count past its expiry again at 1, with the new time', async () => {
      await store.reserveAttempt('L#b', 1_000, 5_000);
      await store.reserveAttempt('L#b', 2_000, 5_000);

      const restarted = await store.reserveAttempt('L#b', 5_000, 65_000);

      expect(restarted).toEqual({ failures: 1, lastFailureAt: 5_000, expiresAt: 65_000 });
      await expect(store.getFailures('L#b')).resolves.toEqual(restarted);
    });

    it('gives concurrent attempts distinct counts, losing none', async () => {
      const counts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.reserveAttempt('S#c', 1_000 + i, 100_000)),
      );

      expect(counts.map((c) => c.failures).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await expect(store.getFailures('S#c')).resolves.toMatchObject({ failures: 10 });
    });

    it('takes an attempt back, never below zero, and ignores a key without a count', async () => {
      await store.reserveAttempt('S#d', 1_000, 61_000);
      await store.reserveAttempt('S#d', 1_000, 61_000);

      await store.releaseAttempt('S#d');
      const once = await store.getFailures('S#d');
      await store.releaseAttempt('S#d');
      await store.releaseAttempt('S#d');
      await store.releaseAttempt('S#never');
      await store.markFailed('S#never', 5);

      expect(once).toMatchObject({ failures: 1 });
      await expect(store.getFailures('S#d')).resolves.toMatchObject({ failures: 0 });
      await expect(store.getFailures('S#never')).resolves.toBeUndefined();
    });

    it('clears a count, and clearing an absent one is harmless', async () => {
      await store.reserveAttempt('L#e', 1_000, 61_000);

      await store.clearFailures('L#e');
      await store.clearFailures('L#never');

      await expect(store.getFailures('L#e')).resolves.toBeUndefined();
    });
  });
}

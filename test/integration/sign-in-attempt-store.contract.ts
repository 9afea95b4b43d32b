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

    it('has no count for a key never failed', async () => {
      await expect(store.getFailures('L#never')).resolves.toBeUndefined();
    });

    it('adds failures under a key and keeps the latest time and expiry', async () => {
      await store.recordFailure('L#a', 1_000, 61_000);
      const second = await store.recordFailure('L#a', 2_000, 62_000);

      expect(second).toEqual({ failures: 2, lastFailureAt: 2_000, expiresAt: 62_000 });
      await expect(store.getFailures('L#a')).resolves.toEqual(second);
      await expect(store.getFailures('S#a')).resolves.toBeUndefined();
    });

    it('starts a count past its expiry again at 1', async () => {
      await store.recordFailure('L#b', 1_000, 5_000);
      await store.recordFailure('L#b', 2_000, 6_000);

      const restarted = await store.recordFailure('L#b', 6_000, 66_000);

      expect(restarted).toEqual({ failures: 1, lastFailureAt: 6_000, expiresAt: 66_000 });
      await expect(store.getFailures('L#b')).resolves.toEqual(restarted);
    });

    it('counts concurrent failures without losing one', async () => {
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.recordFailure('S#c', 1_000 + i, 100_000)));

      await expect(store.getFailures('S#c')).resolves.toMatchObject({ failures: 10 });
    });

    it('clears a count, and clearing an absent one is harmless', async () => {
      await store.recordFailure('L#d', 1_000, 61_000);

      await store.clearFailures('L#d');
      await store.clearFailures('L#never');

      await expect(store.getFailures('L#d')).resolves.toBeUndefined();
    });
  });
}

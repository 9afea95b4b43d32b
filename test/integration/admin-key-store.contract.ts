import { AdminKeyExistsError } from '../../lambdas/core/auth/errors';
import type { AdminKeyStore } from '../../lambdas/core/auth/ports';
import type { AdminKey } from '../../lambdas/core/auth/types';

const key = (accessKeyId: string, overrides: Partial<AdminKey> = {}): AdminKey => ({
  accessKeyId,
  wrappedSecret: Buffer.from([1, 2, 3, 255]),
  organizations: '*',
  state: 'ACTIVE',
  createdAt: 1_800_000_000_000,
  ...overrides,
});

/**
 * The AdminKeyStore contract, run against every adapter.
 * @param create - a fresh, empty store per test
 */
export function adminKeyStoreContract(name: string, create: () => Promise<AdminKeyStore>): void {
  describe(`AdminKeyStore contract: ${name}`, () => {
    let store: AdminKeyStore;

    beforeEach(async () => {
      store = await create();
    });

    it('round-trips a key with its wrapped secret, scope, description and expiry', async () => {
      const stored = key('AKMWCONTRACT00000001', {
        organizations: ['m-00000000000000000000000000000001'],
        description: 'ci',
        expiresAt: 1_800_003_600_000,
      });

      await store.createKey(stored);

      const read = await store.getKey(stored.accessKeyId);
      expect({ ...read, wrappedSecret: Buffer.from(read!.wrappedSecret) }).toEqual({
        ...stored,
        wrappedSecret: Buffer.from(stored.wrappedSecret),
      });
    });

    it('refuses to create a key whose id exists', async () => {
      await store.createKey(key('AKMWCONTRACT00000002'));

      await expect(store.createKey(key('AKMWCONTRACT00000002'))).rejects.toThrow(AdminKeyExistsError);
    });

    it('replaces the secret of an active key, and of no revoked or unknown one', async () => {
      await store.createKey(key('AKMWCONTRACT00000003'));
      await store.createKey(key('AKMWCONTRACT00000006', { state: 'REVOKED', revokedAt: 5 }));

      await expect(store.replaceSecret('AKMWCONTRACT00000003', Buffer.from([9, 9]))).resolves.toBe(true);
      await expect(store.replaceSecret('AKMWCONTRACT00000006', Buffer.from([9, 9]))).resolves.toBe(false);
      await expect(store.replaceSecret('AKMWNOSUCHKEY0000000', Buffer.from([9, 9]))).resolves.toBe(false);

      expect(Buffer.from((await store.getKey('AKMWCONTRACT00000003'))!.wrappedSecret)).toEqual(
        Buffer.from([9, 9]),
      );
      expect(await store.getKey('AKMWCONTRACT00000006')).toMatchObject({ state: 'REVOKED', revokedAt: 5 });
      expect(Buffer.from((await store.getKey('AKMWCONTRACT00000006'))!.wrappedSecret)).toEqual(
        Buffer.from([1, 2, 3, 255]),
      );
      await expect(store.getKey('AKMWNOSUCHKEY0000000')).resolves.toBeUndefined();
    });

    it('returns undefined for an unknown key', async () => {
      await expect(store.getKey('AKMWNOSUCHKEY0000000')).resolves.toBeUndefined();
    });

    it('updates a scope and reports unknown keys', async () => {
      await store.createKey(key('AKMWCONTRACT00000004'));

      await expect(
        store.updateScope('AKMWCONTRACT00000004', ['m-00000000000000000000000000000002']),
      ).resolves.toBe(true);
      await expect(store.updateScope('AKMWNOSUCHKEY0000000', '*')).resolves.toBe(false);

      expect((await store.getKey('AKMWCONTRACT00000004'))?.organizations).toEqual([
        'm-00000000000000000000000000000002',
      ]);
      await store.updateScope('AKMWCONTRACT00000004', '*');
      expect((await store.getKey('AKMWCONTRACT00000004'))?.organizations).toBe('*');
    });

    it('revokes idempotently, keeping the first revocation time', async () => {
      await store.createKey(key('AKMWCONTRACT00000005'));

      await expect(store.revokeKey('AKMWCONTRACT00000005', 10)).resolves.toBe(true);
      await expect(store.revokeKey('AKMWCONTRACT00000005', 20)).resolves.toBe(true);
      await expect(store.revokeKey('AKMWNOSUCHKEY0000000', 20)).resolves.toBe(false);

      expect(await store.getKey('AKMWCONTRACT00000005')).toMatchObject({ state: 'REVOKED', revokedAt: 10 });
    });

    it('lists every key in pages', async () => {
      for (let i = 0; i < 5; i += 1) await store.createKey(key(`AKMWLIST000000000000`.slice(0, 19) + i));

      const seen: string[] = [];
      let cursor: Record<string, unknown> | undefined;
      let pages = 0;
      do {
        const page = await store.listKeys({ limit: 2, cursor });
        seen.push(...page.items.map((item) => item.accessKeyId));
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 10);

      expect(new Set(seen).size).toBe(5);
      expect(seen).toEqual([...seen].sort());
    });
  });
}

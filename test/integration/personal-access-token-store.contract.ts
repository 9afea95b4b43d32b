import { PersonalAccessTokenExistsError } from '../../lambdas/core/user-auth/errors';
import type { PersonalAccessTokenStore } from '../../lambdas/core/user-auth/ports';
import type { PersonalAccessToken } from '../../lambdas/core/user-auth/types';

const ORG = `m-${'1'.repeat(32)}`;
const OTHER_ORG = `m-${'2'.repeat(32)}`;
const ANA = 'aaaaaaaa-0000-4000-8000-000000000001';
const BEN = 'bbbbbbbb-0000-4000-8000-000000000002';
let sequence = 0;

const token = (overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken => {
  sequence += 1;
  return {
    tokenId: sequence.toString(16).padStart(32, '0'),
    organizationId: ORG,
    userId: ANA,
    name: `token ${sequence}`,
    scopes: ['mail', 'calendar'],
    tokenHash: 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    createdAt: 1_900_000_000_000 + sequence,
    expiresAt: 1_931_536_000_000,
    ...overrides,
  };
};

/**
 * The PersonalAccessTokenStore contract, run against every adapter.
 * @param create - a fresh, empty store per test
 */
export function personalAccessTokenStoreContract(
  name: string,
  create: () => Promise<PersonalAccessTokenStore>,
): void {
  describe(`PersonalAccessTokenStore contract: ${name}`, () => {
    let store: PersonalAccessTokenStore;

    beforeEach(async () => {
      store = await create();
    });

    it('round-trips a token by its id', async () => {
      const stored = token({ lastUsedAt: 1_900_000_100_000 });

      await store.createToken(stored);

      await expect(store.getToken(stored.tokenId)).resolves.toEqual(stored);
      await expect(store.getToken('f'.repeat(32))).resolves.toBeUndefined();
    });

    it('refuses a second token with the same id', async () => {
      const first = token();
      await store.createToken(first);

      await expect(store.createToken({ ...first, name: 'again' })).rejects.toThrow(
        PersonalAccessTokenExistsError,
      );
      await expect(store.getToken(first.tokenId)).resolves.toMatchObject({ name: first.name });
    });

    it('lists an organization’s tokens by user and creation time, page by page, and no one else’s', async () => {
      const [benOld, anaNew, anaOld] = [
        token({ userId: BEN, createdAt: 1 }),
        token({ createdAt: 3 }),
        token({ createdAt: 2 }),
      ];
      for (const t of [benOld, anaNew, anaOld, token({ organizationId: OTHER_ORG })])
        await store.createToken(t);

      const ids: string[] = [];
      let cursor: Record<string, unknown> | undefined;
      let pages = 0;
      do {
        const page = await store.listTokens(ORG, undefined, { limit: 2, cursor });
        ids.push(...page.items.map((t) => t.tokenId));
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 5);

      expect(ids).toEqual([anaOld.tokenId, anaNew.tokenId, benOld.tokenId]);
    });

    it('lists one user’s tokens only', async () => {
      const anas = token();
      await store.createToken(anas);
      await store.createToken(token({ userId: BEN }));

      const page = await store.listTokens(ORG, ANA, { limit: 10 });

      expect(page.items).toEqual([anas]);
      expect(page.cursor).toBeUndefined();
    });

    it('records a use only when none is recorded since the given time, and never revives a deleted token', async () => {
      const t = token();
      await store.createToken(t);

      await store.recordUse(t.tokenId, 1_000, 0);
      await store.recordUse(t.tokenId, 2_000, 999);
      const kept = await store.getToken(t.tokenId);
      await store.recordUse(t.tokenId, 3_000, 1_000);
      const moved = await store.getToken(t.tokenId);
      await store.recordUse('e'.repeat(32), 4_000, 0);

      expect(kept?.lastUsedAt).toBe(1_000);
      expect(moved?.lastUsedAt).toBe(3_000);
      await expect(store.getToken('e'.repeat(32))).resolves.toBeUndefined();
    });

    it('deletes a token only for its organization, and only for its user when one is named', async () => {
      const t = token();
      await store.createToken(t);

      const byOtherOrg = await store.deleteToken(t.tokenId, { organizationId: OTHER_ORG });
      const byOtherUser = await store.deleteToken(t.tokenId, { organizationId: ORG, userId: BEN });
      const stillThere = await store.getToken(t.tokenId);
      const byOwner = await store.deleteToken(t.tokenId, { organizationId: ORG, userId: ANA });
      const again = await store.deleteToken(t.tokenId, { organizationId: ORG });

      expect([byOtherOrg, byOtherUser, byOwner, again]).toEqual([false, false, true, false]);
      expect(stillThere).toEqual(t);
      await expect(store.getToken(t.tokenId)).resolves.toBeUndefined();
    });

    it('deletes every token of a user, beyond one page, and no one else’s', async () => {
      const anas = Array.from({ length: 120 }, () => token());
      const bens = token({ userId: BEN });
      const sameIdElsewhere = token({ organizationId: OTHER_ORG });
      await Promise.all([...anas, bens, sameIdElsewhere].map((t) => store.createToken(t)));

      await store.deleteUserTokens(ORG, ANA);

      await expect(store.listTokens(ORG, ANA, { limit: 100 })).resolves.toEqual({ items: [] });
      await expect(store.getToken(anas[0]!.tokenId)).resolves.toBeUndefined();
      await expect(store.getToken(bens.tokenId)).resolves.toEqual(bens);
      await expect(store.getToken(sameIdElsewhere.tokenId)).resolves.toEqual(sameIdElsewhere);
    });
  });
}

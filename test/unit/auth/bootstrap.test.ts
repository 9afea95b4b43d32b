import { openKey } from '../../../lambdas/core/auth/admin-keys';
import { AdminKeys } from '../../../lambdas/core/auth/admin-keys';
import { bootstrapAdminKey, type BootstrapResult } from '../../../lambdas/core/auth/bootstrap';
import { InvalidAdminCredentialsError } from '../../../lambdas/core/auth/errors';
import { MemoryAdminKeyStore, TestKeyWrapper } from './doubles';

const ID = 'AKMWBOOTSTRAP0000001';
const SECRET = 'a'.repeat(20) + 'B/+9'.repeat(5);
const OTHER_SECRET = 'z'.repeat(40);
const ORG = 'm-00000000000000000000000000000001';

/** The secret of a result that has one (fails the test for `revoked`). */
function secretOf(result: BootstrapResult): string {
  if (result.outcome === 'revoked') throw new Error('expected an active bootstrap key');
  return result.secret;
}

describe('bootstrapAdminKey', () => {
  let store: MemoryAdminKeyStore;
  let wrapper: TestKeyWrapper;

  beforeEach(() => {
    store = new MemoryAdminKeyStore();
    wrapper = new TestKeyWrapper();
  });

  it('generates an unscoped key when nothing is configured', async () => {
    const result = await bootstrapAdminKey(store, wrapper);

    expect(result.outcome).toBe('created');
    const stored = store.keys.get(result.accessKeyId)!;
    expect(stored).toMatchObject({ organizations: '*', state: 'ACTIVE' });
    await expect(openKey(wrapper, stored)).resolves.toMatchObject({ secret: secretOf(result) });
  });

  it('creates the configured key and then leaves it unchanged', async () => {
    const first = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const second = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(first).toEqual({ accessKeyId: ID, secret: SECRET, organizations: '*', outcome: 'created' });
    expect(second).toEqual({ accessKeyId: ID, secret: SECRET, organizations: '*', outcome: 'unchanged' });
    expect(store.keys.size).toBe(1);
  });

  it('reuses the stored secret when only the id is given', async () => {
    const created = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    const again = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    expect(again).toEqual({
      accessKeyId: ID,
      secret: secretOf(created),
      organizations: '*',
      outcome: 'unchanged',
    });
  });

  it('replaces the secret when the configured one changed', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(result.outcome).toBe('updated');
    await expect(openKey(wrapper, store.keys.get(ID)!)).resolves.toMatchObject({ secret: SECRET });
  });

  it.each([
    ['the same secret', SECRET],
    ['another secret', OTHER_SECRET],
    ['no secret', undefined],
  ])('leaves a revoked bootstrap key revoked at the next start with %s', async (_case, secret) => {
    // Prepare
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const keys = new AdminKeys(store, wrapper);
    await keys.revoke(ID);
    // Act
    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret });
    // Assess
    expect(result).toEqual({ outcome: 'revoked', accessKeyId: ID });
    expect(store.keys.get(ID)).toMatchObject({ state: 'REVOKED', revokedAt: expect.any(Number) });
    await expect(new AdminKeys(store, wrapper).resolve(ID)).resolves.toBeUndefined();
  });

  it('keeps the scope an admin gave the bootstrap key, also when its secret is replaced', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    await store.updateScope(ID, [ORG]);

    const unchanged = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const updated = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: OTHER_SECRET });

    expect(unchanged).toMatchObject({ outcome: 'unchanged', organizations: [ORG] });
    expect(updated).toMatchObject({ outcome: 'updated', organizations: [ORG] });
    expect(store.keys.get(ID)).toMatchObject({ organizations: [ORG], state: 'ACTIVE' });
  });

  it('does not revive a key revoked between reading it and replacing its secret', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const active = store.keys.get(ID)!;
    await store.revokeKey(ID, 1);
    store.getKey = async () => active;

    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: OTHER_SECRET });

    expect(result).toEqual({ outcome: 'revoked', accessKeyId: ID });
    expect(store.keys.get(ID)).toMatchObject({ state: 'REVOKED' });
    await expect(openKey(wrapper, store.keys.get(ID)!)).resolves.toMatchObject({ secret: SECRET });
  });

  it('reuses the key a concurrent start created between its read and its write', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const stored = store.keys.get(ID)!;
    let reads = 0;
    store.getKey = async () => (++reads === 1 ? undefined : stored);

    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(result).toEqual({ outcome: 'unchanged', accessKeyId: ID, secret: SECRET, organizations: '*' });
  });

  it('refuses a malformed access key id', async () => {
    const attempt = bootstrapAdminKey(store, wrapper, { accessKeyId: 'AKIAEXAMPLE' });

    await expect(attempt).rejects.toThrow(InvalidAdminCredentialsError);
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidAdminCredentialsError' });
  });

  it('describes the key it creates as the bootstrap key', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(store.keys.get(ID)).toMatchObject({ description: 'bootstrap' });
  });

  it('does not try to create a configured key that already exists', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    let creates = 0;
    store.createKey = async () => void (creates += 1);

    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(creates).toBe(0);
  });

  it('lets a store failure while creating the key propagate', async () => {
    store.createKey = async () => Promise.reject(new Error('throttled'));

    await expect(bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET })).rejects.toThrow(
      'throttled',
    );
  });

  it('refuses a malformed secret without echoing it', async () => {
    const attempt = bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: 'too-short-secret' });

    await expect(attempt).rejects.toThrow(InvalidAdminCredentialsError);
    await expect(attempt).rejects.not.toThrow(/too-short-secret/);
  });
});

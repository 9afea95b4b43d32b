import { openKey } from '../../../lambdas/core/auth/admin-keys';
import { bootstrapAdminKey } from '../../../lambdas/core/auth/bootstrap';
import { InvalidAdminCredentialsError } from '../../../lambdas/core/auth/errors';
import { MemoryAdminKeyStore, TestKeyWrapper } from './doubles';

const ID = 'AKMWBOOTSTRAP0000001';
const SECRET = 'a'.repeat(20) + 'B/+9'.repeat(5);

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
    await expect(openKey(wrapper, stored)).resolves.toMatchObject({ secret: result.secret });
  });

  it('creates the configured key and then leaves it unchanged', async () => {
    const first = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    const second = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(first).toEqual({ accessKeyId: ID, secret: SECRET, outcome: 'created' });
    expect(second).toEqual({ accessKeyId: ID, secret: SECRET, outcome: 'unchanged' });
    expect(store.keys.size).toBe(1);
  });

  it('reuses the stored secret when only the id is given', async () => {
    const created = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    const again = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    expect(again).toEqual({ accessKeyId: ID, secret: created.secret, outcome: 'unchanged' });
  });

  it('replaces the secret when the configured one changed', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID });

    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(result.outcome).toBe('updated');
    await expect(openKey(wrapper, store.keys.get(ID)!)).resolves.toMatchObject({ secret: SECRET });
  });

  it('re-activates and unscopes a bootstrap key that was revoked or limited', async () => {
    await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });
    await store.revokeKey(ID, 1);
    await store.updateScope(ID, ['m-00000000000000000000000000000001']);

    const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: SECRET });

    expect(result.outcome).toBe('updated');
    expect(store.keys.get(ID)).toMatchObject({ state: 'ACTIVE', organizations: '*' });
    expect(store.keys.get(ID)!.revokedAt).toBeUndefined();
  });

  it('refuses a malformed access key id', async () => {
    await expect(bootstrapAdminKey(store, wrapper, { accessKeyId: 'AKIAEXAMPLE' })).rejects.toThrow(
      InvalidAdminCredentialsError,
    );
  });

  it('refuses a malformed secret without echoing it', async () => {
    const attempt = bootstrapAdminKey(store, wrapper, { accessKeyId: ID, secret: 'too-short-secret' });

    await expect(attempt).rejects.toThrow(InvalidAdminCredentialsError);
    await expect(attempt).rejects.not.toThrow(/too-short-secret/);
  });
});

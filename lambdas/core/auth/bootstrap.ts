import type { KeyWrapper } from '../crypto/ports';
import { assertCredentialFormat, generateAccessKeyId, generateSecret } from './access-keys';
import { openKey, sealKey } from './admin-keys';
import { AdminKeyExistsError } from './errors';
import type { AdminKeyStore } from './ports';
import type { AdminKey, AdminKeyScope } from './types';

/** Credentials the operator configured for the bootstrap key; whatever is missing is generated or reused. */
export interface BootstrapCredentials {
  readonly accessKeyId?: string;
  readonly secret?: string;
}

/**
 * The bootstrap key's credentials and what {@link bootstrapAdminKey} had to do: `created` (new key), `updated`
 * (secret replaced by the configured one), `unchanged` (reused as is), or `revoked`: the key was revoked through the
 * API and stays revoked, so there is no secret to use; only new credentials (another access key id) make a new one.
 */
export type BootstrapResult =
  | {
      readonly outcome: 'created' | 'updated' | 'unchanged';
      readonly accessKeyId: string;
      readonly secret: string;
      /** `'*'` unless an admin scoped the key through the API (which this respects). */
      readonly organizations: AdminKeyScope;
    }
  | { readonly outcome: 'revoked'; readonly accessKeyId: string };

/**
 * Makes sure the bootstrap admin key exists with the configured credentials, idempotently, without undoing what
 * admins did to it through the API: a revoked key is never revived and a scoped one is not widened.
 *
 * 1. Check the configured id and secret formats.
 * 2. No key with the id (or no id: a generated one): create it, unscoped, with the given (or a new) secret.
 * 3. A revoked key: leave it revoked (`revoked`).
 * 4. An active key: keep its secret when none is configured or it matches (`unchanged`), else replace the secret
 *    while the key is still active (`updated`; `revoked` if it was revoked meanwhile). Its scope stays as is.
 * @param store - where admin keys live
 * @param wrapper - encrypts the secret
 * @example
 * const result = await bootstrapAdminKey(store, wrapper, { accessKeyId: process.env.MAILWRIGHT_ADMIN_KEY_ID });
 * if (result.outcome === 'revoked') console.warn(`${result.accessKeyId} is revoked: configure new credentials`);
 */
export async function bootstrapAdminKey(
  store: AdminKeyStore,
  wrapper: KeyWrapper,
  credentials: BootstrapCredentials = {},
  now: () => number = Date.now,
): Promise<BootstrapResult> {
  assertCredentialFormat(credentials.accessKeyId, credentials.secret);
  const accessKeyId = credentials.accessKeyId ?? generateAccessKeyId();
  const existing = credentials.accessKeyId ? await store.getKey(accessKeyId) : undefined;
  if (existing) return reuse(store, wrapper, existing, credentials.secret);
  const secret = credentials.secret ?? generateSecret();
  try {
    await store.createKey(await sealKey(wrapper, accessKeyId, secret, '*', now(), 'bootstrap'));
  } catch (error) {
    // Another process started with the same credentials at the same time: its key is the one to reuse.
    const concurrent = error instanceof AdminKeyExistsError ? await store.getKey(accessKeyId) : undefined;
    if (!concurrent) throw error;
    return reuse(store, wrapper, concurrent, credentials.secret);
  }
  return { outcome: 'created', accessKeyId, secret, organizations: '*' };
}

async function reuse(
  store: AdminKeyStore,
  wrapper: KeyWrapper,
  existing: AdminKey,
  configuredSecret: string | undefined,
): Promise<BootstrapResult> {
  const { accessKeyId, organizations } = existing;
  if (existing.state === 'REVOKED') return { outcome: 'revoked', accessKeyId };
  const { secret } = await openKey(wrapper, existing);
  if (configuredSecret === undefined || configuredSecret === secret) {
    return { outcome: 'unchanged', accessKeyId, secret, organizations };
  }
  const sealed = await sealKey(wrapper, accessKeyId, configuredSecret, organizations, existing.createdAt);
  if (!(await store.replaceSecret(accessKeyId, sealed.wrappedSecret)))
    return { outcome: 'revoked', accessKeyId };
  return { outcome: 'updated', accessKeyId, secret: configuredSecret, organizations };
}

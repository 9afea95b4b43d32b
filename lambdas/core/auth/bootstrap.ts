import type { KeyWrapper } from '../crypto/ports';
import { assertCredentialFormat, generateAccessKeyId, generateSecret } from './access-keys';
import { openKey, sealKey } from './admin-keys';
import type { AdminKeyStore } from './ports';

/** Credentials the operator configured for the bootstrap key; whatever is missing is generated or reused. */
export interface BootstrapCredentials {
  readonly accessKeyId?: string;
  readonly secret?: string;
}

/** The bootstrap key's credentials and what {@link bootstrapAdminKey} had to do. */
export interface BootstrapResult {
  readonly accessKeyId: string;
  readonly secret: string;
  /** `created`: new key; `updated`: secret replaced or key re-activated and unscoped; `unchanged`: reused as is. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Makes sure an unscoped, active admin key exists with the given credentials, idempotently.
 *
 * 1. Check the configured id and secret formats.
 * 2. No id: generate an id and secret, and create the key.
 * 3. An id whose key exists, is active and unscoped, and whose secret matches (or none was given): reuse it.
 * 4. Otherwise store the key with the given (or a new) secret, unscoped and active.
 * @param store - where admin keys live
 * @param wrapper - encrypts the secret
 * @example
 * const { accessKeyId, secret } = await bootstrapAdminKey(store, wrapper, { accessKeyId: process.env.MAILWRIGHT_ADMIN_KEY_ID });
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
  if (existing && existing.state === 'ACTIVE' && existing.organizations === '*') {
    const { secret } = await openKey(wrapper, existing);
    if (credentials.secret === undefined || credentials.secret === secret) {
      return { accessKeyId, secret, outcome: 'unchanged' };
    }
  }
  const secret = credentials.secret ?? generateSecret();
  await store.putKey(
    await sealKey(wrapper, accessKeyId, secret, '*', existing?.createdAt ?? now(), 'bootstrap'),
  );
  return { accessKeyId, secret, outcome: existing ? 'updated' : 'created' };
}

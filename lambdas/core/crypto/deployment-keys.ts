import { hkdfSync } from 'node:crypto';
import { KEY_BYTES, generateKey } from './envelope';
import { UnsupportedCiphertextError } from './errors';
import type { KeyWrapper } from './ports';

/**
 * Where deployment-wide keys are kept, only ever KMS-wrapped (Directory table, `DEPLOYMENT#KEYS` / `KEY#<name>`).
 * A key is created once and never replaced, so every process of the deployment unwraps the same key.
 */
export interface DeploymentKeyStore {
  /** The wrapped key stored under `name` (strongly consistent read), or `undefined`. */
  getWrappedKey(name: string): Promise<Uint8Array | undefined>;
  /** Stores `wrappedKey` under `name` unless a key exists; `false` when another writer stored one first. */
  createWrappedKey(name: string, wrappedKey: Uint8Array): Promise<boolean>;
}

/** Encryption-context key naming the deployment key a KMS ciphertext belongs to. */
export const DEPLOYMENT_KEY_CONTEXT_KEY = 'mailwright:purpose';

/** Name of the deployment key that seals the inbound delivery ledger. */
export const DELIVERY_LEDGER_KEY_NAME = 'delivery-ledger';

const NAME_PATTERN = /^[a-z0-9-]{1,64}$/;

/** A deployment key could not be loaded: its name is invalid, or the store lost a key it reported as created. */
export class DeploymentKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeploymentKeyError';
  }
}

/**
 * The KMS encryption context of a deployment key: a wrapped key copied to another name fails to unwrap.
 * @param name - the deployment key's name (`[a-z0-9-]{1,64}`)
 * @example
 * deploymentKeyContext('delivery-ledger'); // { 'mailwright:purpose': 'delivery-ledger' }
 */
export function deploymentKeyContext(name: string): Record<string, string> {
  return { [DEPLOYMENT_KEY_CONTEXT_KEY]: name };
}

/**
 * Loads a deployment-wide 256-bit key, creating it on first use.
 * Primary course: 1. read the wrapped key; 2. when there is none, generate a key, wrap it under the deployment's
 * default KMS key and store it with a conditional put; 3. when another process stored one first, read and use the
 * winner's; 4. unwrap it with the context {@link deploymentKeyContext}. Infrastructure and KMS errors propagate.
 * @param store - where the wrapped key is kept
 * @param wrapper - KMS Encrypt/Decrypt (the master-key file locally)
 * @param name - the key's name (`[a-z0-9-]{1,64}`), part of its storage key and of its encryption context
 * @throws DeploymentKeyError when the name is invalid
 * @throws UnsupportedCiphertextError when the unwrapped key is not 32 bytes
 * @example
 * const ledgerKey = await loadDeploymentKey(store, keyWrapper, DELIVERY_LEDGER_KEY_NAME);
 */
export async function loadDeploymentKey(
  store: DeploymentKeyStore,
  wrapper: KeyWrapper,
  name: string,
): Promise<Uint8Array> {
  if (!NAME_PATTERN.test(name))
    throw new DeploymentKeyError(
      `A deployment key name matches [a-z0-9-]{1,64}, got ${JSON.stringify(name)}.`,
    );
  const context = deploymentKeyContext(name);
  let wrapped = await store.getWrappedKey(name);
  if (wrapped === undefined) {
    const key = generateKey();
    const candidate = await wrapper.wrap(undefined, key, context);
    if (await store.createWrappedKey(name, candidate)) return key;
    key.fill(0);
    wrapped = await store.getWrappedKey(name);
    if (wrapped === undefined)
      throw new DeploymentKeyError(`Deployment key ${name} was created elsewhere but cannot be read back.`);
  }
  const key = await wrapper.unwrap(wrapped, context);
  if (key.length !== KEY_BYTES)
    throw new UnsupportedCiphertextError(
      `Deployment key ${name} has ${key.length} bytes, expected ${KEY_BYTES}.`,
    );
  return key;
}

/**
 * Memoizes {@link loadDeploymentKey}: the key is unwrapped once per process and kept in memory. A failed load is
 * not remembered, so the next call tries again (for module-scope wiring, where no `await` is possible).
 * @example
 * const ledgerKey = deploymentKeyLoader(store, keyWrapper, DELIVERY_LEDGER_KEY_NAME);
 * const key = await ledgerKey();
 */
export function deploymentKeyLoader(
  store: DeploymentKeyStore,
  wrapper: KeyWrapper,
  name: string,
): () => Promise<Uint8Array> {
  let loading: Promise<Uint8Array> | undefined;
  return () => {
    loading ??= loadDeploymentKey(store, wrapper, name).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/**
 * Derives an independent 256-bit subkey of a deployment key for one purpose (HKDF-SHA256), so one stored key can
 * serve several purposes (sealing, blind indexes) without reusing key material across them.
 * @param key - the deployment key
 * @param purpose - what the subkey is for, e.g. `delivery-ledger/seal`
 * @example
 * const sealKey = deriveDeploymentSubkey(ledgerKey, 'delivery-ledger/seal');
 */
export function deriveDeploymentSubkey(key: Uint8Array, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), `mailwright/deployment/${purpose}/v1`, KEY_BYTES),
  );
}

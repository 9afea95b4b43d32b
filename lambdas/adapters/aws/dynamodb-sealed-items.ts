import { FieldSealer } from '../../core/crypto/field-sealer';

/**
 * A {@link FieldSealer} for one purpose over a deployment key that may be loaded on first use (the cloud loads it
 * through KMS once per container).
 * @param sealKey - the 256-bit deployment key, or its loader
 * @param purpose - the sealer's purpose (subkeys are derived from it)
 * @example
 * const sealer = sealerOf(ledgerKey, 'email-submission');
 */
export function sealerOf(
  sealKey: Uint8Array | (() => Promise<Uint8Array>),
  purpose: string,
): () => Promise<FieldSealer> {
  if (typeof sealKey !== 'function') {
    const sealer = new FieldSealer(sealKey, purpose);
    return async () => sealer;
  }
  let loading: Promise<FieldSealer> | undefined;
  return () => {
    loading ??= sealKey().then(
      (key) => new FieldSealer(key, purpose),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}

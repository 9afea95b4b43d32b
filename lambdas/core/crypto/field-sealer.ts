import { createHmac } from 'node:crypto';
import { deriveDeploymentSubkey } from './deployment-keys';
import { KEY_BYTES, encodeAad, openGcm, sealGcm } from './envelope';
import { DecryptionFailedError, UnsupportedCiphertextError } from './errors';

/** First byte of every sealed field (format version 1: AES-256-GCM, random 96-bit nonce). */
const SEALED_FIELD_FORMAT = 0x01;

/**
 * Seals small text fields of stored items under a deployment key: AES-256-GCM with a random nonce, AAD = the
 * purpose plus the caller's binding (typically the item's partition key, sort key and attribute name), so a sealed
 * value copied to another item or attribute fails to open. Also computes blind indexes (HMAC-SHA256) for values
 * that must appear in keys. Seal and index keys are independent HKDF subkeys of the deployment key.
 * Sealed form: base64 of `0x01 ‖ nonce(12) ‖ ciphertext ‖ tag(16)`.
 * @example
 * const sealer = new FieldSealer(ledgerKey, 'delivery-ledger');
 * const sealed = sealer.seal('a@example.com', ['INBOUND#m-1', 'TARGET#DSN', 'recipient']);
 */
export class FieldSealer {
  private readonly sealKey: Buffer;
  private readonly indexKey: Buffer;

  /**
   * @param key - the 256-bit deployment key
   * @param purpose - names the use (`[a-z0-9-/]`); sealers of different purposes cannot open each other's fields
   */
  constructor(
    key: Uint8Array,
    private readonly purpose: string,
  ) {
    if (key.length !== KEY_BYTES)
      throw new UnsupportedCiphertextError(
        `A field sealer needs a ${KEY_BYTES}-byte key, got ${key.length}.`,
      );
    this.sealKey = deriveDeploymentSubkey(key, `${purpose}/seal`);
    this.indexKey = deriveDeploymentSubkey(key, `${purpose}/index`);
  }

  /** Encrypts `value` bound to `binding`; returns the sealed form (base64). */
  seal(value: string, binding: readonly string[]): string {
    const sealed = sealGcm(this.sealKey, Buffer.from(value), this.aad(binding));
    return Buffer.concat([Buffer.of(SEALED_FIELD_FORMAT), sealed]).toString('base64');
  }

  /**
   * Opens what {@link FieldSealer.seal} produced for the same binding.
   * @throws DecryptionFailedError when the value was tampered with, sealed for another binding or under another key
   * @throws UnsupportedCiphertextError when the value is not a sealed field (e.g. plaintext)
   */
  open(sealed: string, binding: readonly string[]): string {
    const bytes = Buffer.from(sealed, 'base64');
    if (bytes[0] !== SEALED_FIELD_FORMAT || bytes.toString('base64') !== sealed)
      throw new UnsupportedCiphertextError(`The ${binding.at(-1) ?? 'field'} value is not a sealed field.`);
    try {
      return openGcm(this.sealKey, bytes.subarray(1), this.aad(binding)).toString('utf8');
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: openGcm throws nothing else; this guards future changes
      if (!(error instanceof DecryptionFailedError)) throw error;
      throw new DecryptionFailedError(
        `The sealed ${binding.at(-1) ?? 'field'} could not be authenticated for this item: it was tampered with, ` +
          'copied from another item, or sealed under another key.',
        { cause: error },
      );
    }
  }

  /** A keyed, deterministic stand-in for `value` in keys (hex HMAC-SHA256); equal values give equal indexes. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('hex');
  }

  private aad(binding: readonly string[]): Buffer {
    return encodeAad(['mailwright/sealed-field', SEALED_FIELD_FORMAT, this.purpose, ...binding]);
  }
}

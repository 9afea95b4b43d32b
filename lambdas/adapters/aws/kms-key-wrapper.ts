import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyWrapper } from '../../core/crypto/ports';

/** Raised when KMS answers without the ciphertext or plaintext it should return. */
export class KmsResponseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KmsResponseError';
  }
}

/**
 * KeyWrapper on AWS KMS: `Encrypt` / `Decrypt` with the encryption context (as WorkMail does for mailbox keys).
 * KMS failures (DisabledException, KMSInvalidStateException, AccessDeniedException, …) propagate untouched, so
 * callers fail explicitly and never fall back to plaintext.
 * @example
 * const wrapper = new KmsKeyWrapper(new KMSClient({}), 'arn:aws:kms:eu-west-1:111122223333:key/…');
 */
export class KmsKeyWrapper implements KeyWrapper {
  /**
   * @param kms - the KMS client (built once in wiring)
   * @param defaultKeyArn - the deployment's default key, used when an organization has no key of its own
   */
  constructor(
    private readonly kms: KMSClient,
    private readonly defaultKeyArn: string,
  ) {}

  async wrap(
    keyId: string | undefined,
    plaintext: Uint8Array,
    context: Readonly<Record<string, string>>,
  ): Promise<Uint8Array> {
    const output = await this.kms.send(
      new EncryptCommand({
        KeyId: keyId ?? this.defaultKeyArn,
        Plaintext: plaintext,
        EncryptionContext: { ...context },
      }),
    );
    if (!output.CiphertextBlob) throw new KmsResponseError('KMS Encrypt returned no CiphertextBlob.');
    return output.CiphertextBlob;
  }

  async unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array> {
    const output = await this.kms.send(
      new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: { ...context } }),
    );
    if (!output.Plaintext) throw new KmsResponseError('KMS Decrypt returned no Plaintext.');
    return output.Plaintext;
  }
}

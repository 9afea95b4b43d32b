/** Key-encryption for small secrets (mailbox keys, admin secrets): KMS Encrypt/Decrypt in the cloud. */
export interface KeyWrapper {
  /**
   * Encrypts `plaintext` (at most 4 KB) under a key-encryption key, bound to `context` (the KMS encryption context).
   * @param keyId - the KMS key (ARN or alias); `undefined` for the deployment's default key
   */
  wrap(
    keyId: string | undefined,
    plaintext: Uint8Array,
    context: Readonly<Record<string, string>>,
  ): Promise<Uint8Array>;
  /** Decrypts what {@link KeyWrapper.wrap} produced; fails when `context` differs. */
  unwrap(ciphertext: Uint8Array, context: Readonly<Record<string, string>>): Promise<Uint8Array>;
}

/** Errors of the envelope-encryption layer. None of them carries key material or plaintext. */

/** A ciphertext failed authentication: tampered, truncated, reordered, moved to another identity, or wrong key. */
export class DecryptionFailedError extends Error {
  constructor(message = 'The ciphertext could not be authenticated.', options?: ErrorOptions) {
    super(message, options);
    this.name = 'DecryptionFailedError';
  }
}

/** A ciphertext is not in a format (magic, version, lengths) this code can read. */
export class UnsupportedCiphertextError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnsupportedCiphertextError';
  }
}

/** The wrapped mailbox key of a version is gone (mailbox destroyed: crypto-shredded) or never existed. */
export class MailboxKeyNotFoundError extends Error {
  readonly organizationId: string;
  readonly mailboxId: string;
  readonly keyVersion: number;
  constructor(organizationId: string, mailboxId: string, keyVersion: number, options?: ErrorOptions) {
    super(`Mailbox key version ${keyVersion} of mailbox ${mailboxId} does not exist.`, options);
    this.name = 'MailboxKeyNotFoundError';
    this.organizationId = organizationId;
    this.mailboxId = mailboxId;
    this.keyVersion = keyVersion;
  }
}

/** A cached key expired or was evicted again and again while it was being loaded (TTL far too short). */
export class KeyCacheThrashError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KeyCacheThrashError';
  }
}

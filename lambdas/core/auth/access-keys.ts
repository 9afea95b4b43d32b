import { randomBytes, randomInt } from 'node:crypto';
import { InvalidAdminCredentialsError } from './errors';

/** Admin access key ids: `AKMW` and 16 upper-case letters or digits (AWS keys start `AKIA`). */
export const ACCESS_KEY_ID_PATTERN = /^AKMW[A-Z0-9]{16}$/;
/** Admin secrets: 40 characters of the base64 alphabet, like AWS secret access keys. */
export const SECRET_PATTERN = /^[A-Za-z0-9+/]{40}$/;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Generates a new access key id. */
export function generateAccessKeyId(): string {
  let id = 'AKMW';
  for (let i = 0; i < 16; i += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** Generates a new 40-character secret (240 random bits). */
export function generateSecret(): string {
  return randomBytes(30).toString('base64');
}

/**
 * Checks configured credentials before they are stored.
 * @throws InvalidAdminCredentialsError naming the value that is wrong (never echoing a secret)
 */
export function assertCredentialFormat(accessKeyId: string | undefined, secret: string | undefined): void {
  if (accessKeyId !== undefined && !ACCESS_KEY_ID_PATTERN.test(accessKeyId)) {
    throw new InvalidAdminCredentialsError(
      `Admin access key id '${accessKeyId}' must be AKMW followed by 16 upper-case letters or digits`,
    );
  }
  if (secret !== undefined && !SECRET_PATTERN.test(secret)) {
    throw new InvalidAdminCredentialsError('Admin secret must be 40 characters of A-Z, a-z, 0-9, + and /');
  }
}

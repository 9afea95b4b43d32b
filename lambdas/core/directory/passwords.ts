import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { InvalidPasswordException } from '../api/errors';

/**
 * Directory passwords (directory-and-mailboxes.md §3.6): the WorkMail directory policy, and slow salted hashes.
 * Passwords are never stored or logged; only `hashPassword`'s output is kept.
 */

/** scrypt cost parameters of new hashes (≈ 64 MiB, ~100 ms); stored in each hash so they can be raised later. */
export const PASSWORD_HASH_PARAMETERS = { N: 2 ** 16, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

const MIN_LENGTH = 8;
const MAX_LENGTH = 63;
const REQUIRED_CLASSES = 3;

/** The character classes of the policy; a password needs at least three of them. */
export type PasswordClass = 'upper' | 'lower' | 'digit' | 'special' | 'latin1Letter';

/** The class of one Basic Latin or Latin-1 character, or undefined for anything else (control characters too). */
export function classifyPasswordCharacter(character: string): PasswordClass | undefined {
  const code = character.codePointAt(0) ?? -1;
  if (code >= 0x41 && code <= 0x5a) return 'upper';
  if (code >= 0x61 && code <= 0x7a) return 'lower';
  if (code >= 0x30 && code <= 0x39) return 'digit';
  if (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) return 'latin1Letter';
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return 'special';
  return undefined;
}

/**
 * Enforces the WorkMail directory password policy: 8–63 characters, Basic Latin or Latin-1 Supplement only, and
 * characters from at least 3 of 5 classes (upper, lower, digit, special, Latin-1 letter).
 * @param password - the candidate password
 * @throws InvalidPasswordException naming the rule that failed (never the password)
 * @example
 * assertPasswordPolicy('Correct-horse1'); // passes
 */
export function assertPasswordPolicy(password: string): void {
  const characters = [...password];
  if (characters.length < MIN_LENGTH || characters.length > MAX_LENGTH) {
    throw new InvalidPasswordException(
      `The password must have between ${MIN_LENGTH} and ${MAX_LENGTH} characters.`,
    );
  }
  const classes = new Set<PasswordClass>();
  for (const character of characters) {
    const kind = classifyPasswordCharacter(character);
    if (!kind)
      throw new InvalidPasswordException(
        'The password may only use Basic Latin and Latin-1 Supplement characters.',
      );
    classes.add(kind);
  }
  if (classes.size < REQUIRED_CLASSES) {
    throw new InvalidPasswordException(
      'The password must use at least 3 of: upper-case letters, lower-case letters, digits, special characters, Latin-1 letters.',
    );
  }
}

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function maxmem(N: number, r: number): number {
  return 256 * N * r;
}

/**
 * Hashes a password with scrypt and a random salt, as `scrypt$N$r$p$<salt b64>$<hash b64>`.
 * @param password - a password that passed {@link assertPasswordPolicy}
 * @example
 * const stored = await hashPassword('Correct-horse1');
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = PASSWORD_HASH_PARAMETERS;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Checks a password against a stored hash in constant time; false for a malformed hash. For protocol front ends
 * (IMAP, SMTP submission, JMAP) that sign users in with directory passwords.
 * @param password - what the client sent
 * @param stored - the output of {@link hashPassword}
 * @example
 * if (!(await verifyPassword(given, user.passwordHash ?? ''))) throw new AuthenticationFailedError();
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || extra !== undefined) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (![N, R, P].every((value) => Number.isSafeInteger(value) && value > 0)) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: R,
    p: P,
    maxmem: maxmem(N, R),
  });
  return timingSafeEqual(actual, expected);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The random values of web sign-in: state, nonce, PKCE verifier, session cookie and CSRF token. */

/**
 * 256 random bits, base64url (43 characters: also a valid PKCE verifier).
 * @example
 * const nonce = randomSecret();
 */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * base64url SHA-256 of a value: how states and session cookies are stored (the record never holds the value).
 * @example
 * await sessions.getSession(secretDigest(cookieValue));
 */
export function secretDigest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/**
 * The PKCE S256 challenge of a verifier (RFC 7636 §4.2).
 * @example
 * const codeChallenge = pkceChallenge(codeVerifier);
 */
export const pkceChallenge = secretDigest;

/**
 * True when two secrets are equal, compared in constant time (their digests are, so lengths leak nothing).
 * @example
 * if (!sameSecret(request.csrfToken, session.csrfToken)) return refuse('CSRF_TOKEN_INVALID');
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== undefined;
}

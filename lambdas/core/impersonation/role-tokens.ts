import { randomBytes } from 'node:crypto';
import { digestTokenValue, tokenMatches } from '../user-auth/token-format';
import type { ImpersonationStore } from './ports';
import { IMPERSONATION_TOKEN_LIFETIME_MS, type ImpersonationToken } from './types';

/**
 * Role token values: `mwimp_<id>_<secret>` (128-bit id in hex, 256-bit secret in base64url), shaped like personal
 * access tokens but with their own prefix, so a sign-in tells them apart. Only a SHA-256 digest is stored, and it
 * is checked as personal access tokens' are (token-format.ts).
 */
const TOKEN_PATTERN = /^mwimp_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** The token id inside a role token value, or undefined when the value is not one. */
export function roleTokenIdOf(value: string): string | undefined {
  return TOKEN_PATTERN.exec(value)?.[1];
}

/**
 * Issues a token for a role, valid for 15 minutes.
 * @returns the value (shown once) and its lifetime in seconds
 */
export async function issueRoleToken(
  store: Pick<ImpersonationStore, 'putToken'>,
  organizationId: string,
  roleId: string,
  now: number,
): Promise<{ readonly token: string; readonly expiresInSeconds: number }> {
  const tokenId = randomBytes(16).toString('hex');
  const token = `mwimp_${tokenId}_${randomBytes(32).toString('base64url')}`;
  await store.putToken({
    tokenId,
    organizationId,
    roleId,
    tokenHash: digestTokenValue(token),
    expiresAt: now + IMPERSONATION_TOKEN_LIFETIME_MS,
  });
  return { token, expiresInSeconds: IMPERSONATION_TOKEN_LIFETIME_MS / 1000 };
}

/**
 * The stored token `value` names, if the value matches its digest (compared in constant time, after the same work
 * when there is no record); otherwise undefined. The caller checks `expiresAt`.
 */
export async function verifyRoleToken(
  store: Pick<ImpersonationStore, 'getToken'>,
  value: string,
): Promise<ImpersonationToken | undefined> {
  const tokenId = roleTokenIdOf(value);
  if (!tokenId) return undefined;
  const record = await store.getToken(tokenId);
  return tokenMatches(value, record?.tokenHash) ? record : undefined;
}

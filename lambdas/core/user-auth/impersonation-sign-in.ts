import { impersonationEffect } from '../access-control/impersonation-policy';
import type { ImpersonationStore } from '../impersonation/ports';
import { verifyRoleToken } from '../impersonation/role-tokens';
import type { SignInDirectory } from './ports';
import { findLoginUser, maySignIn } from './sign-in-account';
import type { AuthenticatedUser, SignInRefusalReason } from './types';

/** What an impersonation sign-in reads. */
export interface ImpersonationSignInDeps extends SignInDirectory {
  readonly impersonation: Pick<ImpersonationStore, 'getRole' | 'getToken'>;
}

/**
 * Signs an application in as `login` (the target user's address) with an impersonation role token:
 * 1. the token matches its stored digest (else INVALID_CREDENTIALS) and is not past its 15 minutes (TOKEN_EXPIRED);
 * 2. its role still exists (deleting a role revokes its tokens) and the login names an enabled user of the role's
 *    organization (else INVALID_CREDENTIALS / USER_DISABLED);
 * 3. the role's rules reach that user (else ACCESS_DENIED).
 * The result acts as the target user, marked with the role (READ_ONLY roles may not change anything); the
 * authenticator then applies the access control rules to the role, as to every sign-in.
 * @returns the user, or the reason of the refusal, and whether the credential was verified (for the throttle)
 */
export async function impersonationSignIn(
  deps: ImpersonationSignInDeps,
  login: string,
  value: string,
  now: number,
): Promise<{ readonly verified: boolean; readonly result: AuthenticatedUser | SignInRefusalReason }> {
  const token = await verifyRoleToken(deps.impersonation, value);
  const role = token && (await deps.impersonation.getRole(token.organizationId, token.roleId));
  if (!token || !role) return { verified: false, result: 'INVALID_CREDENTIALS' };
  if (token.expiresAt <= now) return { verified: true, result: 'TOKEN_EXPIRED' };
  const target = await findLoginUser(deps, login, token.organizationId);
  if (!target || target.organizationId !== token.organizationId)
    return { verified: false, result: 'INVALID_CREDENTIALS' };
  const organization = await deps.organizations.getOrganization(token.organizationId);
  if (!maySignIn(organization, target)) return { verified: true, result: 'USER_DISABLED' };
  const identifiers = [target.entityId, target.name, target.email!, ...target.aliases];
  if (impersonationEffect(role.rules, identifiers).effect === 'DENY')
    return { verified: true, result: 'ACCESS_DENIED' };
  return {
    verified: true,
    result: {
      organizationId: target.organizationId,
      userId: target.entityId,
      email: target.email!,
      method: 'impersonation',
      impersonation: { roleId: role.roleId, readOnly: role.type === 'READ_ONLY' },
    },
  };
}

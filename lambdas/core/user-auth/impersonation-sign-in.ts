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

/** What {@link impersonationSignIn} found out. */
export interface ImpersonationSignInOutcome {
  readonly verified: boolean;
  readonly result: AuthenticatedUser | SignInRefusalReason;
  /** The role's organization and the target user, once the token matched. */
  readonly subject?: { readonly organizationId: string; readonly userId?: string };
  /** The role's rules applied to the target: whether they allowed it, and the deciding rule. */
  readonly roleRules?: { readonly roleId: string; readonly granted: boolean; readonly ruleId?: string };
}

/**
 * Signs an application in as `login` (the target user's address) with an impersonation role token:
 * 1. the token matches its stored digest (else INVALID_CREDENTIALS) and is not past its 15 minutes (TOKEN_EXPIRED);
 * 2. its role still exists (deleting a role revokes its tokens) and the login names an enabled user of the role's
 *    organization (else INVALID_CREDENTIALS / USER_DISABLED);
 * 3. the role's rules reach that user (else ACCESS_DENIED).
 * The result acts as the target user, marked with the role (READ_ONLY roles may not change anything); the
 * authenticator then applies the access control rules to the role, as to every sign-in.
 * @returns the user, or the reason of the refusal, whether the credential was verified (for the throttle), who the
 *   attempt concerned once the token is known, and the role rules' evaluation once one ran (for the audit logs)
 */
export async function impersonationSignIn(
  deps: ImpersonationSignInDeps,
  login: string,
  value: string,
  now: number,
): Promise<ImpersonationSignInOutcome> {
  const token = await verifyRoleToken(deps.impersonation, value);
  const role = token && (await deps.impersonation.getRole(token.organizationId, token.roleId));
  if (!token || !role) return { verified: false, result: 'INVALID_CREDENTIALS' };
  const organizationOnly = { organizationId: token.organizationId };
  if (token.expiresAt <= now) return { verified: true, result: 'TOKEN_EXPIRED', subject: organizationOnly };
  const target = await findLoginUser(deps, login, token.organizationId);
  if (!target || target.organizationId !== token.organizationId)
    return { verified: false, result: 'INVALID_CREDENTIALS', subject: organizationOnly };
  const subject = { organizationId: token.organizationId, userId: target.entityId };
  const organization = await deps.organizations.getOrganization(token.organizationId);
  if (!maySignIn(organization, target)) return { verified: true, result: 'USER_DISABLED', subject };
  const identifiers = [target.entityId, target.name, target.email!, ...target.aliases];
  const { effect, matchedRules } = impersonationEffect(role.rules, identifiers);
  const ruleId = matchedRules[0]?.ruleId;
  const roleRules = {
    roleId: role.roleId,
    granted: effect === 'ALLOW',
    ...(ruleId === undefined ? {} : { ruleId }),
  };
  if (effect === 'DENY') return { verified: true, result: 'ACCESS_DENIED', subject, roleRules };
  return {
    subject,
    roleRules,
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

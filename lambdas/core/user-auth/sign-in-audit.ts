import type { AuditEvents } from '../audit-logs/ports';
import type { ImpersonationSignInOutcome } from './impersonation-sign-in';
import type { SignInDirectory } from './ports';
import type { AuthenticatedUser, SignInContext, SignInRefusal, SignInRefusalReason } from './types';

/** Who an attempt concerned, as far as the sign-in learnt it. No organization: nothing can be reported. */
export interface AttemptSubject {
  readonly organizationId?: string;
  readonly userId?: string;
  readonly tokenId?: string;
}

/**
 * Reports one sign-in attempt in the organization's authentication log. Sign-ins that are not mailbox access
 * (`protocol: null`, the command line: WorkMail's web application logs none either), attempts without credentials
 * and attempts whose organization stays unknown (a login naming no domain Mailwright serves) are not reported.
 * @param outcome - the user signed in, or the refusal
 * @example
 * await reportAuthentication(audit, context, login, { organizationId }, 'INVALID_CREDENTIALS');
 */
export async function reportAuthentication(
  audit: AuditEvents | undefined,
  context: SignInContext,
  login: string,
  subject: AttemptSubject,
  outcome: AuthenticatedUser | SignInRefusalReason,
): Promise<void> {
  if (!audit || context.protocol === null || outcome === 'NO_CREDENTIALS') return;
  const signedIn = typeof outcome === 'string' ? undefined : outcome;
  const organizationId = signedIn?.organizationId ?? subject.organizationId;
  if (organizationId === undefined) return;
  const userId = signedIn?.userId ?? subject.userId;
  const tokenId = signedIn?.tokenId ?? subject.tokenId;
  await audit.authentication({
    ...origin(context),
    organizationId,
    ...(userId === undefined ? {} : { userId }),
    user: login,
    protocol: context.protocol,
    successful: signedIn !== undefined,
    ...(typeof outcome === 'string' ? { failedReason: outcome } : {}),
    ...(tokenId === undefined ? {} : { personalAccessTokenId: tokenId }),
  });
}

/**
 * Reports one rule evaluation at sign-in in the organization's access control log: the organization's access
 * control rules (`AccessControl`) or an impersonation role's rules (`ImpersonationAccessControl`).
 * @param ruleId - the deciding rule (access control rules are named by their name); absent when none matched
 * @example
 * await reportRuleEvaluation(audit, context, user, 'AccessControl', effect === 'ALLOW', matchedRules[0]);
 */
export async function reportRuleEvaluation(
  audit: AuditEvents | undefined,
  context: SignInContext,
  user: Pick<AuthenticatedUser, 'organizationId' | 'userId' | 'impersonation'>,
  scope: 'AccessControl' | 'ImpersonationAccessControl',
  granted: boolean,
  ruleId: string | undefined,
): Promise<void> {
  if (!audit || context.protocol === null) return;
  await audit.accessControl({
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    sourceIp: context.sourceAddress,
    organizationId: user.organizationId,
    userId: user.userId,
    ...(user.impersonation ? { impersonatorId: user.impersonation.roleId } : {}),
    protocol: context.protocol,
    scope,
    ...(ruleId === undefined ? {} : { ruleId }),
    accessGranted: granted,
  });
}

/**
 * Reports a refused attempt (reportAuthentication) and returns the refusal.
 * @example
 * if (!verified) return reportRefusal(audit, context, login, { organizationId }, refuse('INVALID_CREDENTIALS'));
 */
export async function reportRefusal(
  audit: AuditEvents | undefined,
  context: SignInContext,
  login: string,
  subject: AttemptSubject,
  refusal: SignInRefusal,
): Promise<SignInRefusal> {
  await reportAuthentication(audit, context, login, subject, refusal.reason);
  return refusal;
}

/**
 * The organization a login naming nobody was meant for: its domain's owner, else the front end's organization.
 * Read only when attempts are reported (one read, on failures only).
 * @example
 * const organizationId = await loginOrganization(deps, 'nobody@example.com', context);
 */
export async function loginOrganization(
  deps: Pick<SignInDirectory, 'organizations'> & { readonly audit?: AuditEvents },
  login: string,
  context: SignInContext,
): Promise<string | undefined> {
  if (!deps.audit || context.protocol === null) return undefined;
  const domain = login.includes('@') ? login.slice(login.lastIndexOf('@') + 1) : undefined;
  return (domain && (await deps.organizations.findDomainOwner(domain))) || context.organizationId;
}

/**
 * Reports an impersonation role's rules applied to the target user at sign-in (scope
 * `ImpersonationAccessControl`), when they ran.
 * @example
 * await reportRoleRules(audit, context, await impersonationSignIn(deps, login, value, now));
 */
export async function reportRoleRules(
  audit: AuditEvents | undefined,
  context: SignInContext,
  outcome: ImpersonationSignInOutcome,
): Promise<void> {
  const { subject, roleRules } = outcome;
  if (!roleRules || !subject?.userId) return;
  await reportRuleEvaluation(
    audit,
    context,
    {
      organizationId: subject.organizationId,
      userId: subject.userId,
      impersonation: { roleId: roleRules.roleId, readOnly: false },
    },
    'ImpersonationAccessControl',
    roleRules.granted,
    roleRules.ruleId,
  );
}

/**
 * Where a sign-in came from, as the signed-in user carries it (for the mailbox access audit log).
 * @example
 * return { ok: true, user: { ...user, origin: signInOrigin(context) } };
 */
export function signInOrigin(context: SignInContext): NonNullable<AuthenticatedUser['origin']> {
  return {
    sourceIp: context.sourceAddress,
    ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent }),
  };
}

function origin(context: SignInContext) {
  return {
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    sourceIp: context.sourceAddress,
    ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent }),
  };
}

import type { AuditEvents } from '../audit-logs/ports';
import type { AuditProtocol } from '../audit-logs/types';
import type { AuthenticatedUser, SignInContext, SignInRefusalReason } from './types';

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
  context: SignInContext & { readonly protocol: AuditProtocol },
  user: Pick<AuthenticatedUser, 'organizationId' | 'userId' | 'impersonation'>,
  scope: 'AccessControl' | 'ImpersonationAccessControl',
  granted: boolean,
  ruleId: string | undefined,
): Promise<void> {
  await audit?.accessControl({
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

function origin(context: SignInContext) {
  return {
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    sourceIp: context.sourceAddress,
    ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent }),
  };
}

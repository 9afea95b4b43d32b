import { AccessControlPolicy } from './access-control-policy';
import type { AccessControlRuleStore } from './ports';
import type { AccessControlEffect, AccessRequest } from './types';

/** How long a compiled rule set serves requests before it is read again (WorkMail: changes apply within 5 minutes). */
export const ACCESS_CONTROL_CACHE_MS = 60_000;

/**
 * What every user protocol asks before it reads anything: may this user (or impersonation role), over this protocol,
 * from this address, reach mailboxes? Each organization's rules are read and compiled at most once a minute per
 * process, so a request costs one pass over at most ten compiled rules.
 * @example
 * const decision = await accessControl.effect(orgId, { action: 'IMAP', ipAddress, userId });
 * if (decision.effect === 'DENY') return refuse();
 */
export class AccessControl {
  private readonly policies = new Map<
    string,
    { readonly policy: AccessControlPolicy; readonly until: number }
  >();

  constructor(
    private readonly store: Pick<AccessControlRuleStore, 'list'>,
    private readonly now: () => number,
  ) {}

  async effect(organizationId: string, request: AccessRequest): Promise<AccessControlEffect> {
    const now = this.now();
    let cached = this.policies.get(organizationId);
    if (!cached || cached.until <= now) {
      cached = {
        policy: new AccessControlPolicy(await this.store.list(organizationId)),
        until: now + ACCESS_CONTROL_CACHE_MS,
      };
      this.policies.set(organizationId, cached);
    }
    return cached.policy.effect(request);
  }
}

import { decide } from './effects';
import { isInvalidCidr, parseAddress, parseIpRanges, type IpAddress, type IpRangeSet } from './ip-ranges';
import type { AccessControlEffect, AccessControlRule, AccessRequest } from './types';

interface CompiledRule {
  readonly rule: AccessControlRule;
  readonly effect: AccessControlRule['effect'];
  readonly actions: ReadonlySet<string>;
  readonly notActions: ReadonlySet<string>;
  readonly ipRanges?: IpRangeSet;
  readonly notIpRanges?: IpRangeSet;
}

/**
 * An organization's access control rules, compiled once (CIDRs parsed, protocol names folded) so that each request
 * costs one pass over the rules. A rule matches when every condition it populates holds; user conditions (`UserIds`,
 * `NotUserIds`) only match requests made as a user, role conditions only requests made with an impersonation role
 * (docs/access-control.md). Protocol names compare case-insensitively.
 * @example
 * const policy = new AccessControlPolicy(rules);
 * policy.effect({ action: 'IMAP', ipAddress: '192.0.2.7', userId });   // { effect: 'ALLOW', matchedRules: ['default'] }
 */
export class AccessControlPolicy {
  private readonly rules: readonly CompiledRule[];

  /** @throws Error when a stored rule holds a range that is not a CIDR (puts validate them first) */
  constructor(rules: readonly AccessControlRule[]) {
    this.rules = rules.map((rule) => ({
      rule,
      effect: rule.effect,
      actions: foldedSet(rule.actions),
      notActions: foldedSet(rule.notActions),
      ipRanges: rangesOf(rule.ipRanges),
      notIpRanges: rangesOf(rule.notIpRanges),
    }));
  }

  /** Deny wins; no matching rule (or no rule at all) denies. */
  effect(request: AccessRequest): AccessControlEffect {
    const action = request.action.toLowerCase();
    const address = parseAddress(request.ipAddress);
    const matching = this.rules.filter((compiled) => matches(compiled, request, action, address));
    const { effect, matched } = decide(matching);
    return { effect, matchedRules: matched.map((compiled) => compiled.rule.name) };
  }
}

function matches(
  compiled: CompiledRule,
  request: AccessRequest,
  action: string,
  address: IpAddress | undefined,
): boolean {
  const { rule } = compiled;
  if (compiled.actions.size > 0 && !compiled.actions.has(action)) return false;
  if (compiled.notActions.has(action)) return false;
  // An unparsable address lies in no range.
  if (compiled.ipRanges && !(address && compiled.ipRanges.contains(address))) return false;
  if (address && compiled.notIpRanges?.contains(address)) return false;
  return (
    listCondition(rule.userIds, rule.notUserIds, request.userId) &&
    listCondition(rule.impersonationRoleIds, rule.notImpersonationRoleIds, request.impersonationRoleId)
  );
}

/** A pair of in / not-in lists: no condition when both are empty; otherwise the subject must exist and fit both. */
function listCondition(
  included: readonly string[],
  excluded: readonly string[],
  subject: string | undefined,
): boolean {
  if (included.length === 0 && excluded.length === 0) return true;
  if (subject === undefined) return false;
  return (included.length === 0 || included.includes(subject)) && !excluded.includes(subject);
}

function foldedSet(values: readonly string[]): ReadonlySet<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}

function rangesOf(cidrs: readonly string[]): IpRangeSet | undefined {
  if (cidrs.length === 0) return undefined;
  const parsed = parseIpRanges(cidrs);
  if (isInvalidCidr(parsed)) throw new Error('An access control rule holds a range that is not a CIDR.');
  return parsed;
}

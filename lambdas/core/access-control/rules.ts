import { isInvalidCidr, parseIpRanges } from './ip-ranges';
import {
  ACCESS_CONTROL_ACTIONS,
  type AccessControlAction,
  type AccessControlRule,
  type MobileDeviceAccessRule,
} from './types';

/** The rule every organization starts with: everyone, every protocol, from everywhere. */
export const DEFAULT_ACCESS_CONTROL_RULE: AccessControlRule = {
  name: 'default',
  effect: 'ALLOW',
  description: 'Default WorkMail Rule',
  actions: [],
  notActions: [],
  ipRanges: [],
  notIpRanges: [],
  userIds: [],
  notUserIds: [],
  impersonationRoleIds: [],
  notImpersonationRoleIds: [],
};

/** Why a rule cannot be stored. */
export type AccessControlRuleRefusal =
  | { readonly type: 'unknownAction'; readonly action: string }
  | { readonly type: 'invalidRange'; readonly field: 'IpRanges' | 'NotIpRanges'; readonly cidr: string };

const KNOWN_ACTIONS = new Map(ACCESS_CONTROL_ACTIONS.map((action) => [action.toLowerCase(), action]));

/** A protocol name in its canonical spelling (names compare case-insensitively), or undefined when unknown. */
export function canonicalAction(name: string): AccessControlAction | undefined {
  return KNOWN_ACTIONS.get(name.toLowerCase());
}

/**
 * Checks what the API's schema cannot: protocol names Mailwright knows (a misspelt one would match nothing) and
 * ranges that are CIDRs (IPv4 as WorkMail has them; IPv6 too, a Mailwright extension).
 * @returns the rule with protocol names in their canonical spelling, or the refusal
 */
export function checkAccessControlRule(
  rule: AccessControlRule,
):
  | { readonly ok: true; readonly rule: AccessControlRule }
  | { readonly ok: false; readonly refusal: AccessControlRuleRefusal } {
  const canonical = (actions: readonly string[]): string[] | AccessControlRuleRefusal => {
    const names: string[] = [];
    for (const action of actions) {
      const known = canonicalAction(action);
      if (!known) return { type: 'unknownAction', action };
      names.push(known);
    }
    return names;
  };
  const actions = canonical(rule.actions);
  if (!Array.isArray(actions)) return { ok: false, refusal: actions };
  const notActions = canonical(rule.notActions);
  if (!Array.isArray(notActions)) return { ok: false, refusal: notActions };
  for (const field of ['IpRanges', 'NotIpRanges'] as const) {
    const parsed = parseIpRanges(field === 'IpRanges' ? rule.ipRanges : rule.notIpRanges);
    if (isInvalidCidr(parsed))
      return { ok: false, refusal: { type: 'invalidRange', field, cidr: parsed.cidr } };
  }
  return { ok: true, rule: { ...rule, actions, notActions } };
}

/** The device rule every organization starts with: every device may sync. */
export const DEFAULT_MOBILE_DEVICE_ACCESS_RULE: MobileDeviceAccessRule & { readonly description: string } = {
  ruleId: 'default',
  name: 'default',
  description: 'Default rule: allows every device',
  effect: 'ALLOW',
  deviceTypes: [],
  notDeviceTypes: [],
  deviceModels: [],
  notDeviceModels: [],
  deviceOperatingSystems: [],
  notDeviceOperatingSystems: [],
  deviceUserAgents: [],
  notDeviceUserAgents: [],
};

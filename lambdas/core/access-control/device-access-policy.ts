import { decide } from './effects';
import type { DeviceProperties, MobileDeviceAccessEffect, MobileDeviceAccessRule, RuleEffect } from './types';

/** Stands for "the device reported nothing" in a positive condition. */
export const NONE_VALUE = '$NONE';

/**
 * Mobile device access rules (WorkMail §9.3): a rule matches when all its conditions match; each condition is a
 * case-insensitive prefix match on the reported property; `$NONE` matches a property the device did not report;
 * a `Not…` list never matches an unreported property. Deny wins; no match denies.
 */
export function mobileDeviceAccessEffect(
  rules: readonly MobileDeviceAccessRule[],
  device: DeviceProperties,
): MobileDeviceAccessEffect {
  const matching = rules.filter(
    (rule) =>
      condition(rule.deviceTypes, rule.notDeviceTypes, device.deviceType) &&
      condition(rule.deviceModels, rule.notDeviceModels, device.deviceModel) &&
      condition(rule.deviceOperatingSystems, rule.notDeviceOperatingSystems, device.deviceOperatingSystem) &&
      condition(rule.deviceUserAgents, rule.notDeviceUserAgents, device.deviceUserAgent),
  );
  const { effect, matched } = decide(matching);
  return { effect, matchedRules: matched.map(({ ruleId, name }) => ({ ruleId, name })) };
}

/**
 * The decision for one user's device: an override for the (user, device) pair decides when there is one (device
 * ids compare case-insensitively, which the caller's lookup does); otherwise the rules.
 */
export function deviceAccessDecision(
  rules: readonly MobileDeviceAccessRule[],
  device: DeviceProperties,
  override: { readonly effect: RuleEffect } | undefined,
): RuleEffect {
  return override?.effect ?? mobileDeviceAccessEffect(rules, device).effect;
}

function condition(
  prefixes: readonly string[],
  notPrefixes: readonly string[],
  reported: string | undefined,
): boolean {
  const value = reported === undefined || reported === '' ? undefined : reported.toLowerCase();
  if (prefixes.length > 0) {
    const hit = prefixes.some((prefix) =>
      prefix === NONE_VALUE ? value === undefined : value?.startsWith(prefix.toLowerCase()) === true,
    );
    if (!hit) return false;
  }
  if (notPrefixes.length > 0) {
    if (value === undefined) return false;
    if (notPrefixes.some((prefix) => value.startsWith(prefix.toLowerCase()))) return false;
  }
  return true;
}

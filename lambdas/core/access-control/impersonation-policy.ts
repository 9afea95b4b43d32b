import { decide } from './effects';
import type { ImpersonationEffect, ImpersonationRule } from './types';

/**
 * Whether an impersonation role may act as `target` (WorkMail §11.1): a rule applies to the users in `TargetUsers`,
 * or to everyone but those in `NotTargetUsers`; a rule with neither applies to everyone. Deny wins; a role with no
 * matching rule (or no rules) impersonates nobody. `target` is every identifier of the user (id, name, addresses),
 * since rules may name a user by any of them; they compare case-insensitively.
 */
export function impersonationEffect(
  rules: readonly ImpersonationRule[],
  target: readonly string[],
): ImpersonationEffect {
  const identifiers = new Set(target.map((value) => value.toLowerCase()));
  const names = (list: readonly string[]): boolean =>
    list.some((value) => identifiers.has(value.toLowerCase()));
  const matching = rules.filter(
    (rule) =>
      (rule.targetUsers.length === 0 || names(rule.targetUsers)) &&
      (rule.notTargetUsers.length === 0 || !names(rule.notTargetUsers)),
  );
  const { effect, matched } = decide(matching);
  return { effect, matchedRules: matched.map(({ ruleId, name }) => ({ ruleId, name })) };
}

import type { RuleEffect } from './types';

/**
 * WorkMail's evaluation for all three rule kinds: any matching DENY denies, else any matching ALLOW allows, else
 * (nothing matches, or there are no rules) deny. The matched rules reported are those of the winning effect.
 */
export function decide<T extends { readonly effect: RuleEffect }>(
  matching: readonly T[],
): { readonly effect: RuleEffect; readonly matched: readonly T[] } {
  const denying = matching.filter((rule) => rule.effect === 'DENY');
  if (denying.length > 0) return { effect: 'DENY', matched: denying };
  return { effect: matching.length > 0 ? 'ALLOW' : 'DENY', matched: matching };
}

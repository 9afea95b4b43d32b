import { impersonationEffect } from '../../../lambdas/core/access-control/impersonation-policy';
import type { ImpersonationRule } from '../../../lambdas/core/access-control/types';

const rule = (
  ruleId: string,
  effect: 'ALLOW' | 'DENY',
  targets: Partial<ImpersonationRule> = {},
): ImpersonationRule => ({
  ruleId,
  name: ruleId,
  effect,
  targetUsers: [],
  notTargetUsers: [],
  ...targets,
});

const ALICE = ['S-1-5-18-1001', 'alice', 'alice@example.com'];
const BOB = ['S-1-5-18-1002', 'bob', 'bob@example.com'];

describe('impersonationEffect', () => {
  it.each([
    ['a role without rules impersonates nobody', [], ALICE, 'DENY', []],
    ['an ALLOW without targets reaches everyone', [rule('everyone', 'ALLOW')], BOB, 'ALLOW', ['everyone']],
    [
      'TargetUsers names the users reached (by id)',
      [rule('alice', 'ALLOW', { targetUsers: ['S-1-5-18-1001'] })],
      ALICE,
      'ALLOW',
      ['alice'],
    ],
    [
      'TargetUsers names the users reached (by address, any case)',
      [rule('alice', 'ALLOW', { targetUsers: ['Alice@Example.com'] })],
      ALICE,
      'ALLOW',
      ['alice'],
    ],
    ['… and nobody else', [rule('alice', 'ALLOW', { targetUsers: ['alice'] })], BOB, 'DENY', []],
    [
      'NotTargetUsers reaches everyone but those',
      [rule('not-bob', 'ALLOW', { notTargetUsers: ['bob'] })],
      ALICE,
      'ALLOW',
      ['not-bob'],
    ],
    [
      'NotTargetUsers excludes the listed',
      [rule('not-bob', 'ALLOW', { notTargetUsers: ['bob'] })],
      BOB,
      'DENY',
      [],
    ],
    [
      'deny wins',
      [rule('everyone', 'ALLOW'), rule('never-ceo', 'DENY', { targetUsers: ['bob@example.com'] })],
      BOB,
      'DENY',
      ['never-ceo'],
    ],
  ] as const)('%s', (_case, rules, target, effect, matched) => {
    const result = impersonationEffect(rules, target);
    expect(result.effect).toBe(effect);
    expect(result.matchedRules).toEqual(matched.map((ruleId) => ({ ruleId, name: ruleId })));
  });
});

import { AccessControlPolicy } from '../../../lambdas/core/access-control/access-control-policy';
import type { AccessControlRule, AccessRequest } from '../../../lambdas/core/access-control/types';

function rule(
  name: string,
  effect: 'ALLOW' | 'DENY',
  fields: Partial<AccessControlRule> = {},
): AccessControlRule {
  return {
    name,
    effect,
    description: '',
    actions: [],
    notActions: [],
    ipRanges: [],
    notIpRanges: [],
    userIds: [],
    notUserIds: [],
    impersonationRoleIds: [],
    notImpersonationRoleIds: [],
    ...fields,
  };
}

const ALICE = 'S-1-5-18-1001';
const BOB = 'S-1-5-18-1002';
const ROLE = 'b1f2c3d4-0000-4000-8000-000000000001';
const asUser = (action: string, ipAddress: string, userId = ALICE): AccessRequest => ({
  action,
  ipAddress,
  userId,
});

describe('AccessControlPolicy', () => {
  const DEFAULT = rule('default', 'ALLOW', { description: 'Default WorkMail Rule' });

  it('allows everything with the default rule, and names it', () => {
    expect(new AccessControlPolicy([DEFAULT]).effect(asUser('IMAP', '203.0.113.9'))).toEqual({
      effect: 'ALLOW',
      matchedRules: ['default'],
    });
  });

  it('denies everything when there are no rules', () => {
    expect(new AccessControlPolicy([]).effect(asUser('JMAP', '127.0.0.1'))).toEqual({
      effect: 'DENY',
      matchedRules: [],
    });
  });

  it.each([
    // [case, rules, request, effect, matched]
    [
      'deny wins over allow',
      [DEFAULT, rule('no-imap', 'DENY', { actions: ['IMAP'] })],
      asUser('IMAP', '198.51.100.1'),
      'DENY',
      ['no-imap'],
    ],
    [
      'a deny for another protocol leaves the allow',
      [DEFAULT, rule('no-imap', 'DENY', { actions: ['IMAP'] })],
      asUser('JMAP', '198.51.100.1'),
      'ALLOW',
      ['default'],
    ],
    [
      'protocol names compare case-insensitively',
      [rule('imap-only', 'ALLOW', { actions: ['imap'] })],
      asUser('IMAP', '198.51.100.1'),
      'ALLOW',
      ['imap-only'],
    ],
    [
      'NotActions excludes the protocol',
      [rule('all-but-smtp', 'ALLOW', { notActions: ['SMTP'] })],
      asUser('SMTP', '198.51.100.1'),
      'DENY',
      [],
    ],
    [
      'NotActions lets the others through',
      [rule('all-but-smtp', 'ALLOW', { notActions: ['SMTP'] })],
      asUser('CalDAV', '198.51.100.1'),
      'ALLOW',
      ['all-but-smtp'],
    ],
    [
      'an IPv4 range matches inside',
      [rule('office', 'ALLOW', { ipRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', '192.0.2.77'),
      'ALLOW',
      ['office'],
    ],
    [
      'an IPv4 range does not match outside',
      [rule('office', 'ALLOW', { ipRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', '192.0.3.1'),
      'DENY',
      [],
    ],
    [
      'an IPv4-mapped IPv6 client counts as its IPv4 address',
      [rule('office', 'ALLOW', { ipRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', '::ffff:192.0.2.77'),
      'ALLOW',
      ['office'],
    ],
    [
      'an IPv6 range matches inside',
      [rule('v6', 'ALLOW', { ipRanges: ['2001:db8:10::/48'] })],
      asUser('JMAP', '2001:db8:10:4::1'),
      'ALLOW',
      ['v6'],
    ],
    [
      'an IPv6 range does not match an IPv4 client',
      [rule('v6', 'ALLOW', { ipRanges: ['2001:db8::/32'] })],
      asUser('JMAP', '192.0.2.1'),
      'DENY',
      [],
    ],
    [
      'NotIpRanges carves a hole out of an allow',
      [rule('not-guest', 'ALLOW', { ipRanges: ['10.0.0.0/8'], notIpRanges: ['10.9.0.0/16'] })],
      asUser('IMAP', '10.9.1.1'),
      'DENY',
      [],
    ],
    [
      'a deny outside the office (NotIpRanges) blocks remote clients',
      [DEFAULT, rule('office-only', 'DENY', { notIpRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', '203.0.113.5'),
      'DENY',
      ['office-only'],
    ],
    [
      '… and leaves office clients alone',
      [DEFAULT, rule('office-only', 'DENY', { notIpRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', '192.0.2.5'),
      'ALLOW',
      ['default'],
    ],
    [
      'UserIds names who the rule is for',
      [DEFAULT, rule('block-bob', 'DENY', { userIds: [BOB] })],
      asUser('IMAP', '192.0.2.5', BOB),
      'DENY',
      ['block-bob'],
    ],
    [
      '… and nobody else',
      [DEFAULT, rule('block-bob', 'DENY', { userIds: [BOB] })],
      asUser('IMAP', '192.0.2.5', ALICE),
      'ALLOW',
      ['default'],
    ],
    [
      'NotUserIds exempts the listed users',
      [DEFAULT, rule('all-but-alice', 'DENY', { notUserIds: [ALICE] })],
      asUser('IMAP', '192.0.2.5', ALICE),
      'ALLOW',
      ['default'],
    ],
    [
      'every populated condition must hold',
      [
        DEFAULT,
        rule('bob-imap-remote', 'DENY', { userIds: [BOB], actions: ['IMAP'], notIpRanges: ['192.0.2.0/24'] }),
      ],
      asUser('IMAP', '192.0.2.5', BOB),
      'ALLOW',
      ['default'],
    ],
    [
      'an unparsable client address lies in no range',
      [rule('office', 'ALLOW', { ipRanges: ['192.0.2.0/24'] })],
      asUser('IMAP', 'not-an-ip'),
      'DENY',
      [],
    ],
  ] as const)('%s', (_case, rules, request, effect, matched) => {
    expect(new AccessControlPolicy(rules).effect(request)).toEqual({ effect, matchedRules: matched });
  });

  it('reports every matching deny, and only the denies, when a deny wins', () => {
    const rules = [
      DEFAULT,
      rule('a', 'DENY', { actions: ['EWS'] }),
      rule('b', 'DENY', { ipRanges: ['0.0.0.0/0'] }),
    ];
    expect(new AccessControlPolicy(rules).effect(asUser('EWS', '192.0.2.1')).matchedRules).toEqual([
      'a',
      'b',
    ]);
  });

  describe('impersonation roles', () => {
    const asRole: AccessRequest = { action: 'EWS', ipAddress: '192.0.2.1', impersonationRoleId: ROLE };

    it('matches a role request with a rule naming the role', () => {
      const rules = [DEFAULT, rule('no-role', 'DENY', { impersonationRoleIds: [ROLE] })];
      expect(new AccessControlPolicy(rules).effect(asRole)).toEqual({
        effect: 'DENY',
        matchedRules: ['no-role'],
      });
    });

    it('does not match a user request with a rule naming roles', () => {
      const rules = [DEFAULT, rule('no-role', 'DENY', { impersonationRoleIds: [ROLE] })];
      expect(new AccessControlPolicy(rules).effect(asUser('EWS', '192.0.2.1')).effect).toBe('ALLOW');
    });

    it('does not match a role request with a rule naming users', () => {
      const rules = [rule('alice', 'ALLOW', { userIds: [ALICE] })];
      expect(new AccessControlPolicy(rules).effect(asRole).effect).toBe('DENY');
    });

    it('NotImpersonationRoleIds exempts the listed roles', () => {
      const rules = [DEFAULT, rule('other-roles', 'DENY', { notImpersonationRoleIds: [ROLE] })];
      expect(new AccessControlPolicy(rules).effect(asRole).effect).toBe('ALLOW');
    });
  });

  it('refuses to compile a stored range that is not a CIDR', () => {
    expect(() => new AccessControlPolicy([rule('bad', 'ALLOW', { ipRanges: ['10.1/16'] })])).toThrow(
      /not a CIDR/,
    );
  });
});

import {
  deviceAccessDecision,
  mobileDeviceAccessEffect,
} from '../../../lambdas/core/access-control/device-access-policy';
import type { MobileDeviceAccessRule } from '../../../lambdas/core/access-control/types';

function rule(
  name: string,
  effect: 'ALLOW' | 'DENY',
  fields: Partial<MobileDeviceAccessRule> = {},
): MobileDeviceAccessRule {
  return {
    ruleId: `id-${name}`,
    name,
    effect,
    deviceTypes: [],
    notDeviceTypes: [],
    deviceModels: [],
    notDeviceModels: [],
    deviceOperatingSystems: [],
    notDeviceOperatingSystems: [],
    deviceUserAgents: [],
    notDeviceUserAgents: [],
    ...fields,
  };
}

const IPHONE = {
  deviceType: 'iPhone',
  deviceModel: 'iPhone10C1',
  deviceOperatingSystem: 'iOS 14.3 18C66',
  deviceUserAgent: 'iOS/14.3 (18C66) exchangesyncd/1.0',
};
const ANDROID = { deviceType: 'Android', deviceModel: 'HTCOneX', deviceOperatingSystem: 'Android 8.1.0' };
const ALLOW_ALL = rule('AllowAll', 'ALLOW');

describe('mobileDeviceAccessEffect', () => {
  it.each([
    ['the default rule allows every device', [ALLOW_ALL], IPHONE, 'ALLOW', ['AllowAll']],
    ['no rules block every device', [], IPHONE, 'DENY', []],
    // The guide's CLI examples.
    [
      'BlockAllAndroid denies Android (case-insensitive prefix)',
      [ALLOW_ALL, rule('BlockAllAndroid', 'DENY', { deviceTypes: ['android'] })],
      ANDROID,
      'DENY',
      ['BlockAllAndroid'],
    ],
    [
      'BlockAllAndroid leaves the iPhone',
      [ALLOW_ALL, rule('BlockAllAndroid', 'DENY', { deviceTypes: ['android'] })],
      IPHONE,
      'ALLOW',
      ['AllowAll'],
    ],
    [
      'AllowLatestiOS alone allows iOS 14.3',
      [rule('AllowLatestiOS', 'ALLOW', { deviceOperatingSystems: ['iOS 14.3'] })],
      IPHONE,
      'ALLOW',
      ['AllowLatestiOS'],
    ],
    [
      'AllowLatestiOS alone blocks older iOS',
      [rule('AllowLatestiOS', 'ALLOW', { deviceOperatingSystems: ['iOS 14.3'] })],
      { ...IPHONE, deviceOperatingSystem: 'iOS 12.3.1 16F203' },
      'DENY',
      [],
    ],
    [
      'DefaultDenyAll (MDM direct mode) denies everything',
      [ALLOW_ALL, rule('DefaultDenyAll', 'DENY')],
      IPHONE,
      'DENY',
      ['DefaultDenyAll'],
    ],
    [
      '$NONE matches a device reporting no type',
      [rule('apple-or-unknown', 'ALLOW', { deviceTypes: ['iphone', 'ipad', '$NONE'] })],
      { deviceModel: 'X' },
      'ALLOW',
      ['apple-or-unknown'],
    ],
    [
      '$NONE does not match a device reporting another type',
      [rule('apple-or-unknown', 'ALLOW', { deviceTypes: ['iphone', 'ipad', '$NONE'] })],
      ANDROID,
      'DENY',
      [],
    ],
    [
      'a Not… list matches a different reported value',
      [rule('not-android', 'ALLOW', { notDeviceTypes: ['android'] })],
      IPHONE,
      'ALLOW',
      ['not-android'],
    ],
    [
      'a Not… list never matches an unreported value',
      [rule('not-android', 'ALLOW', { notDeviceTypes: ['android'] })],
      { deviceModel: 'X' },
      'DENY',
      [],
    ],
    [
      'all conditions must match',
      [rule('iphone-on-14', 'ALLOW', { deviceTypes: ['iPhone'], deviceOperatingSystems: ['iOS 14'] })],
      { ...IPHONE, deviceOperatingSystem: 'iOS 13.0' },
      'DENY',
      [],
    ],
    [
      'user agents match by prefix',
      [rule('exchangesyncd', 'ALLOW', { deviceUserAgents: ['iOS/14'] })],
      IPHONE,
      'ALLOW',
      ['exchangesyncd'],
    ],
    [
      'models exclude by prefix',
      [rule('no-htc', 'ALLOW', { notDeviceModels: ['htc'] })],
      ANDROID,
      'DENY',
      [],
    ],
  ] as const)('%s', (_case, rules, device, effect, matchedNames) => {
    const result = mobileDeviceAccessEffect(rules, device);
    expect(result.effect).toBe(effect);
    expect(result.matchedRules).toEqual(matchedNames.map((name) => ({ ruleId: `id-${name}`, name })));
  });
});

describe('deviceAccessDecision', () => {
  const denyAndroid = [ALLOW_ALL, rule('BlockAllAndroid', 'DENY', { deviceTypes: ['android'] })];

  it('lets an ALLOW override reverse a rule denial', () => {
    expect(deviceAccessDecision(denyAndroid, ANDROID, { effect: 'ALLOW' })).toBe('ALLOW');
  });

  it('lets a DENY override reverse a rule allowance', () => {
    expect(deviceAccessDecision(denyAndroid, IPHONE, { effect: 'DENY' })).toBe('DENY');
  });

  it('falls back to the rules without an override', () => {
    expect(deviceAccessDecision(denyAndroid, ANDROID, undefined)).toBe('DENY');
    expect(deviceAccessDecision(denyAndroid, IPHONE, undefined)).toBe('ALLOW');
  });
});

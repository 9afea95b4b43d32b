import { Type } from '@sinclair/typebox';
import type { MobileDeviceAccessOverride, StoredMobileDeviceAccessRule } from '../../../access-control/ports';
import type { MobileDeviceAccessRule } from '../../../access-control/types';
import { pattern, Timestamp, toTimestamp, WorkMailIdentifier } from '../../shapes';

/** Shapes of the mobile device access operations (api-operations.md, "Mobile device access"). */

export const RuleId = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
export const RuleName = pattern('[\\S\\s]+', { minLength: 1, maxLength: 64 });
export const RuleDescription = pattern('[\\S\\s]+', { minLength: 1, maxLength: 256 });
export const Effect = Type.Union([Type.Literal('ALLOW'), Type.Literal('DENY')]);
export const DeviceProperty = pattern('[\\u0020-\\u00FF]+', { minLength: 1, maxLength: 256 });
const DeviceList = Type.Optional(Type.Array(DeviceProperty, { minItems: 1, maxItems: 10 }));
export const DeviceId = pattern('[A-Za-z0-9]+', { minLength: 1, maxLength: 32 });

/** The condition lists of Create/UpdateMobileDeviceAccessRule. */
export const RuleConditions = {
  DeviceTypes: DeviceList,
  NotDeviceTypes: DeviceList,
  DeviceModels: DeviceList,
  NotDeviceModels: DeviceList,
  DeviceOperatingSystems: DeviceList,
  NotDeviceOperatingSystems: DeviceList,
  DeviceUserAgents: DeviceList,
  NotDeviceUserAgents: DeviceList,
};

type ConditionInput = { readonly [K in keyof typeof RuleConditions]?: readonly string[] };

/** A request's rule as core keeps it. */
export function toRule(
  ruleId: string,
  input: ConditionInput & {
    readonly Name: string;
    readonly Effect: 'ALLOW' | 'DENY';
    readonly Description?: string;
  },
): MobileDeviceAccessRule & { readonly description?: string } {
  return {
    ruleId,
    name: input.Name,
    effect: input.Effect,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    deviceTypes: input.DeviceTypes ?? [],
    notDeviceTypes: input.NotDeviceTypes ?? [],
    deviceModels: input.DeviceModels ?? [],
    notDeviceModels: input.NotDeviceModels ?? [],
    deviceOperatingSystems: input.DeviceOperatingSystems ?? [],
    notDeviceOperatingSystems: input.NotDeviceOperatingSystems ?? [],
    deviceUserAgents: input.DeviceUserAgents ?? [],
    notDeviceUserAgents: input.NotDeviceUserAgents ?? [],
  };
}

export const RuleShape = Type.Object({
  MobileDeviceAccessRuleId: RuleId,
  Name: RuleName,
  Description: Type.Optional(RuleDescription),
  Effect,
  ...RuleConditions,
  DateCreated: Type.Optional(Timestamp),
  DateModified: Type.Optional(Timestamp),
});

/** A stored rule on the wire: empty lists left out, as WorkMail does; the implicit default has no dates. */
export function ruleToWire(rule: StoredMobileDeviceAccessRule) {
  const list = (name: string, values: readonly string[]) =>
    values.length > 0 ? { [name]: [...values] } : {};
  return {
    MobileDeviceAccessRuleId: rule.ruleId,
    Name: rule.name,
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    Effect: rule.effect,
    ...list('DeviceTypes', rule.deviceTypes),
    ...list('NotDeviceTypes', rule.notDeviceTypes),
    ...list('DeviceModels', rule.deviceModels),
    ...list('NotDeviceModels', rule.notDeviceModels),
    ...list('DeviceOperatingSystems', rule.deviceOperatingSystems),
    ...list('NotDeviceOperatingSystems', rule.notDeviceOperatingSystems),
    ...list('DeviceUserAgents', rule.deviceUserAgents),
    ...list('NotDeviceUserAgents', rule.notDeviceUserAgents),
    ...(rule.createdAt === 0
      ? {}
      : { DateCreated: toTimestamp(rule.createdAt), DateModified: toTimestamp(rule.modifiedAt) }),
  };
}

export const OverrideShape = Type.Object({
  UserId: WorkMailIdentifier,
  DeviceId,
  Effect,
  Description: Type.Optional(RuleDescription),
  DateCreated: Timestamp,
  DateModified: Timestamp,
});

export function overrideToWire(override: MobileDeviceAccessOverride) {
  return {
    UserId: override.userId,
    DeviceId: override.deviceId,
    Effect: override.effect,
    ...(override.description === undefined ? {} : { Description: override.description }),
    DateCreated: toTimestamp(override.createdAt),
    DateModified: toTimestamp(override.modifiedAt),
  };
}

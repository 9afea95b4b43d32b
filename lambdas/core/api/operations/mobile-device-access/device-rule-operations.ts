import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { mobileDeviceAccessEffect } from '../../../access-control/device-access-policy';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';
import { EntityNotFoundException, LimitExceededException } from '../../errors';
import { defineOperation } from '../../operation';
import { ClientToken, OrganizationId } from '../../shapes';
import {
  DeviceProperty,
  Effect,
  RuleConditions,
  RuleDescription,
  RuleId,
  RuleName,
  RuleShape,
  ruleToWire,
  toRule,
} from './shapes';

/** CreateMobileDeviceAccessRule: a new rule with a fresh id; an 11th is LimitExceededException. */
export const createMobileDeviceAccessRule = defineOperation({
  name: 'CreateMobileDeviceAccessRule',
  service: 'WorkMailService',
  summary: 'Creates a mobile device access rule.',
  input: Type.Object({
    OrganizationId,
    ClientToken: Type.Optional(ClientToken),
    Name: RuleName,
    Description: Type.Optional(RuleDescription),
    Effect,
    ...RuleConditions,
  }),
  output: Type.Object({ MobileDeviceAccessRuleId: RuleId }),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/mobile-device-access-rules' },
  mutating: true,
  handle: (input, { deps }) =>
    withClientToken(deps, 'CreateMobileDeviceAccessRule', input, async () => {
      await requireOrganization(deps, input.OrganizationId);
      const ruleId = randomUUID();
      const outcome = await deps.mobileDeviceAccess.write(
        input.OrganizationId,
        toRule(ruleId, input),
        deps.clock().getTime(),
        'create',
      );
      if (outcome === 'LIMIT_EXCEEDED')
        throw new LimitExceededException('The organization already has 10 mobile device access rules.');
      return { MobileDeviceAccessRuleId: ruleId };
    }),
});

/** UpdateMobileDeviceAccessRule: replaces every field of an existing rule. */
export const updateMobileDeviceAccessRule = defineOperation({
  name: 'UpdateMobileDeviceAccessRule',
  service: 'WorkMailService',
  summary: 'Replaces a mobile device access rule.',
  input: Type.Object({
    OrganizationId,
    MobileDeviceAccessRuleId: RuleId,
    Name: RuleName,
    Description: Type.Optional(RuleDescription),
    Effect,
    ...RuleConditions,
  }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'PUT',
    path: '/organizations/{OrganizationId}/mobile-device-access-rules/{MobileDeviceAccessRuleId}',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const outcome = await deps.mobileDeviceAccess.write(
      input.OrganizationId,
      toRule(input.MobileDeviceAccessRuleId, input),
      deps.clock().getTime(),
      'replace',
    );
    if (outcome === 'NOT_FOUND')
      throw new EntityNotFoundException(`No mobile device access rule ${input.MobileDeviceAccessRuleId}.`);
    return {};
  },
});

/** DeleteMobileDeviceAccessRule: a missing rule is not an error. Deleting every rule blocks every device. */
export const deleteMobileDeviceAccessRule = defineOperation({
  name: 'DeleteMobileDeviceAccessRule',
  service: 'WorkMailService',
  summary: 'Deletes a mobile device access rule (a missing one is not an error).',
  input: Type.Object({ OrganizationId, MobileDeviceAccessRuleId: RuleId }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/mobile-device-access-rules/{MobileDeviceAccessRuleId}',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.mobileDeviceAccess.delete(
      input.OrganizationId,
      input.MobileDeviceAccessRuleId,
      deps.clock().getTime(),
    );
    return {};
  },
});

/** ListMobileDeviceAccessRules: every rule (at most 10). */
export const listMobileDeviceAccessRules = defineOperation({
  name: 'ListMobileDeviceAccessRules',
  service: 'WorkMailService',
  summary: "Lists the organization's mobile device access rules.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ Rules: Type.Array(RuleShape) }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mobile-device-access-rules' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    return { Rules: (await deps.mobileDeviceAccess.list(input.OrganizationId)).map(ruleToWire) };
  },
});

/** GetMobileDeviceAccessEffect: what the current rules (not the overrides) decide for a simulated device. */
export const getMobileDeviceAccessEffect = defineOperation({
  name: 'GetMobileDeviceAccessEffect',
  service: 'WorkMailService',
  summary: 'Evaluates the mobile device access rules for a simulated device.',
  input: Type.Object({
    OrganizationId,
    DeviceType: Type.Optional(DeviceProperty),
    DeviceModel: Type.Optional(DeviceProperty),
    DeviceOperatingSystem: Type.Optional(DeviceProperty),
    DeviceUserAgent: Type.Optional(DeviceProperty),
  }),
  output: Type.Object({
    Effect,
    MatchedRules: Type.Array(Type.Object({ MobileDeviceAccessRuleId: RuleId, Name: RuleName })),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/mobile-device-access-effect' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const rules = await deps.mobileDeviceAccess.list(input.OrganizationId);
    const result = mobileDeviceAccessEffect(rules, {
      deviceType: input.DeviceType,
      deviceModel: input.DeviceModel,
      deviceOperatingSystem: input.DeviceOperatingSystem,
      deviceUserAgent: input.DeviceUserAgent,
    });
    return {
      Effect: result.effect,
      MatchedRules: result.matchedRules.map(({ ruleId, name }) => ({
        MobileDeviceAccessRuleId: ruleId,
        Name: name,
      })),
    };
  },
});

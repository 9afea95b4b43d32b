import { Type } from '@sinclair/typebox';
import { DEFAULT_MOBILE_DEVICE_POLICY, type MobileDevicePolicy } from '../../../access-control/types';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId, Timestamp, toTimestamp } from '../../shapes';

/** The policy's fields with ActiveSync's ranges (MS-ASPROV). */
const PolicyFields = {
  RequireDeviceEncryption: Type.Boolean(),
  RequireStorageCardEncryption: Type.Boolean(),
  PasswordRequired: Type.Boolean(),
  AllowSimplePassword: Type.Boolean(),
  MinPasswordLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  RequireAlphanumericPassword: Type.Boolean(),
  MaxFailedAttempts: Type.Optional(Type.Integer({ minimum: 4, maximum: 16 })),
  PasswordExpirationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  ScreenLockSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
  PasswordHistory: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
};

const optional = <K extends string>(key: K, value: number | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, number>);

/** MailwrightService.PutMobileDevicePolicy: the console's organization mobile device policy (no WorkMail API). */
export const putMobileDevicePolicy = defineOperation({
  name: 'PutMobileDevicePolicy',
  service: 'MailwrightService',
  summary:
    "Replaces the organization's mobile device policy (encryption, password rules, screen lock, wipe).",
  input: Type.Object({ OrganizationId, ...PolicyFields }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/mobile-device-policy' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const policy: MobileDevicePolicy = {
      requireDeviceEncryption: input.RequireDeviceEncryption,
      requireStorageCardEncryption: input.RequireStorageCardEncryption,
      passwordRequired: input.PasswordRequired,
      allowSimplePassword: input.AllowSimplePassword,
      requireAlphanumericPassword: input.RequireAlphanumericPassword,
      ...optional('minPasswordLength', input.MinPasswordLength),
      ...optional('maxFailedAttempts', input.MaxFailedAttempts),
      ...optional('passwordExpirationDays', input.PasswordExpirationDays),
      ...optional('screenLockSeconds', input.ScreenLockSeconds),
      ...optional('passwordHistory', input.PasswordHistory),
    };
    await deps.mobileDeviceAccess.putPolicy(input.OrganizationId, policy, deps.clock().getTime());
    return {};
  },
});

/** MailwrightService.GetMobileDevicePolicy: the policy, or the default (nothing required) when never set. */
export const getMobileDevicePolicy = defineOperation({
  name: 'GetMobileDevicePolicy',
  service: 'MailwrightService',
  summary: "Returns the organization's mobile device policy.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ ...PolicyFields, DateModified: Type.Optional(Timestamp) }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mobile-device-policy' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const stored = await deps.mobileDeviceAccess.getPolicy(input.OrganizationId);
    const policy = stored?.policy ?? DEFAULT_MOBILE_DEVICE_POLICY;
    return {
      RequireDeviceEncryption: policy.requireDeviceEncryption,
      RequireStorageCardEncryption: policy.requireStorageCardEncryption,
      PasswordRequired: policy.passwordRequired,
      AllowSimplePassword: policy.allowSimplePassword,
      RequireAlphanumericPassword: policy.requireAlphanumericPassword,
      ...optional('MinPasswordLength', policy.minPasswordLength),
      ...optional('MaxFailedAttempts', policy.maxFailedAttempts),
      ...optional('PasswordExpirationDays', policy.passwordExpirationDays),
      ...optional('ScreenLockSeconds', policy.screenLockSeconds),
      ...optional('PasswordHistory', policy.passwordHistory),
      ...(stored ? { DateModified: toTimestamp(stored.modifiedAt) } : {}),
    };
  },
});

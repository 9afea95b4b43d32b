/**
 * The rules that decide who reaches mailboxes, over which protocol and device, and what impersonation roles may do
 * (WorkMail's access control rules, mobile device access rules and overrides, impersonation roles). Pure data: the
 * engines beside this file evaluate them; stores and operations live elsewhere.
 */

export type RuleEffect = 'ALLOW' | 'DENY';

/** The protocols an access control rule names: WorkMail's, plus Mailwright's own JMAP and CalDAV (CardDAV too). */
export const ACCESS_CONTROL_ACTIONS = [
  'ActiveSync',
  'AutoDiscover',
  'EWS',
  'IMAP',
  'SMTP',
  'WindowsOutlook',
  'WebMail',
  'JMAP',
  'CalDAV',
] as const;
export type AccessControlAction = (typeof ACCESS_CONTROL_ACTIONS)[number];

/** An access control rule as WorkMail's `AccessControlRule` has it (dates aside). Empty lists impose nothing. */
export interface AccessControlRule {
  readonly name: string;
  readonly effect: RuleEffect;
  readonly description: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly ipRanges: readonly string[];
  readonly notIpRanges: readonly string[];
  readonly userIds: readonly string[];
  readonly notUserIds: readonly string[];
  readonly impersonationRoleIds: readonly string[];
  readonly notImpersonationRoleIds: readonly string[];
}

/** Who asks, how and from where: exactly one of `userId` and `impersonationRoleId`. */
export type AccessRequest = {
  readonly action: string;
  readonly ipAddress: string;
} & (
  | { readonly userId: string; readonly impersonationRoleId?: undefined }
  | { readonly impersonationRoleId: string; readonly userId?: undefined }
);

/** The decision and the rules that made it (their names). */
export interface AccessControlEffect {
  readonly effect: RuleEffect;
  readonly matchedRules: readonly string[];
}

/** A mobile device access rule. Each list holds prefixes (case-insensitive); `$NONE` matches an unreported value. */
export interface MobileDeviceAccessRule {
  readonly ruleId: string;
  readonly name: string;
  readonly effect: RuleEffect;
  readonly deviceTypes: readonly string[];
  readonly notDeviceTypes: readonly string[];
  readonly deviceModels: readonly string[];
  readonly notDeviceModels: readonly string[];
  readonly deviceOperatingSystems: readonly string[];
  readonly notDeviceOperatingSystems: readonly string[];
  readonly deviceUserAgents: readonly string[];
  readonly notDeviceUserAgents: readonly string[];
}

/** What a device reports about itself (any property may be missing). */
export interface DeviceProperties {
  readonly deviceType?: string;
  readonly deviceModel?: string;
  readonly deviceOperatingSystem?: string;
  readonly deviceUserAgent?: string;
}

export interface MobileDeviceAccessEffect {
  readonly effect: RuleEffect;
  readonly matchedRules: readonly { readonly ruleId: string; readonly name: string }[];
}

/** One rule of an impersonation role: applies to the listed targets, or to everyone but the listed ones. */
export interface ImpersonationRule {
  readonly ruleId: string;
  readonly name?: string;
  readonly description?: string;
  readonly effect: RuleEffect;
  readonly targetUsers: readonly string[];
  readonly notTargetUsers: readonly string[];
}

export interface ImpersonationEffect {
  readonly effect: RuleEffect;
  readonly matchedRules: readonly { readonly ruleId: string; readonly name?: string }[];
}

/**
 * The organization's mobile device policy (WorkMail console settings a–j), as ActiveSync provisioning would push it.
 * Absent numbers mean "no requirement".
 */
export interface MobileDevicePolicy {
  readonly requireDeviceEncryption: boolean;
  readonly requireStorageCardEncryption: boolean;
  readonly passwordRequired: boolean;
  readonly allowSimplePassword: boolean;
  readonly minPasswordLength?: number;
  readonly requireAlphanumericPassword: boolean;
  /** Failed unlocks before the device wipes itself. */
  readonly maxFailedAttempts?: number;
  readonly passwordExpirationDays?: number;
  /** Idle seconds before the screen locks. */
  readonly screenLockSeconds?: number;
  /** Passwords remembered before one may be reused. */
  readonly passwordHistory?: number;
}

/** What an organization that never set a policy has: nothing required. */
export const DEFAULT_MOBILE_DEVICE_POLICY: MobileDevicePolicy = {
  requireDeviceEncryption: false,
  requireStorageCardEncryption: false,
  passwordRequired: false,
  allowSimplePassword: true,
  requireAlphanumericPassword: false,
};

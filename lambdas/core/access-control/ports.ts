import type { AccessControlRule, MobileDeviceAccessRule, MobileDevicePolicy, RuleEffect } from './types';

/** An access control rule as stored, with its dates (epoch ms). */
export interface StoredAccessControlRule extends AccessControlRule {
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** How {@link AccessControlRuleStore.put} ended. */
export type PutRuleOutcome = 'PUT' | 'LIMIT_EXCEEDED';

/**
 * Each organization's access control rules (directory table). An organization whose rules were never changed has
 * WorkMail's default rule; the store materialises it with the first change. Adapter: DynamoDbAccessControlRuleStore.
 */
export interface AccessControlRuleStore {
  /** Every rule of the organization (at most {@link MAX_ACCESS_CONTROL_RULES}; one query). */
  list(organizationId: string): Promise<StoredAccessControlRule[]>;
  /** Creates the rule, or replaces the one with its name (keeping its creation date); refuses an 11th rule. */
  put(organizationId: string, rule: AccessControlRule, now: number): Promise<PutRuleOutcome>;
  /** Deletes the rule with this name; deleting what is not there succeeds. */
  delete(organizationId: string, name: string, now: number): Promise<void>;
}

/** WorkMail's limit of rules per organization. */
export const MAX_ACCESS_CONTROL_RULES = 10;

/** A mobile device access rule as stored, with its dates (epoch ms). */
export type StoredMobileDeviceAccessRule = MobileDeviceAccessRule & {
  readonly description?: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
};

/** How a write of a device rule ended. */
export type DeviceRuleWrite = 'WRITTEN' | 'LIMIT_EXCEEDED' | 'NOT_FOUND';

/**
 * Each organization's mobile device access rules (directory table); the allow-all default is implicit until the
 * first change. Adapter: DynamoDbMobileDeviceAccessStore.
 */
export interface MobileDeviceAccessRuleStore {
  list(organizationId: string): Promise<StoredMobileDeviceAccessRule[]>;
  /** `create`: a new rule (its id is fresh), refused past the limit; `replace`: an existing one, else NOT_FOUND. */
  write(
    organizationId: string,
    rule: MobileDeviceAccessRule & { readonly description?: string },
    now: number,
    mode: 'create' | 'replace',
  ): Promise<DeviceRuleWrite>;
  /** Deleting a missing rule succeeds. */
  delete(organizationId: string, ruleId: string, now: number): Promise<void>;
}

/** A per (user, device) decision that supersedes the rules. Device ids are stored upper-case. */
export interface MobileDeviceAccessOverride {
  readonly userId: string;
  readonly deviceId: string;
  readonly effect: RuleEffect;
  readonly description?: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** The overrides (directory table). Adapter: DynamoDbMobileDeviceAccessStore. */
export interface MobileDeviceAccessOverrideStore {
  /** Creates or replaces the override of the pair, keeping its creation date. */
  putOverride(
    organizationId: string,
    override: Omit<MobileDeviceAccessOverride, 'createdAt' | 'modifiedAt'>,
    now: number,
  ): Promise<void>;
  getOverride(
    organizationId: string,
    userId: string,
    deviceId: string,
  ): Promise<MobileDeviceAccessOverride | undefined>;
  /** Deleting a missing override succeeds. */
  deleteOverride(organizationId: string, userId: string, deviceId: string): Promise<void>;
  /** One page of the overrides, of one user, one device, both or neither (a query sized by the page). */
  listOverrides(
    organizationId: string,
    filter: { readonly userId?: string; readonly deviceId?: string },
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ readonly items: MobileDeviceAccessOverride[]; readonly cursor?: Record<string, unknown> }>;
}

/** The organization's mobile device policy (directory table). Adapter: DynamoDbMobileDeviceAccessStore. */
export interface MobileDevicePolicyStore {
  /** The policy and when it changed, or undefined when never set. */
  getPolicy(
    organizationId: string,
  ): Promise<{ readonly policy: MobileDevicePolicy; readonly modifiedAt: number } | undefined>;
  putPolicy(organizationId: string, policy: MobileDevicePolicy, now: number): Promise<void>;
}

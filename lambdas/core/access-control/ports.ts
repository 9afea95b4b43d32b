import type { AccessControlRule } from './types';

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

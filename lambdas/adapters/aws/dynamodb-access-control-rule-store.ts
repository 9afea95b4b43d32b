import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  MAX_ACCESS_CONTROL_RULES,
  type AccessControlRuleStore,
  type PutRuleOutcome,
  type StoredAccessControlRule,
} from '../../core/access-control/ports';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../core/access-control/rules';
import type { AccessControlRule } from '../../core/access-control/types';
import { DynamoDbOrganizationRuleSet } from './dynamodb-organization-rule-set';

/**
 * AccessControlRuleStore on the directory table: `ORG#<orgId> / ACR#<name>` per rule and `ORG#<orgId> / ACR`, the
 * count (see {@link DynamoDbOrganizationRuleSet}); the default rule is implicit until the first change.
 * @example
 * const rules = new DynamoDbAccessControlRuleStore(documents, 'mailwright-directory');
 */
export class DynamoDbAccessControlRuleStore implements AccessControlRuleStore {
  private readonly rules: DynamoDbOrganizationRuleSet<AccessControlRule>;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.rules = new DynamoDbOrganizationRuleSet(documents, tableName, {
      prefix: 'ACR',
      limit: MAX_ACCESS_CONTROL_RULES,
      defaultRule: { key: DEFAULT_ACCESS_CONTROL_RULE.name, rule: DEFAULT_ACCESS_CONTROL_RULE },
    });
  }

  list(organizationId: string): Promise<StoredAccessControlRule[]> {
    return this.rules.list(organizationId);
  }

  async put(organizationId: string, rule: AccessControlRule, now: number): Promise<PutRuleOutcome> {
    const outcome = await this.rules.write(organizationId, rule.name, rule, now, 'upsert');
    return outcome === 'LIMIT_EXCEEDED' ? 'LIMIT_EXCEEDED' : 'PUT';
  }

  delete(organizationId: string, name: string, now: number): Promise<void> {
    return this.rules.delete(organizationId, name, now);
  }
}

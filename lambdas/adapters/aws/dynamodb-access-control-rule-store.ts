import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  MAX_ACCESS_CONTROL_RULES,
  type AccessControlRuleStore,
  type PutRuleOutcome,
  type StoredAccessControlRule,
} from '../../core/access-control/ports';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../core/access-control/rules';
import type { AccessControlRule } from '../../core/access-control/types';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

const orgPk = (organizationId: string) => `ORG#${organizationId}`;
/** `ORG#<orgId> / ACR`: { count } of rules; absent while the organization still has only the implicit default. */
const counterKey = (organizationId: string) => ({ pk: orgPk(organizationId), sk: 'ACR' });
/** `ORG#<orgId> / ACR#<name>`: one rule. */
const ruleKey = (organizationId: string, name: string) => ({ pk: orgPk(organizationId), sk: `ACR#${name}` });
const MAX_ATTEMPTS = 5;

/**
 * AccessControlRuleStore on the directory table: one item per rule and a counter item, written together, so the
 * limit of ten holds under concurrent puts. One query (`begins_with(sk, 'ACR')`) reads the counter and the rules.
 * The default rule is implicit until the first change, which writes it with the counter.
 * @example
 * const rules = new DynamoDbAccessControlRuleStore(documents, 'mailwright-directory');
 */
export class DynamoDbAccessControlRuleStore implements AccessControlRuleStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(organizationId: string): Promise<StoredAccessControlRule[]> {
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': orgPk(organizationId), ':prefix': 'ACR' },
        ConsistentRead: true,
      }),
    );
    const items = output.Items ?? [];
    if (!items.some((item) => item.sk === 'ACR'))
      return [{ ...DEFAULT_ACCESS_CONTROL_RULE, createdAt: 0, modifiedAt: 0 }];
    return items.filter((item) => item.sk !== 'ACR').map((item) => item.rule as StoredAccessControlRule);
  }

  async put(organizationId: string, rule: AccessControlRule, now: number): Promise<PutRuleOutcome> {
    await this.materializeDefault(organizationId, now);
    for (let attempt = 1; ; attempt += 1) {
      const { Item } = await this.documents.send(
        new GetCommand({
          TableName: this.tableName,
          Key: ruleKey(organizationId, rule.name),
          ConsistentRead: true,
        }),
      );
      const existing = Item?.rule as StoredAccessControlRule | undefined;
      const stored: StoredAccessControlRule = {
        ...rule,
        createdAt: existing?.createdAt ?? now,
        modifiedAt: now,
      };
      const put: TransactItem = {
        Put: {
          TableName: this.tableName,
          Item: { ...ruleKey(organizationId, rule.name), rule: stored },
          ConditionExpression: existing ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
        },
      };
      const count: TransactItem = existing
        ? {
            ConditionCheck: {
              TableName: this.tableName,
              Key: counterKey(organizationId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: this.tableName,
              Key: counterKey(organizationId),
              UpdateExpression: 'ADD #count :one',
              ConditionExpression: '#count < :max',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':max': MAX_ACCESS_CONTROL_RULES },
            },
          };
      const codes = await transact(this.documents, [put, count]);
      if (!codes) return 'PUT';
      if (!existing && failedAt(codes, 1) && !failedAt(codes, 0)) return 'LIMIT_EXCEEDED';
      // The rule appeared or vanished meanwhile: read it again.
      if (attempt >= MAX_ATTEMPTS) throw new Error('The access control rule kept changing while it was put.');
    }
  }

  async delete(organizationId: string, name: string, now: number): Promise<void> {
    await this.materializeDefault(organizationId, now);
    await transact(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: ruleKey(organizationId, name),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(organizationId),
          UpdateExpression: 'ADD #count :minusOne',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ]);
  }

  /** Writes the implicit default rule and the counter, once; a no-op when the counter exists. */
  private async materializeDefault(organizationId: string, now: number): Promise<void> {
    const rule: StoredAccessControlRule = { ...DEFAULT_ACCESS_CONTROL_RULE, createdAt: now, modifiedAt: now };
    await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...counterKey(organizationId), count: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: { ...ruleKey(organizationId, rule.name), rule } } },
    ]);
  }
}

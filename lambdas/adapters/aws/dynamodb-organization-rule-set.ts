import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

/** How a write to a rule set ended. */
export type RuleSetWrite = 'WRITTEN' | 'LIMIT_EXCEEDED' | 'NOT_FOUND';

/** A rule as stored: the caller's value with its dates (epoch ms). */
export type Dated<T> = T & { readonly createdAt: number; readonly modifiedAt: number };

const MAX_ATTEMPTS = 5;

/**
 * A bounded set of rules per organization on the directory table, optionally with an implicit default rule until
 * the first change (WorkMail's access control and mobile device rules; impersonation roles have none):
 * `ORG#<orgId> / <prefix>` holds { count } and `ORG#<orgId> / <prefix>#<key>` one rule each, written in one
 * transaction with the count, so the limit holds under concurrent writes. One query (`begins_with(sk, <prefix>)`) reads the counter and every rule.
 * @example
 * const rules = new DynamoDbOrganizationRuleSet(documents, table, { prefix: 'ACR', limit: 10, defaultRule });
 */
export class DynamoDbOrganizationRuleSet<T> {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: {
      readonly prefix: string;
      readonly limit: number;
      /** The rule an organization has until its first change. @default - none: an untouched set is empty */
      readonly defaultRule?: { readonly key: string; readonly rule: T };
    },
  ) {}

  /** Every rule; the default alone (dated 0) while the organization never changed its rules. */
  async list(organizationId: string): Promise<Dated<T>[]> {
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':prefix': this.options.prefix },
        ConsistentRead: true,
      }),
    );
    const items = output.Items ?? [];
    const { defaultRule } = this.options;
    if (defaultRule && !items.some((item) => item.sk === this.options.prefix))
      return [{ ...defaultRule.rule, createdAt: 0, modifiedAt: 0 }];
    return items.filter((item) => item.sk !== this.options.prefix).map((item) => item.rule as Dated<T>);
  }

  /** The stored rule under `key` (one consistent read; the implicit default is not stored, so not found here). */
  async get(organizationId: string, key: string): Promise<Dated<T> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.ruleKey(organizationId, key),
        ConsistentRead: true,
      }),
    );
    return Item?.rule as Dated<T> | undefined;
  }

  /**
   * Writes the rule under `key`: `create` only a new one (within the limit), `replace` only an existing one (keeping
   * its creation date), `upsert` either.
   */
  async write(
    organizationId: string,
    key: string,
    rule: T,
    now: number,
    mode: 'create' | 'replace' | 'upsert',
  ): Promise<RuleSetWrite> {
    await this.materializeDefault(organizationId, now);
    for (let attempt = 1; ; attempt += 1) {
      const existing = await this.get(organizationId, key);
      if (existing && mode === 'create') throw new Error('A new rule key collided with an existing rule.');
      if (!existing && mode === 'replace') return 'NOT_FOUND';
      const stored = { ...rule, createdAt: existing?.createdAt ?? now, modifiedAt: now };
      const put: TransactItem = {
        Put: {
          TableName: this.tableName,
          Item: { ...this.ruleKey(organizationId, key), rule: stored },
          ConditionExpression: existing ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
        },
      };
      const counter: TransactItem = existing
        ? {
            ConditionCheck: {
              TableName: this.tableName,
              Key: this.counterKey(organizationId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: this.tableName,
              Key: this.counterKey(organizationId),
              UpdateExpression: 'ADD #count :one',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':max': this.options.limit },
            },
          };
      const codes = await transact(this.documents, [put, counter]);
      if (!codes) return 'WRITTEN';
      if (!existing && failedAt(codes, 1) && !failedAt(codes, 0)) return 'LIMIT_EXCEEDED';
      // The rule appeared or vanished meanwhile: read it again.
      if (attempt >= MAX_ATTEMPTS) throw new Error('The rule kept changing while it was written.');
    }
  }

  /** Deletes the rule under `key`; deleting what is not there succeeds. */
  async delete(organizationId: string, key: string, now: number): Promise<void> {
    await this.materializeDefault(organizationId, now);
    await transact(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: this.ruleKey(organizationId, key),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: this.counterKey(organizationId),
          UpdateExpression: 'ADD #count :minusOne',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ]);
  }

  /** Writes the implicit default rule and the counter, once; a no-op when the counter exists. */
  private async materializeDefault(organizationId: string, now: number): Promise<void> {
    if (!this.options.defaultRule) return;
    const { key, rule } = this.options.defaultRule;
    await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...this.counterKey(organizationId), count: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...this.ruleKey(organizationId, key), rule: { ...rule, createdAt: now, modifiedAt: now } },
        },
      },
    ]);
  }

  private counterKey(organizationId: string) {
    return { pk: `ORG#${organizationId}`, sk: this.options.prefix };
  }

  private ruleKey(organizationId: string, key: string) {
    return { pk: `ORG#${organizationId}`, sk: `${this.options.prefix}#${key}` };
  }
}

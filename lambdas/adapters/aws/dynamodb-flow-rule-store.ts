import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  LimitExceededException,
  NameAvailabilityException,
  ResourceNotFoundException,
} from '../../core/api/errors';
import type { Cursor, Page, PageRequest } from '../../core/api/pagination';
import type { FlowRuleStore } from '../../core/flow-rules/ports';
import type { FlowDirection, FlowRule } from '../../core/flow-rules/types';
import { failedAt, transact, type TransactItems } from './dynamodb-transact';

const orgPk = (organizationId: string) => `ORG#${organizationId}`;
const ruleKey = (organizationId: string, direction: FlowDirection, name: string) => ({
  pk: orgPk(organizationId),
  sk: `FLOWRULE#${direction}#${name}`,
});
/**
 * Per organization: `patterns` (sender patterns held by all its rules) and `version` (bumped by every write).
 */
const counterKey = (organizationId: string) => ({ pk: orgPk(organizationId), sk: 'FLOWRULES' });

/** Attempts at a replace or delete that lost a race against another write of the same rule. */
const MAX_ATTEMPTS = 5;

interface StoredRule {
  readonly rule: FlowRule;
  readonly revision: number;
}

/**
 * Email flow rules in the directory table (`ORG#<orgId>` / `FLOWRULE#<direction>#<name>`), with a
 * per-organization
 * counter item (`ORG#<orgId>` / `FLOWRULES`) written in the same transaction as each rule, so the
 * sender-pattern
 * quota holds under concurrent writes.
 * @example
 * const flowRules = new DynamoDbFlowRuleStore(documents, 'mailwright-directory');
 */
export class DynamoDbFlowRuleStore implements FlowRuleStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createRule(rule: FlowRule, patternLimit: number): Promise<void> {
    const count = rule.senderPatterns.length;
    if (count > patternLimit) throw limitExceeded(patternLimit);
    const codes = await transact(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: this.toItem(rule, 1),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.counterUpdate(rule.organizationId, count, patternLimit),
    ]);
    if (!codes) return;
    if (failedAt(codes, 0)) {
      throw new NameAvailabilityException(
        `An ${rule.direction} flow rule named ${rule.name} already exists.`,
      );
    }
    throw limitExceeded(patternLimit);
  }

  async replaceRule(rule: FlowRule, patternLimit: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(rule.organizationId, rule.direction, rule.name);
      if (!current) throw notFound(rule.direction, rule.name);
      const delta = rule.senderPatterns.length - current.rule.senderPatterns.length;
      const codes = await transact(this.documents, [
        {
          Put: {
            TableName: this.tableName,
            Item: this.toItem({ ...rule, createdAt: current.rule.createdAt }, current.revision + 1),
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': current.revision },
          },
        },
        this.counterUpdate(rule.organizationId, delta, patternLimit),
      ]);
      if (!codes) return;
      if (failedAt(codes, 1)) throw limitExceeded(patternLimit);
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Flow rule ${rule.name} kept changing during the update`);
    }
  }

  async deleteRule(organizationId: string, direction: FlowDirection, name: string): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(organizationId, direction, name);
      if (!current) return false;
      const codes = await transact(this.documents, [
        {
          Delete: {
            TableName: this.tableName,
            Key: ruleKey(organizationId, direction, name),
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': current.revision },
          },
        },
        this.counterUpdate(organizationId, -current.rule.senderPatterns.length, Number.POSITIVE_INFINITY),
      ]);
      if (!codes) return true;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Flow rule ${name} kept changing during the delete`);
    }
  }

  async getRule(
    organizationId: string,
    direction: FlowDirection,
    name: string,
  ): Promise<FlowRule | undefined> {
    return (await this.read(organizationId, direction, name))?.rule;
  }

  async listRules(
    organizationId: string,
    direction: FlowDirection | undefined,
    request: PageRequest,
  ): Promise<Page<FlowRule>> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        ...this.ruleQuery(organizationId, direction),
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const items = Items.map((item) => toRule(item));
    return LastEvaluatedKey ? { items, cursor: LastEvaluatedKey as Cursor } : { items };
  }

  async loadRules(organizationId: string, direction: FlowDirection): Promise<FlowRule[]> {
    const rules: FlowRule[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({ ...this.ruleQuery(organizationId, direction), ExclusiveStartKey: cursor }),
      );
      rules.push(...(page.Items ?? []).map((item) => toRule(item)));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return rules;
  }

  async rulesVersion(organizationId: string): Promise<number> {
    return Number((await this.counter(organizationId))?.version ?? 0);
  }

  async senderPatternCount(organizationId: string): Promise<number> {
    return Number((await this.counter(organizationId))?.patterns ?? 0);
  }

  private async counter(organizationId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: counterKey(organizationId), ConsistentRead: true }),
    );
    return Item;
  }

  private async read(
    organizationId: string,
    direction: FlowDirection,
    name: string,
  ): Promise<StoredRule | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: ruleKey(organizationId, direction, name),
        ConsistentRead: true,
      }),
    );
    return Item ? { rule: toRule(Item), revision: Number(Item.revision) } : undefined;
  }

  private ruleQuery(organizationId: string, direction: FlowDirection | undefined) {
    return {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': orgPk(organizationId),
        ':prefix': direction ? `FLOWRULE#${direction}#` : 'FLOWRULE#',
      },
      ConsistentRead: true,
    };
  }

  /** Adds `delta` patterns and bumps the version; refuses to grow past `limit`. */
  private counterUpdate(organizationId: string, delta: number, limit: number): TransactItems[number] {
    const grows = delta > 0 && Number.isFinite(limit);
    return {
      Update: {
        TableName: this.tableName,
        Key: counterKey(organizationId),
        UpdateExpression:
          'SET #patterns = if_not_exists(#patterns, :zero) + :delta, ' +
          '#version = if_not_exists(#version, :zero) + :one',
        ...(grows ? { ConditionExpression: 'attribute_not_exists(#patterns) OR #patterns <= :room' } : {}),
        ExpressionAttributeNames: { '#patterns': 'patterns', '#version': 'version' },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':one': 1,
          ':delta': delta,
          ...(grows ? { ':room': limit - delta } : {}),
        },
      },
    };
  }

  private toItem(rule: FlowRule, revision: number): Record<string, unknown> {
    return { ...ruleKey(rule.organizationId, rule.direction, rule.name), ...rule, revision };
  }
}

function toRule(item: Record<string, unknown>): FlowRule {
  const { pk: _pk, sk: _sk, revision: _revision, ...rule } = item;
  return rule as unknown as FlowRule;
}

function limitExceeded(limit: number): LimitExceededException {
  return new LimitExceededException(
    `An organization's flow rules can hold at most ${limit} sender patterns.`,
  );
}

function notFound(direction: FlowDirection, name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`There is no ${direction} flow rule named ${name}.`);
}

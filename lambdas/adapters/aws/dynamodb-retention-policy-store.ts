import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetentionPolicyStore } from '../../core/retention/ports';
import type { RetentionPolicy } from '../../core/retention/types';

/** `ORG#<orgId> / RETENTION`: the organization's policy; `removed` once deleted (it stays on the sweep's list). */
const policyKey = (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'RETENTION' });
/** gsi1 partition listing every organization that has or had a policy. */
const LISTING = 'RETENTIONORGS';
const PAGE = 100;

/**
 * RetentionPolicyStore on the directory table: one item per organization, listed through gsi1
 * (`RETENTIONORGS / <orgId>`), so the sweep finds the organizations with a policy without reading the others.
 * @example
 * const policies = new DynamoDbRetentionPolicyStore(documents, 'mailwright-directory');
 */
export class DynamoDbRetentionPolicyStore implements RetentionPolicyStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(organizationId: string): Promise<RetentionPolicy | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: policyKey(organizationId), ConsistentRead: true }),
    );
    if (!Item || Item.removed === true) return undefined;
    return Item.policy as RetentionPolicy;
  }

  async put(organizationId: string, policy: RetentionPolicy): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: this.item(organizationId, { policy }) }),
    );
  }

  async delete(organizationId: string, policyId: string): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(organizationId, { removed: true }),
          ConditionExpression: '#policy.#id = :id',
          ExpressionAttributeNames: { '#policy': 'policy', '#id': 'id' },
          ExpressionAttributeValues: { ':id': policyId },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async listOrganizations(cursor?: string): Promise<{ organizationIds: string[]; cursor?: string }> {
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': LISTING },
        ProjectionExpression: 'gsi1sk',
        Limit: PAGE,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> } : {}),
      }),
    );
    const organizationIds = (output.Items ?? []).map((item) => item.gsi1sk as string);
    return output.LastEvaluatedKey
      ? { organizationIds, cursor: JSON.stringify(output.LastEvaluatedKey) }
      : { organizationIds };
  }

  private item(organizationId: string, rest: Record<string, unknown>) {
    return { ...policyKey(organizationId), gsi1pk: LISTING, gsi1sk: organizationId, ...rest };
  }
}

import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditLogDeliveryStore } from '../../core/audit-logs/ports';
import type { AuditLogDelivery, AuditLogType } from '../../core/audit-logs/types';

const PREFIX = 'AUDITLOG#';
/** `ORG#<orgId> / AUDITLOG#<logType>`: where one audit log type of the organization is delivered. */
const deliveryKey = (organizationId: string, logType: AuditLogType) => ({
  pk: `ORG#${organizationId}`,
  sk: `${PREFIX}${logType}`,
});

function toDelivery(item: Record<string, unknown>): AuditLogDelivery {
  const { pk: _pk, sk: _sk, ...delivery } = item;
  return delivery as unknown as AuditLogDelivery;
}

/**
 * Audit log deliveries in the Directory table, beside the organization's other settings: one item per log type,
 * so an organization's five are one Query.
 * @example
 * const deliveries = new DynamoDbAuditLogDeliveryStore(documents, 'mailwright-directory');
 */
export class DynamoDbAuditLogDeliveryStore implements AuditLogDeliveryStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(organizationId: string): Promise<AuditLogDelivery[]> {
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':prefix': PREFIX },
      }),
    );
    return Items.map(toDelivery);
  }

  async get(organizationId: string, logType: AuditLogType): Promise<AuditLogDelivery | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: deliveryKey(organizationId, logType),
        ConsistentRead: true,
      }),
    );
    return Item && toDelivery(Item);
  }

  async put(delivery: AuditLogDelivery): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...deliveryKey(delivery.organizationId, delivery.logType), ...delivery },
      }),
    );
  }

  async delete(organizationId: string, logType: AuditLogType): Promise<boolean> {
    const { Attributes } = await this.documents.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: deliveryKey(organizationId, logType),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  }
}

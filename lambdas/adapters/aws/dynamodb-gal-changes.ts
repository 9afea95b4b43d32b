import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { positionAt } from '../../core/gal/global-address-list';
import type { GalChangeLog, GalChangeMark } from '../../core/gal/ports';
import { orgKey } from './dynamodb-entity-items';
import type { TransactItem } from './dynamodb-transact';

/** The gsi1 partition of an organization's address-list change marks. */
function marksPartition(organizationId: string): string {
  return `${orgKey(organizationId)}#GALMARK`;
}

/**
 * The transaction item that records "this entity's address-list fields changed now": one `GALMARK#<entityId>` item
 * per entity, replaced by each change, indexed on gsi1 by `<time, 15 digits>#<entityId>`. The entity store appends
 * it to every transaction that registers, disables, renames or re-addresses an entity or changes its display name,
 * hidden flag or resource type.
 * @param tableName - the directory table
 * @param organizationId - the entity's organization
 * @param entityId - the entity
 * @param at - the write time, epoch ms @default - now
 * @example
 * items.push(galMark(table, orgId, entityId));
 */
export function galMark(
  tableName: string,
  organizationId: string,
  entityId: string,
  at: number = Date.now(),
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: orgKey(organizationId),
        sk: `GALMARK#${entityId}`,
        gsi1pk: marksPartition(organizationId),
        gsi1sk: `${positionAt(at)}#${entityId}`,
        entityId,
      },
    },
  };
}

/**
 * The address-list change log on the directory table: one gsi1 query from a position, sized by the marks after it.
 * @example
 * const changes = new DynamoDbGalChangeLog(documents, 'mailwright-directory');
 * const { marks } = await changes.marksAfter(orgId, '000001767225600000', 100);
 */
export class DynamoDbGalChangeLog implements GalChangeLog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async marksAfter(
    organizationId: string,
    position: string,
    limit: number,
  ): Promise<{ marks: GalChangeMark[]; more: boolean }> {
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
        ExpressionAttributeValues: { ':pk': marksPartition(organizationId), ':after': position },
        Limit: limit + 1,
      }),
    );
    const marks = Items.slice(0, limit).map((item) => ({
      entityId: String(item.entityId),
      position: String(item.gsi1sk),
    }));
    return { marks, more: Items.length > limit };
  }
}

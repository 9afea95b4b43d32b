import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EntityStateException } from '../../core/api/errors';
import type { Cursor, Page, PageRequest } from '../../core/api/pagination';
import type { EntityReference, GroupReference } from '../../core/directory/ports';
import type { Entity, EntityKind } from '../../core/directory/types';
import { entityKey, orgKey } from './dynamodb-entity-items';
import { transact } from './dynamodb-transact';

/**
 * The membership part of the DynamoDB entity store: `MEMBER#<group>#<member>` with its mirror
 * `MEMBEROF#<member>#<group>`, written together. Resource delegates are in EntityDelegates.
 */
export class EntityRelations {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** See EntityStore.addMember. Both entities must still exist and not be DELETED. */
  async addMember(organizationId: string, group: Entity, member: EntityReference): Promise<void> {
    const pk = orgKey(organizationId);
    const TableName = this.tableName;
    const live = (entityId: string) => ({
      ConditionCheck: {
        TableName,
        Key: entityKey(organizationId, entityId),
        ConditionExpression: 'attribute_exists(pk) AND #state <> :deleted',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':deleted': 'DELETED' },
      },
    });
    const codes = await transact(this.documents, [
      live(group.entityId),
      live(member.entityId),
      {
        Put: {
          TableName,
          Item: {
            pk,
            sk: `MEMBER#${group.entityId}#${member.entityId}`,
            groupId: group.entityId,
            memberId: member.entityId,
            memberKind: member.kind,
          },
        },
      },
      {
        Put: {
          TableName,
          Item: {
            pk,
            sk: `MEMBEROF#${member.entityId}#${group.entityId}`,
            groupId: group.entityId,
            groupName: group.name,
            memberId: member.entityId,
          },
        },
      },
    ]);
    if (codes) throw new EntityStateException('The group or the member has been deleted.');
  }

  /** See EntityStore.removeMember. */
  async removeMember(organizationId: string, groupId: string, memberId: string): Promise<void> {
    const pk = orgKey(organizationId);
    await transact(this.documents, [
      { Delete: { TableName: this.tableName, Key: { pk, sk: `MEMBER#${groupId}#${memberId}` } } },
      { Delete: { TableName: this.tableName, Key: { pk, sk: `MEMBEROF#${memberId}#${groupId}` } } },
    ]);
  }

  /** See EntityStore.listMembersPage. */
  async listMembersPage(
    organizationId: string,
    groupId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>> {
    const page = await this.query(organizationId, `MEMBER#${groupId}#`, request);
    return {
      ...page,
      items: page.items.map((item) => ({
        entityId: String(item.memberId),
        kind: item.memberKind as EntityKind,
      })),
    };
  }

  /** See EntityStore.listMembers. */
  async listMembers(organizationId: string, groupId: string): Promise<EntityReference[]> {
    return this.all((request) => this.listMembersPage(organizationId, groupId, request));
  }

  /** See EntityStore.listGroupsOf. The prefix filter reads only this entity's memberships. */
  async listGroupsOf(
    organizationId: string,
    entityId: string,
    request: PageRequest,
    namePrefix?: string,
  ): Promise<Page<GroupReference>> {
    const page = await this.query(organizationId, `MEMBEROF#${entityId}#`, request, namePrefix);
    return {
      ...page,
      items: page.items.map((item) => ({ groupId: String(item.groupId), groupName: String(item.groupName) })),
    };
  }

  /** See EntityStore.listAllGroupsOf. */
  async listAllGroupsOf(organizationId: string, entityId: string): Promise<GroupReference[]> {
    return this.all((request) => this.listGroupsOf(organizationId, entityId, request));
  }

  /** Removes a deleted entity's memberships, in both directions. */
  async dropAll(organizationId: string, entity: Entity): Promise<void> {
    const pk = orgKey(organizationId);
    const keys: { pk: string; sk: string }[] = [];
    for (const group of await this.listAllGroupsOf(organizationId, entity.entityId)) {
      keys.push(
        { pk, sk: `MEMBER#${group.groupId}#${entity.entityId}` },
        { pk, sk: `MEMBEROF#${entity.entityId}#${group.groupId}` },
      );
    }
    if (entity.kind === 'GROUP') {
      for (const member of await this.listMembers(organizationId, entity.entityId)) {
        keys.push(
          { pk, sk: `MEMBER#${entity.entityId}#${member.entityId}` },
          { pk, sk: `MEMBEROF#${member.entityId}#${entity.entityId}` },
        );
      }
    }
    await this.deleteAll(keys);
  }

  private async deleteAll(keys: readonly { pk: string; sk: string }[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 25) {
      let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /** One page of the organization's items whose sort key starts with `prefix` (optionally a group name prefix). */
  async query(organizationId: string, prefix: string, request: PageRequest, namePrefix?: string) {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...(namePrefix ? { FilterExpression: 'begins_with(groupName, :name)' } : {}),
        ExpressionAttributeValues: {
          ':pk': orgKey(organizationId),
          ':prefix': prefix,
          ...(namePrefix ? { ':name': namePrefix } : {}),
        },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
        ConsistentRead: true,
      }),
    );
    return { items: Items, ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey as Cursor } : {}) };
  }

  /** Every item of a paged listing. */
  async all<T>(fetch: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    let cursor: Cursor | undefined;
    do {
      const page = await fetch({ limit: 100, cursor });
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EntityStateException, InvalidConfigurationException } from '../../core/api/errors';
import type { Page, PageRequest } from '../../core/api/pagination';
import type { EntityReference } from '../../core/directory/ports';
import type { Entity, EntityKind } from '../../core/directory/types';
import { delegateKey, delegateOfKey, entityKey } from './dynamodb-entity-items';
import type { EntityRelations } from './dynamodb-entity-relations';
import { failedAt, transact } from './dynamodb-transact';

/**
 * The delegate part of the DynamoDB entity store: `DELEGATE#<resource>#<entity>` with its mirror
 * `DELEGATEOF#<entity>#<resource>`, written and removed together with the resource's `delegateCount`, on which
 * the rule "a resource that does not auto-accept requests keeps a delegate" is a condition.
 */
export class EntityDelegates {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly relations: EntityRelations,
  ) {}

  /**
   * See EntityStore.addDelegate. Items: the delegate is live, the resource is live and counts one more delegate,
   * and both delegation items are new (so re-adding changes nothing).
   */
  async addDelegate(organizationId: string, resourceId: string, delegate: EntityReference): Promise<void> {
    const TableName = this.tableName;
    const delegation = { resourceId, entityId: delegate.entityId, entityKind: delegate.kind };
    const codes = await transact(this.documents, [
      {
        ConditionCheck: {
          TableName,
          Key: entityKey(organizationId, delegate.entityId),
          ConditionExpression: 'attribute_exists(pk) AND #state <> :deleted',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':deleted': 'DELETED' },
        },
      },
      {
        Put: {
          TableName,
          Item: { ...delegateKey(organizationId, resourceId, delegate.entityId), ...delegation },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName,
          Item: { ...delegateOfKey(organizationId, delegate.entityId, resourceId), ...delegation },
        },
      },
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, resourceId),
          UpdateExpression: 'ADD delegateCount :one',
          ConditionExpression: 'attribute_exists(pk) AND #state <> :deleted',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':deleted': 'DELETED' },
        },
      },
    ]);
    if (!codes) return;
    if (failedAt(codes, 0)) throw new EntityStateException('The delegate has been deleted.');
    if (failedAt(codes, 3)) throw new EntityStateException('The resource has been deleted.');
  }

  /**
   * See EntityStore.removeDelegate. The resource's `delegateCount` is decremented under the condition that it
   * either keeps a delegate or auto-accepts requests, so the last delegate of a resource that needs one stays.
   */
  async removeDelegate(organizationId: string, resourceId: string, delegateId: string): Promise<void> {
    const codes = await transact(this.documents, [
      ...this.unlink(organizationId, resourceId, delegateId),
      {
        Update: {
          TableName: this.tableName,
          Key: entityKey(organizationId, resourceId),
          UpdateExpression: 'ADD delegateCount :minusOne',
          ConditionExpression:
            'attribute_exists(pk) AND (delegateCount > :one OR attribute_not_exists(bookingOptions) OR ' +
            'bookingOptions.AutoAcceptRequests <> :false)',
          ExpressionAttributeValues: { ':minusOne': -1, ':one': 1, ':false': false },
        },
      },
    ]);
    if (!codes || failedAt(codes, 0)) return;
    throw new InvalidConfigurationException(
      'A resource that does not auto-accept requests needs at least one delegate.',
    );
  }

  /** See EntityStore.listDelegates. */
  async listDelegates(
    organizationId: string,
    resourceId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>> {
    const page = await this.relations.query(organizationId, `DELEGATE#${resourceId}#`, request);
    return {
      ...page,
      items: page.items.map((item) => ({
        entityId: String(item.entityId),
        kind: item.entityKind as EntityKind,
      })),
    };
  }

  /** Removes a deleted entity's delegations: a resource's delegates, or the resources it is a delegate of. */
  async dropAll(organizationId: string, entity: Entity): Promise<void> {
    const delegations =
      entity.kind === 'RESOURCE'
        ? (
            await this.relations.all((request) =>
              this.listDelegates(organizationId, entity.entityId, request),
            )
          ).map((delegate) => [entity.entityId, delegate.entityId] as const)
        : (
            await this.relations.all((request) =>
              this.relations.query(organizationId, `DELEGATEOF#${entity.entityId}#`, request),
            )
          ).map((item) => [String(item.resourceId), entity.entityId] as const);
    for (const [resourceId, delegateId] of delegations) {
      // A delegation another call removed meanwhile cancels its transaction, so nothing is counted twice.
      await transact(this.documents, [
        ...this.unlink(organizationId, resourceId, delegateId),
        {
          Update: {
            TableName: this.tableName,
            Key: entityKey(organizationId, resourceId),
            UpdateExpression: 'ADD delegateCount :minusOne',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':minusOne': -1 },
          },
        },
      ]);
    }
  }

  /** The two deletes of a delegation; the first fails its condition when the delegation does not exist. */
  private unlink(organizationId: string, resourceId: string, delegateId: string) {
    return [
      {
        Delete: {
          TableName: this.tableName,
          Key: delegateKey(organizationId, resourceId, delegateId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      { Delete: { TableName: this.tableName, Key: delegateOfKey(organizationId, delegateId, resourceId) } },
    ];
  }
}

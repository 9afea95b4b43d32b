import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  EmailAddressInUseException,
  EntityStateException,
  LimitExceededException,
  NameAvailabilityException,
} from '../../core/api/errors';
import { splitAddress } from '../../core/directory/addresses';
import type { Entity } from '../../core/directory/types';
import {
  emailKey,
  entityKey,
  identityProviderKey,
  indexKeys,
  nameKey,
  stateIndexKey,
  toItem,
  transact,
  type TransactItem,
  userCounterKey,
} from './dynamodb-entity-items';
import type { EntityRelations } from './dynamodb-entity-relations';

/**
 * The lifecycle half of the DynamoDB entity store: creation (entity, name claim and user seat in one
 * transaction), registration (address claim and state change in one transaction), deletion and renaming.
 */
export class EntityLifecycle {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly relations: EntityRelations,
    private readonly getEntity: (organizationId: string, entityId: string) => Promise<Entity | undefined>,
  ) {}

  /** See EntityStore.createEntity. Items: entity, name claim, user seat (users), identity-provider listing. */
  async createEntity(entity: Entity, userLimit: number): Promise<void> {
    const TableName = this.tableName;
    const { organizationId, entityId } = entity;
    const items: TransactItem[] = [
      { Put: { TableName, Item: toItem(entity), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName,
          Item: { ...nameKey(organizationId, entity.name), entityId, kind: entity.kind },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (entity.kind === 'USER') {
      items.push({
        Update: {
          TableName,
          Key: userCounterKey(organizationId),
          UpdateExpression: 'ADD #total :one',
          ConditionExpression: 'attribute_not_exists(#total) OR #total < :limit',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':one': 1, ':limit': userLimit },
        },
      });
    }
    if (entity.identityProviderUserId) {
      const key = identityProviderKey(organizationId, entity.identityProviderUserId, entityId);
      items.push({ Put: { TableName, Item: { ...key, entityId } } });
    }
    const failed = await transact(this.documents, items);
    if (failed?.includes(1))
      throw new NameAvailabilityException(`The name ${entity.name} is already in use.`);
    if (failed?.includes(2))
      throw new LimitExceededException('The organization has reached its users quota.');
    if (failed) throw new Error(`Entity id collision: ${entityId}`);
  }

  /** See EntityStore.register. */
  async register(
    organizationId: string,
    entityId: string,
    email: string,
    at: number,
    mailbox: boolean,
  ): Promise<void> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity) throw new EntityStateException('The entity no longer exists.');
    const { address } = splitAddress(email);
    const TableName = this.tableName;
    const keys = indexKeys({ ...entity, state: 'ENABLED', email: address });
    const failed = await transact(this.documents, [
      {
        Put: {
          TableName,
          Item: {
            ...emailKey(organizationId, address),
            entityId,
            kind: entity.kind,
            address,
            isPrimary: true,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression:
            'SET #state = :enabled, email = :email, enabledAt = :at, gsi2pk = :gsi2pk, gsi3pk = :gsi3pk, gsi3sk = :email' +
            (mailbox ? ', mailboxProvisionedAt = if_not_exists(mailboxProvisionedAt, :at)' : '') +
            ' REMOVE disabledAt, mailboxDeprovisionedAt',
          ConditionExpression: '#state = :disabled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':enabled': 'ENABLED',
            ':disabled': 'DISABLED',
            ':email': address,
            ':at': at,
            ':gsi2pk': keys.gsi2pk,
            ':gsi3pk': keys.gsi3pk,
          },
        },
      },
    ]);
    if (failed?.includes(0))
      throw new EmailAddressInUseException(`The address ${address} is already in use.`);
    if (failed) throw new EntityStateException('The entity is no longer disabled.');
  }

  /** See EntityStore.markDeleted. */
  async markDeleted(organizationId: string, entityId: string, at: number): Promise<void> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity || entity.state !== 'DISABLED')
      throw new EntityStateException('Only a disabled entity can be deleted.');
    const TableName = this.tableName;
    const failed = await transact(this.documents, [
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: 'SET #state = :deleted, deletedAt = :at, gsi2pk = :gsi2pk',
          ConditionExpression: '#state = :disabled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':deleted': 'DELETED',
            ':disabled': 'DISABLED',
            ':at': at,
            ':gsi2pk': stateIndexKey(organizationId, entity.kind, 'DELETED'),
          },
        },
      },
      {
        Delete: {
          TableName,
          Key: nameKey(organizationId, entity.name),
          ConditionExpression: 'attribute_not_exists(pk) OR entityId = :id',
          ExpressionAttributeValues: { ':id': entityId },
        },
      },
      ...(entity.kind === 'USER'
        ? [
            {
              Update: {
                TableName,
                Key: userCounterKey(organizationId),
                UpdateExpression: 'ADD #total :minusOne',
                ExpressionAttributeNames: { '#total': 'total' },
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            },
          ]
        : []),
    ]);
    if (failed) throw new EntityStateException('Only a disabled entity can be deleted.');
    await this.relations.dropAll(organizationId, entity);
  }

  /** See EntityStore.rename. */
  async rename(organizationId: string, entityId: string, newName: string): Promise<void> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity || entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    if (entity.name === newName) return;
    const TableName = this.tableName;
    const claimMoves = entity.name.toLowerCase() !== newName.toLowerCase();
    const failed = await transact(this.documents, [
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: 'SET #name = :new, gsi1sk = :new, gsi2sk = :new',
          ConditionExpression: '#name = :old',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':new': newName, ':old': entity.name },
        },
      },
      ...(claimMoves
        ? [
            {
              Put: {
                TableName,
                Item: { ...nameKey(organizationId, newName), entityId, kind: entity.kind },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Delete: {
                TableName,
                Key: nameKey(organizationId, entity.name),
                ConditionExpression: 'attribute_not_exists(pk) OR entityId = :id',
                ExpressionAttributeValues: { ':id': entityId },
              },
            },
          ]
        : []),
    ]);
    if (failed?.includes(1)) throw new NameAvailabilityException(`The name ${newName} is already in use.`);
    if (failed) throw new EntityStateException('The entity changed concurrently; try again.');
  }
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  EmailAddressInUseException,
  EntityStateException,
  InvalidConfigurationException,
  LimitExceededException,
  MailDomainNotFoundException,
  NameAvailabilityException,
} from '../../core/api/errors';
import { splitAddress } from '../../core/directory/addresses';
import type { EntityChanges } from '../../core/directory/ports';
import type { Entity } from '../../core/directory/types';
import {
  domainAddressCount,
  emailKey,
  entityKey,
  identityProviderMove,
  indexKeys,
  nameKey,
  newEntityItems,
  stateIndexKey,
  userCounterKey,
} from './dynamodb-entity-items';
import { galMark } from './dynamodb-gal-changes';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

/** Attributes that show in the global address list: changing one marks the entity (core/gal). */
const GAL_FIELDS = ['displayName', 'hiddenFromGlobalAddressList', 'resourceType'] as const;

/**
 * The lifecycle half of the DynamoDB entity store: creation (entity, name claim and user seat in one
 * transaction), registration (address claim, domain address count and state change in one transaction), attribute
 * changes, deletion and renaming.
 */
export class EntityLifecycle {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly dropRelations: (organizationId: string, entity: Entity) => Promise<void>,
    private readonly getEntity: (organizationId: string, entityId: string) => Promise<Entity | undefined>,
  ) {}

  /** See EntityStore.createEntity. Items: entity, name claim, user seat (users), identity-provider listing. */
  async createEntity(entity: Entity, userLimit: number): Promise<void> {
    const TableName = this.tableName;
    const { organizationId } = entity;
    const [entityItem, nameClaim, ...listing] = newEntityItems(entity);
    const items: TransactItem[] = [
      { Put: { TableName, Item: entityItem, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName, Item: nameClaim, ConditionExpression: 'attribute_not_exists(pk)' } },
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
    items.push(...listing.map((Item) => ({ Put: { TableName, Item } })));
    const codes = await transact(this.documents, items);
    if (!codes) return;
    if (failedAt(codes, 1)) throw new NameAvailabilityException(`The name ${entity.name} is already in use.`);
    if (failedAt(codes, 2)) throw new LimitExceededException('The organization has reached its users quota.');
    throw new Error(`Entity id collision: ${entity.entityId}`);
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
    const { address, domain } = splitAddress(email);
    const TableName = this.tableName;
    const keys = indexKeys({ ...entity, state: 'ENABLED', email: address });
    const codes = await transact(this.documents, [
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
            ' REMOVE disabledAt, mailboxDeprovisionedAt, mailboxPurgedAt',
          // A mailbox the purge job is destroying must not be revived (it finishes, then registration may go on).
          ConditionExpression: '#state = :disabled AND attribute_not_exists(mailboxPurgeStartedAt)',
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
      domainAddressCount(TableName, organizationId, domain, 1),
      galMark(TableName, organizationId, entityId),
    ]);
    if (!codes) return;
    if (failedAt(codes, 0)) throw new EmailAddressInUseException(`The address ${address} is already in use.`);
    if (failedAt(codes, 1))
      throw new EntityStateException(
        'The entity is no longer disabled, or its mailbox is being purged; try again later.',
      );
    throw new MailDomainNotFoundException(`The domain ${domain} is not registered to the organization.`);
  }

  /** See EntityStore.markDeleted. */
  async markDeleted(organizationId: string, entityId: string, at: number): Promise<void> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity || entity.state !== 'DISABLED')
      throw new EntityStateException('Only a disabled entity can be deleted.');
    const TableName = this.tableName;
    const codes = await transact(this.documents, [
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
    if (codes) throw new EntityStateException('Only a disabled entity can be deleted.');
    await this.dropRelations(organizationId, entity);
  }

  /** See EntityStore.beginMailboxPurge. */
  async beginMailboxPurge(
    organizationId: string,
    entityId: string,
    disabledBefore: number,
    at: number,
  ): Promise<boolean> {
    return this.conditionalUpdate({
      Key: entityKey(organizationId, entityId),
      UpdateExpression: 'SET mailboxPurgeStartedAt = if_not_exists(mailboxPurgeStartedAt, :at)',
      ConditionExpression:
        '#state = :disabled AND disabledAt <= :before AND attribute_not_exists(mailboxPurgedAt)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':disabled': 'DISABLED', ':before': disabledBefore, ':at': at },
    });
  }

  /** See EntityStore.recordMailboxPurged. */
  async recordMailboxPurged(organizationId: string, entityId: string, at: number): Promise<boolean> {
    return this.conditionalUpdate({
      Key: entityKey(organizationId, entityId),
      UpdateExpression: 'SET mailboxPurgedAt = :at REMOVE mailboxPurgeStartedAt, mailboxProvisionedAt',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(mailboxPurgedAt) AND ' +
        '(#state = :deleted OR attribute_exists(mailboxPurgeStartedAt))',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':deleted': 'DELETED', ':at': at },
    });
  }

  /** See EntityStore.updateEntity. */
  async updateEntity(organizationId: string, entityId: string, changes: EntityChanges): Promise<void> {
    const set: string[] = [];
    const remove: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      if (value === null) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    if (set.length === 0 && remove.length === 0) return;
    const extra: TransactItem[] = [];
    if (changes.displayName !== undefined || changes.identityProviderUserId !== undefined) {
      const entity = await this.getEntity(organizationId, entityId);
      if (!entity) throw new EntityStateException('The entity no longer exists.');
      if (changes.displayName !== undefined) {
        const display = changes.displayName
          ? indexKeys({ ...entity, displayName: changes.displayName })
          : undefined;
        if (display?.gsi4pk) {
          set.push('gsi4pk = :gsi4pk', 'gsi4sk = :gsi4sk');
          Object.assign(values, { ':gsi4pk': display.gsi4pk, ':gsi4sk': display.gsi4sk });
        } else remove.push('gsi4pk', 'gsi4sk');
      }
      extra.push(...identityProviderMove(this.tableName, entity, changes.identityProviderUserId));
    }
    // A resource that stops auto-accepting requests needs a delegate: checked on the counter addDelegate and
    // removeDelegate keep, in the same write.
    const needsDelegate = changes.bookingOptions?.AutoAcceptRequests === false;
    if (needsDelegate) values[':zero'] = 0;
    const codes = await transact(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: [
            set.length ? `SET ${set.join(', ')}` : '',
            remove.length ? `REMOVE ${remove.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ConditionExpression: needsDelegate
            ? 'attribute_exists(pk) AND delegateCount > :zero'
            : 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        },
      },
      ...extra,
      ...(GAL_FIELDS.some((field) => changes[field] !== undefined)
        ? [galMark(this.tableName, organizationId, entityId)]
        : []),
    ]);
    if (!codes) return;
    if (!failedAt(codes, 0) || !(await this.getEntity(organizationId, entityId)))
      throw new EntityStateException('The entity no longer exists.');
    throw new InvalidConfigurationException(
      'A resource that does not auto-accept requests needs at least one delegate.',
    );
  }

  /** See EntityStore.rename. */
  async rename(organizationId: string, entityId: string, newName: string): Promise<void> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity || entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    if (entity.name === newName) return;
    const TableName = this.tableName;
    const claimMoves = entity.name.toLowerCase() !== newName.toLowerCase();
    const codes = await transact(this.documents, [
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
      galMark(TableName, organizationId, entityId),
    ]);
    if (codes && failedAt(codes, 1))
      throw new NameAvailabilityException(`The name ${newName} is already in use.`);
    if (codes) throw new EntityStateException('The entity changed concurrently; try again.');
  }

  /** One conditional UpdateItem on the entity; false when its condition did not hold. */
  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.documents.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../core/api/pagination';
import type {
  EntityChanges,
  EntityFilter,
  EntityReference,
  EntityStore,
  GroupReference,
} from '../../core/directory/ports';
import type { Entity, EntityKind } from '../../core/directory/types';
import {
  emailIndexKey,
  emailKey,
  entityKey,
  fromItem,
  nameKey,
  orgKey,
  stateIndexKey,
} from './dynamodb-entity-items';
import { EntityAddresses } from './dynamodb-entity-addresses';
import { EntityDelegates } from './dynamodb-entity-delegates';
import { EntityLifecycle } from './dynamodb-entity-lifecycle';
import { EntityRelations } from './dynamodb-entity-relations';

const INDEX_OF_FILTER = {
  identityProviderUserIdPrefix: 'gsi1',
  all: 'gsi1',
  namePrefix: 'gsi1',
  state: 'gsi2',
  primaryEmailPrefix: 'gsi3',
  displayNamePrefix: 'gsi4',
} as const;

/**
 * The EntityStore on the DynamoDB directory table. Every uniqueness rule is a conditional write inside one
 * TransactWriteItems call; listings are index queries whose cost grows with the page, not the organization.
 * @example
 * const entities = new DynamoDbEntityStore(documents, 'mailwright-directory');
 */
export class DynamoDbEntityStore implements EntityStore {
  private readonly addresses: EntityAddresses;
  private readonly relations: EntityRelations;
  private readonly delegates: EntityDelegates;
  private readonly lifecycle: EntityLifecycle;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.addresses = new EntityAddresses(documents, tableName, (org, id) => this.getEntity(org, id));
    this.relations = new EntityRelations(documents, tableName);
    this.delegates = new EntityDelegates(documents, tableName, this.relations);
    const dropRelations = async (organizationId: string, entity: Entity) => {
      await this.relations.dropAll(organizationId, entity);
      await this.delegates.dropAll(organizationId, entity);
    };
    this.lifecycle = new EntityLifecycle(documents, tableName, dropRelations, (org, id) =>
      this.getEntity(org, id),
    );
  }

  async getEntity(organizationId: string, entityId: string): Promise<Entity | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: entityKey(organizationId, entityId),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async findByName(organizationId: string, name: string): Promise<Entity | undefined> {
    const claim = await this.claim(nameKey(organizationId, name));
    return claim ? this.getEntity(organizationId, String(claim.entityId)) : undefined;
  }

  async findByEmail(organizationId: string, address: string): Promise<Entity | undefined> {
    const claim = await this.claim(emailKey(organizationId, address));
    return claim ? this.getEntity(organizationId, String(claim.entityId)) : undefined;
  }

  async listEntities(
    organizationId: string,
    kind: EntityKind,
    filter: EntityFilter,
    request: PageRequest,
  ): Promise<Page<Entity>> {
    if (filter.by === 'identityProviderUserIdPrefix')
      return this.listByIdentityProvider(organizationId, filter.prefix, request);
    const index = INDEX_OF_FILTER[filter.by];
    const base = `${orgKey(organizationId)}#${kind}`;
    const partition =
      filter.by === 'state'
        ? stateIndexKey(organizationId, kind, filter.state)
        : filter.by === 'primaryEmailPrefix'
          ? emailIndexKey(organizationId, kind)
          : filter.by === 'displayNamePrefix'
            ? `${base}#DISPLAY`
            : base;
    const prefix = 'prefix' in filter && filter.prefix !== '' ? filter.prefix : undefined;
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}pk`, ...(prefix ? { '#sk': `${index}sk` } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(prefix ? { ':prefix': prefix } : {}) },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    return { items: Items.map(fromItem), ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey } : {}) };
  }

  deregister(organizationId: string, entityId: string, at: number): Promise<void> {
    return this.addresses.releaseAll(organizationId, entityId, at);
  }

  beginMailboxPurge(
    organizationId: string,
    entityId: string,
    disabledBefore: number,
    at: number,
  ): Promise<boolean> {
    return this.lifecycle.beginMailboxPurge(organizationId, entityId, disabledBefore, at);
  }

  recordMailboxPurged(organizationId: string, entityId: string, at: number): Promise<boolean> {
    return this.lifecycle.recordMailboxPurged(organizationId, entityId, at);
  }

  updateEntity(organizationId: string, entityId: string, changes: EntityChanges): Promise<void> {
    return this.lifecycle.updateEntity(organizationId, entityId, changes);
  }

  createEntity(entity: Entity, userLimit: number): Promise<void> {
    return this.lifecycle.createEntity(entity, userLimit);
  }

  register(
    organizationId: string,
    entityId: string,
    email: string,
    at: number,
    mailbox: boolean,
  ): Promise<void> {
    return this.lifecycle.register(organizationId, entityId, email, at, mailbox);
  }

  markDeleted(organizationId: string, entityId: string, at: number): Promise<void> {
    return this.lifecycle.markDeleted(organizationId, entityId, at);
  }

  rename(organizationId: string, entityId: string, newName: string): Promise<void> {
    return this.lifecycle.rename(organizationId, entityId, newName);
  }

  addAlias(organizationId: string, entityId: string, alias: string, limit: number): Promise<void> {
    return this.addresses.addAlias(organizationId, entityId, alias, limit);
  }

  removeAlias(organizationId: string, entityId: string, alias: string): Promise<void> {
    return this.addresses.removeAlias(organizationId, entityId, alias);
  }

  listAliases(organizationId: string, entityId: string, request: PageRequest): Promise<Page<string>> {
    return this.addresses.listAliases(organizationId, entityId, request);
  }

  setPrimaryEmail(
    organizationId: string,
    entityId: string,
    email: string,
    aliasLimit: number,
  ): Promise<void> {
    return this.addresses.setPrimaryEmail(organizationId, entityId, email, aliasLimit);
  }

  addMember(organizationId: string, group: Entity, member: EntityReference): Promise<void> {
    return this.relations.addMember(organizationId, group, member);
  }

  removeMember(organizationId: string, groupId: string, memberId: string): Promise<void> {
    return this.relations.removeMember(organizationId, groupId, memberId);
  }

  listMembersPage(
    organizationId: string,
    groupId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>> {
    return this.relations.listMembersPage(organizationId, groupId, request);
  }

  listMembers(organizationId: string, groupId: string): Promise<EntityReference[]> {
    return this.relations.listMembers(organizationId, groupId);
  }

  listGroupsOf(
    organizationId: string,
    entityId: string,
    request: PageRequest,
    namePrefix?: string,
  ): Promise<Page<GroupReference>> {
    return this.relations.listGroupsOf(organizationId, entityId, request, namePrefix);
  }

  listAllGroupsOf(organizationId: string, entityId: string): Promise<GroupReference[]> {
    return this.relations.listAllGroupsOf(organizationId, entityId);
  }

  addDelegate(organizationId: string, resourceId: string, delegate: EntityReference): Promise<void> {
    return this.delegates.addDelegate(organizationId, resourceId, delegate);
  }

  removeDelegate(organizationId: string, resourceId: string, delegateId: string): Promise<void> {
    return this.delegates.removeDelegate(organizationId, resourceId, delegateId);
  }

  listDelegates(
    organizationId: string,
    resourceId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>> {
    return this.delegates.listDelegates(organizationId, resourceId, request);
  }

  /** Users whose IdC user id starts with `prefix`: a bounded query of the organization's IDPUSER# items. */
  private async listByIdentityProvider(
    organizationId: string,
    prefix: string,
    request: PageRequest,
  ): Promise<Page<Entity>> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': orgKey(organizationId), ':prefix': `IDPUSER#${prefix}` },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const users = await Promise.all(
      Items.map((item) => this.getEntity(organizationId, String(item.entityId))),
    );
    return {
      items: users.filter((user): user is Entity => user !== undefined),
      ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey } : {}),
    };
  }

  private async claim(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }
}

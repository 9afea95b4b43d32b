import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  EmailAddressInUseException,
  EntityStateException,
  LimitExceededException,
  MailDomainNotFoundException,
} from '../../core/api/errors';
import type { Page, PageRequest } from '../../core/api/pagination';
import { splitAddress } from '../../core/directory/addresses';
import type { Entity } from '../../core/directory/types';
import {
  domainAddressCount,
  domainReleases,
  emailKey,
  entityKey,
  fromItem,
  revisionOf,
  stateIndexKey,
} from './dynamodb-entity-items';
import { galMark } from './dynamodb-gal-changes';
import { failedAt, transact, type TransactItem } from './dynamodb-transact';

/** Alias claims released per transaction when an entity is disabled (plus as many domain counters and the entity). */
const RELEASE_CHUNK = 40;

/**
 * The address half of the DynamoDB entity store: alias claims, primary-address swaps and release on disable. Each
 * address is an `EMAIL#<domain>#<local>` claim created with `attribute_not_exists` in the same transaction that
 * records it on the entity and adds one to its domain's `addressCount` (see {@link domainAddressCount}); releasing
 * it subtracts one in the same way.
 */
export class EntityAddresses {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly getEntity: (organizationId: string, entityId: string) => Promise<Entity | undefined>,
  ) {}

  /** See EntityStore.addAlias. */
  async addAlias(organizationId: string, entityId: string, alias: string, limit: number): Promise<void> {
    const entity = await this.requireEntity(organizationId, entityId);
    const { address, domain } = splitAddress(alias);
    const TableName = this.tableName;
    const codes = await transact(this.documents, [
      {
        Put: {
          TableName,
          Item: {
            ...emailKey(organizationId, address),
            entityId,
            kind: entity.kind,
            address,
            isPrimary: false,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: 'ADD aliases :alias, rev :one',
          ConditionExpression:
            '#state = :enabled AND (attribute_not_exists(aliases) OR size(aliases) < :limit)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':alias': new Set([address]),
            ':one': 1,
            ':enabled': 'ENABLED',
            ':limit': limit,
          },
        },
      },
      domainAddressCount(TableName, organizationId, domain, 1),
      galMark(TableName, organizationId, entityId),
    ]);
    if (!codes) return;
    if (failedAt(codes, 0)) {
      const claim = await this.read(emailKey(organizationId, address));
      if (claim?.entityId === entityId && claim.isPrimary === false) return;
      throw new EmailAddressInUseException(`The address ${address} is already in use.`);
    }
    if (!failedAt(codes, 1))
      throw new MailDomainNotFoundException(`The domain ${domain} is not registered to the organization.`);
    const current = await this.requireEntity(organizationId, entityId);
    if (current.state !== 'ENABLED')
      throw new EntityStateException('Aliases can only be added to an enabled entity.');
    throw new LimitExceededException(`An entity can have at most ${limit} aliases.`);
  }

  /** See EntityStore.removeAlias. A claim the entity does not hold as an alias cancels the whole transaction. */
  async removeAlias(organizationId: string, entityId: string, alias: string): Promise<void> {
    const { address } = splitAddress(alias);
    await transact(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: emailKey(organizationId, address),
          ConditionExpression: 'entityId = :id AND isPrimary = :false',
          ExpressionAttributeValues: { ':id': entityId, ':false': false },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: 'DELETE aliases :alias ADD rev :one',
          ExpressionAttributeValues: { ':alias': new Set([address]), ':one': 1 },
        },
      },
      ...domainReleases(this.tableName, organizationId, [address]),
      galMark(this.tableName, organizationId, entityId),
    ]);
  }

  /** See EntityStore.listAliases. The cursor is the last address returned. */
  async listAliases(organizationId: string, entityId: string, request: PageRequest): Promise<Page<string>> {
    const entity = await this.requireEntity(organizationId, entityId);
    const after = typeof request.cursor?.after === 'string' ? request.cursor.after : undefined;
    const remaining = entity.aliases.filter((alias) => after === undefined || alias > after);
    const items = remaining.slice(0, request.limit);
    return remaining.length > items.length
      ? { items, cursor: { after: items[items.length - 1] } }
      : { items };
  }

  /** See EntityStore.setPrimaryEmail. */
  async setPrimaryEmail(
    organizationId: string,
    entityId: string,
    email: string,
    aliasLimit: number,
  ): Promise<void> {
    const Item = await this.read(entityKey(organizationId, entityId));
    if (!Item || Item.state !== 'ENABLED' || typeof Item.email !== 'string') {
      throw new EntityStateException('Only an enabled entity has a primary address.');
    }
    const { address, domain } = splitAddress(email);
    const old = Item.email;
    if (address === old) return;
    const aliases = Item.aliases instanceof Set ? (Item.aliases as Set<string>) : new Set<string>();
    const TableName = this.tableName;
    const demoteOld: TransactItem = {
      Update: {
        TableName,
        Key: emailKey(organizationId, old),
        UpdateExpression: 'SET isPrimary = :false',
        ConditionExpression: 'entityId = :id',
        ExpressionAttributeValues: { ':false': false, ':id': entityId },
      },
    };
    const swap = aliases.has(address);
    if (!swap && aliases.size >= aliasLimit)
      throw new LimitExceededException(`An entity can have at most ${aliasLimit} aliases.`);
    const nextAliases = new Set([...aliases].filter((alias) => alias !== address).concat(old));
    const claimNew: TransactItem = swap
      ? {
          Update: {
            TableName,
            Key: emailKey(organizationId, address),
            UpdateExpression: 'SET isPrimary = :true',
            ConditionExpression: 'entityId = :id',
            ExpressionAttributeValues: { ':true': true, ':id': entityId },
          },
        }
      : {
          Put: {
            TableName,
            Item: {
              ...emailKey(organizationId, address),
              entityId,
              kind: Item.kind,
              address,
              isPrimary: true,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    const codes = await transact(this.documents, [
      claimNew,
      demoteOld,
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression: 'SET email = :email, gsi3sk = :email, aliases = :aliases, rev = :next',
          ConditionExpression: 'email = :old AND (attribute_not_exists(rev) OR rev = :rev)',
          ExpressionAttributeValues: {
            ':email': address,
            ':old': old,
            ':aliases': nextAliases,
            ':rev': revisionOf(Item),
            ':next': revisionOf(Item) + 1,
          },
        },
      },
      // A swapped alias was counted when it was claimed; a new address is counted now.
      ...(swap ? [] : [domainAddressCount(TableName, organizationId, domain, 1)]),
      galMark(TableName, organizationId, entityId),
    ]);
    if (!codes) return;
    if (failedAt(codes, 0)) throw new EmailAddressInUseException(`The address ${address} is already in use.`);
    if (failedAt(codes, 3))
      throw new MailDomainNotFoundException(`The domain ${domain} is not registered to the organization.`);
    throw new EntityStateException('The entity changed concurrently; try again.');
  }

  /**
   * Releases every alias (in chunks) and then the primary address, leaving the entity DISABLED. Each chunk is
   * conditional on the entity's `rev`, so the claims deleted and the domain counts subtracted are exactly the
   * aliases the entity held; an entity changed meanwhile is read and released again.
   */
  async releaseAll(organizationId: string, entityId: string, at: number, attempt = 0): Promise<void> {
    const Item = await this.read(entityKey(organizationId, entityId));
    if (!Item) throw new EntityStateException('The entity no longer exists.');
    const entity = fromItem(Item);
    if (entity.state !== 'ENABLED') return;
    const TableName = this.tableName;
    const release = (address: string): TransactItem => ({
      Delete: {
        TableName,
        Key: emailKey(organizationId, address),
        ConditionExpression: 'attribute_not_exists(pk) OR entityId = :id',
        ExpressionAttributeValues: { ':id': entityId },
      },
    });
    const retry = () => {
      if (attempt >= 3) throw new EntityStateException('The entity changed concurrently; try again.');
      return this.releaseAll(organizationId, entityId, at, attempt + 1);
    };
    let rev = revisionOf(Item);
    for (let start = 0; start < entity.aliases.length; start += RELEASE_CHUNK) {
      const chunk = entity.aliases.slice(start, start + RELEASE_CHUNK);
      const codes = await transact(this.documents, [
        ...chunk.map(release),
        ...domainReleases(TableName, organizationId, chunk),
        {
          Update: {
            TableName,
            Key: entityKey(organizationId, entityId),
            UpdateExpression: 'DELETE aliases :chunk SET rev = :next',
            ConditionExpression: 'attribute_not_exists(rev) OR rev = :rev',
            ExpressionAttributeValues: { ':chunk': new Set(chunk), ':rev': rev, ':next': rev + 1 },
          },
        },
      ]);
      if (codes) return retry();
      rev += 1;
    }
    const codes = await transact(this.documents, [
      ...(entity.email
        ? [release(entity.email), ...domainReleases(TableName, organizationId, [entity.email])]
        : []),
      {
        Update: {
          TableName,
          Key: entityKey(organizationId, entityId),
          UpdateExpression:
            'SET #state = :disabled, disabledAt = :at, gsi2pk = :gsi2pk' +
            (entity.mailboxProvisionedAt !== undefined ? ', mailboxDeprovisionedAt = :at' : '') +
            ' REMOVE email, gsi3pk, gsi3sk, aliases',
          ConditionExpression:
            '#state = :enabled AND attribute_not_exists(aliases) AND ' +
            (entity.email ? 'email = :email' : 'attribute_not_exists(email)'),
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':disabled': 'DISABLED',
            ':enabled': 'ENABLED',
            ':at': at,
            ':gsi2pk': stateIndexKey(organizationId, entity.kind, 'DISABLED'),
            ...(entity.email ? { ':email': entity.email } : {}),
          },
        },
      },
      galMark(TableName, organizationId, entityId),
    ]);
    // An alias added or the primary changed while releasing: release again so that no claim outlives the entity.
    if (codes) return retry();
  }

  private async requireEntity(organizationId: string, entityId: string): Promise<Entity> {
    const entity = await this.getEntity(organizationId, entityId);
    if (!entity) throw new EntityStateException('The entity no longer exists.');
    return entity;
  }

  private async read(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }
}

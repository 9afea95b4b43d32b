import type { EntityKind, EntityState, Entity } from '../../core/directory/types';
import { splitAddress } from '../../core/directory/addresses';
import { domainKey } from './dynamodb-organization-items';
import type { TransactItem } from './dynamodb-transact';

/*
 * Keys and item shapes of the entity part of the directory table; DIRECTORY_TABLE in dynamodb-tables.ts lists
 * every item type. Claim items carry: NAME# → { entityId, kind }; EMAIL# → { entityId, kind, address, isPrimary };
 * MEMBER# → { groupId, memberId, memberKind }; MEMBEROF# → { groupId, groupName, memberId };
 * DELEGATE# and DELEGATEOF# → { resourceId, entityId, entityKind }.
 */

/** The partition of every item of one organization. */
export function orgKey(organizationId: string): string {
  return `ORG#${organizationId}`;
}

/** Primary key of an entity item. */
export function entityKey(organizationId: string, entityId: string): { pk: string; sk: string } {
  return { pk: orgKey(organizationId), sk: `ENTITY#${entityId}` };
}

/** Primary key of a name claim (names are unique case-insensitively across kinds). */
export function nameKey(organizationId: string, name: string): { pk: string; sk: string } {
  return { pk: orgKey(organizationId), sk: `NAME#${name.toLowerCase()}` };
}

/** Primary key of an address claim. */
export function emailKey(organizationId: string, address: string): { pk: string; sk: string } {
  const { localPart, domain } = splitAddress(address);
  return { pk: orgKey(organizationId), sk: `EMAIL#${domain}#${localPart}` };
}

/**
 * A transaction update that counts addresses in (`delta` > 0) or out of their domain's `addressCount`, on the
 * organization's `DOMAIN#<domain>` item. The item must exist, so no address is claimed in a domain being removed,
 * and the organization store refuses to remove a domain while its count is above zero.
 * @param tableName - the directory table
 * @param organizationId - the organization holding the domain
 * @param domain - the domain, lower-cased
 * @param delta - addresses claimed (positive) or released (negative)
 * @example
 * items.push(domainAddressCount(table, orgId, 'example.com', 1));
 */
export function domainAddressCount(
  tableName: string,
  organizationId: string,
  domain: string,
  delta: number,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: domainKey(organizationId, domain),
      UpdateExpression: 'ADD addressCount :delta',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  };
}

/**
 * Domain counter updates for releasing `addresses`: one item per domain (a transaction may touch an item once).
 * @example
 * items.push(...domainReleases(table, orgId, ['a@example.com', 'b@example.com'])); // one item, -2
 */
export function domainReleases(
  tableName: string,
  organizationId: string,
  addresses: readonly string[],
): TransactItem[] {
  const perDomain = new Map<string, number>();
  for (const address of addresses) {
    const { domain } = splitAddress(address);
    perDomain.set(domain, (perDomain.get(domain) ?? 0) + 1);
  }
  return [...perDomain].map(([domain, count]) =>
    domainAddressCount(tableName, organizationId, domain, -count),
  );
}

/** Primary key of a delegation, read from the resource's side. */
export function delegateKey(organizationId: string, resourceId: string, entityId: string) {
  return { pk: orgKey(organizationId), sk: `DELEGATE#${resourceId}#${entityId}` };
}

/** Primary key of a delegation, read from the delegate's side (dropped with the delegate). */
export function delegateOfKey(organizationId: string, entityId: string, resourceId: string) {
  return { pk: orgKey(organizationId), sk: `DELEGATEOF#${entityId}#${resourceId}` };
}

/**
 * The items that make a new entity exist: the entity item, its name claim and, for a user with an IAM Identity
 * Center id, its IDPUSER# listing item. `createEntity` writes them with its conditions; the benchmark seeds them.
 * @param entity - a new entity
 * @example
 * const [entityItem, nameClaim] = newEntityItems(entity);
 */
export function newEntityItems(entity: Entity): Record<string, unknown>[] {
  const { organizationId, entityId } = entity;
  return [
    toItem(entity),
    { ...nameKey(organizationId, entity.name), entityId, kind: entity.kind },
    ...(entity.identityProviderUserId
      ? [{ ...identityProviderKey(organizationId, entity.identityProviderUserId, entityId), entityId }]
      : []),
  ];
}

/** Primary key of the item that lists a user under its IAM Identity Center user id. */
export function identityProviderKey(
  organizationId: string,
  identityProviderUserId: string,
  entityId: string,
) {
  return { pk: orgKey(organizationId), sk: `IDPUSER#${identityProviderUserId}#${entityId}` };
}

/** Transaction items that move a user's IDPUSER# listing item from its current IdC user id to `next`. */
export function identityProviderMove(
  tableName: string,
  entity: Entity,
  next: string | null | undefined,
): TransactItem[] {
  const { organizationId, entityId, identityProviderUserId: current } = entity;
  if (next === undefined || next === current) return [];
  return [
    ...(current
      ? [{ Delete: { TableName: tableName, Key: identityProviderKey(organizationId, current, entityId) } }]
      : []),
    ...(next
      ? [
          {
            Put: {
              TableName: tableName,
              Item: { ...identityProviderKey(organizationId, next, entityId), entityId },
            },
          },
        ]
      : []),
  ];
}

/** Primary key of the users-per-organization counter. */
export function userCounterKey(organizationId: string): { pk: string; sk: string } {
  return { pk: orgKey(organizationId), sk: 'COUNTER#USERS' };
}

/** Index keys that place an entity in the listings of its kind. */
export function indexKeys(
  entity: Pick<Entity, 'organizationId' | 'kind' | 'name' | 'state' | 'email' | 'displayName'>,
) {
  const base = `${orgKey(entity.organizationId)}#${entity.kind}`;
  return {
    gsi1pk: base,
    gsi1sk: entity.name,
    gsi2pk: stateIndexKey(entity.organizationId, entity.kind, entity.state),
    gsi2sk: entity.name,
    ...(entity.email ? { gsi3pk: `${base}#EMAIL`, gsi3sk: entity.email } : {}),
    ...(entity.displayName ? { gsi4pk: `${base}#DISPLAY`, gsi4sk: entity.displayName } : {}),
  };
}

/** Partition of the State-filter index. */
export function stateIndexKey(organizationId: string, kind: EntityKind, state: EntityState): string {
  return `${orgKey(organizationId)}#${kind}#${state}`;
}

/** Partition of the primary-address index. */
export function emailIndexKey(organizationId: string, kind: EntityKind): string {
  return `${orgKey(organizationId)}#${kind}#EMAIL`;
}

/**
 * The item stored for an entity. Aliases are a string set (`aliases`, absent when empty) guarded by `rev`; a
 * resource also counts its delegates in `delegateCount` (absent until the first one).
 */
export function toItem(entity: Entity): Record<string, unknown> {
  const { aliases, ...rest } = entity;
  return {
    ...entityKey(entity.organizationId, entity.entityId),
    type: 'ENTITY',
    ...indexKeys(entity),
    ...rest,
    ...(aliases.length > 0 ? { aliases: new Set(aliases) } : {}),
    rev: 0,
  };
}

/** Reads an entity back from its item. */
export function fromItem(item: Record<string, unknown>): Entity {
  const {
    pk,
    sk,
    type,
    rev,
    gsi1pk,
    gsi1sk,
    gsi2pk,
    gsi2sk,
    gsi3pk,
    gsi3sk,
    gsi4pk,
    gsi4sk,
    aliases,
    delegateCount,
    ...rest
  } = item;
  void [pk, sk, type, rev, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, delegateCount];
  return {
    ...(rest as unknown as Entity),
    aliases: aliases instanceof Set ? [...(aliases as Set<string>)].sort() : [],
  };
}

/** The revision of an entity item's alias set (optimistic concurrency for whole-set rewrites). */
export function revisionOf(item: Record<string, unknown>): number {
  return typeof item.rev === 'number' ? item.rev : 0;
}

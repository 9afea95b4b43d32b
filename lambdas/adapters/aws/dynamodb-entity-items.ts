import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EntityKind, EntityState, Entity } from '../../core/directory/types';
import { splitAddress } from '../../core/directory/addresses';

/**
 * Keys and item shapes of the entity part of the directory table (see DIRECTORY_TABLE in dynamodb-tables.ts).
 * Besides the items listed there, the entity store keeps one counter per organization:
 *   ORG#<orgId> / COUNTER#USERS   { total }   seats taken by users that are not DELETED (users quota)
 *   ORG#<orgId> / IDPUSER#<identityProviderUserId>#<userId>   { entityId }   IdentityProviderUserIdPrefix filter
 * Claim items carry: NAME# → { entityId, kind }; EMAIL# → { entityId, kind, address, isPrimary };
 * MEMBER# → { groupId, memberId, memberKind }; MEMBEROF# → { groupId, groupName, memberId };
 * DELEGATE# → { resourceId, entityId, entityKind }.
 */

/** One item of a DynamoDB transaction, as lib-dynamodb takes it. */
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

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

/** The item stored for an entity. Aliases are a string set (`aliases`, absent when empty) guarded by `rev`. */
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
    ...rest
  } = item;
  void [pk, sk, type, rev, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk];
  return {
    ...(rest as unknown as Entity),
    aliases: aliases instanceof Set ? [...(aliases as Set<string>)].sort() : [],
  };
}

/** The revision of an entity item's alias set (optimistic concurrency for whole-set rewrites). */
export function revisionOf(item: Record<string, unknown>): number {
  return typeof item.rev === 'number' ? item.rev : 0;
}

/** Indexes of the transaction items whose condition failed, or undefined for any other error. */
export function failedConditions(error: unknown): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : [],
  );
  return failed.length > 0 ? failed : undefined;
}

function isConflict(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
  }
  return error instanceof Error && error.name === 'TransactionInProgressException';
}

/**
 * Runs a write transaction, retrying while it collides with a concurrent one (TransactionConflict), so that a
 * losing writer sees the winner's condition outcome rather than a conflict.
 * @returns the indexes of failed conditions, or undefined when the transaction committed
 */
export async function transact(
  documents: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<number[] | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed && !isConflict(error)) return failed;
      if (!isConflict(error) || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}

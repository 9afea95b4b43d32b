import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Cursor, Page, PageRequest } from '../../core/api/pagination';
import type { MailDomain, Organization, Tag } from '../../core/directory/types';
import type { TransactItems } from './dynamodb-transact';

/** Keys of organization items in the directory table (see the key design in `dynamodb-tables.ts`). */
export type ItemKey = { readonly pk: string; readonly sk: string };

/** The account-wide organization counter (one item; `total` is a number). */
export const COUNTER_KEY: ItemKey = { pk: 'COUNTER#ORGANIZATIONS', sk: 'COUNT' };

/** `ORG#<orgId> / ORG`: the organization. */
export const orgKey = (organizationId: string): ItemKey => ({ pk: `ORG#${organizationId}`, sk: 'ORG' });

/** `ORGALIAS#<alias lower> / CLAIM`: alias uniqueness. */
export const aliasKey = (alias: string): ItemKey => ({ pk: `ORGALIAS#${alias.toLowerCase()}`, sk: 'CLAIM' });

/** `ORG#<orgId> / DOMAIN#<domain>`: a mail domain of the organization. */
export const domainKey = (organizationId: string, domainName: string): ItemKey => ({
  pk: `ORG#${organizationId}`,
  sk: `DOMAIN#${domainName}`,
});

/** `DOMAIN#<domain> / CLAIM`: which organization a domain belongs to. */
export const claimKey = (domainName: string): ItemKey => ({ pk: `DOMAIN#${domainName}`, sk: 'CLAIM' });

/**
 * The organization stored in an item, without its keys, counters and tag version.
 * @example
 * const organization = toOrganization(Item);
 */
export function toOrganization(item: Record<string, unknown>): Organization {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    domainCount: _count,
    tagsVersion: _tagsVersion,
    ...organization
  } = item;
  return organization as unknown as Organization;
}

/**
 * The mail domain stored in an item, without its keys.
 * @example
 * const domain = toMailDomain(Item);
 */
export function toMailDomain(item: Record<string, unknown>): MailDomain {
  const { pk: _pk, sk: _sk, addressCount: _count, ...domain } = item;
  return domain as unknown as MailDomain;
}

/**
 * Queries one page. It asks for one item more than the limit, so the last page never carries a cursor (DynamoDB
 * alone returns a LastEvaluatedKey when a page ends exactly at the last item).
 * @param input - the query without table, limit and start key
 * @param map - turns an item into what the page holds
 * @example
 * const page = await queryPage(documents, table, { KeyConditionExpression: 'pk = :pk', … }, request, toMailDomain);
 */
export async function queryPage<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  request: PageRequest,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      ...input,
      TableName: tableName,
      Limit: request.limit + 1,
      ExclusiveStartKey: request.cursor,
    }),
  );
  if (Items.length <= request.limit) return { items: Items.map(map) };
  const page = Items.slice(0, request.limit);
  return { items: page.map(map), cursor: keyOf(page[page.length - 1], input.IndexName) };
}

function keyOf(item: Record<string, unknown>, indexName: string | undefined): Cursor {
  const key: Cursor = { pk: item.pk, sk: item.sk };
  if (indexName)
    Object.assign(key, {
      [`${indexName}pk`]: item[`${indexName}pk`],
      [`${indexName}sk`]: item[`${indexName}sk`],
    });
  return key;
}

/**
 * An update expression that sets every defined member of `changes`; `undefined` when there is nothing to set.
 * @example
 * const update = setExpression({ state: 'Active' }); // { UpdateExpression: 'SET #state = :state', … }
 */
export function setExpression(changes: object):
  | {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    }
  | undefined {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return undefined;
  return {
    UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
  };
}

/**
 * A transaction put that fails when the item exists.
 * @example
 * putNew(table, { ...aliasKey('acme'), organizationId });
 */
export function putNew(tableName: string, item: Record<string, unknown>): TransactItems[number] {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * A transaction delete of a claim item that only succeeds while the claim is absent or held by `organizationId`.
 * @example
 * deleteOwnedClaim(table, aliasKey('acme'), organizationId);
 */
export function deleteOwnedClaim(
  tableName: string,
  key: ItemKey,
  organizationId: string,
): TransactItems[number] {
  return {
    Delete: {
      TableName: tableName,
      Key: key,
      ConditionExpression: 'attribute_not_exists(pk) OR organizationId = :org',
      ExpressionAttributeValues: { ':org': organizationId },
    },
  };
}

/**
 * A transaction update that adds `delta` to a numeric attribute; with `limit`, it fails unless the value is below it.
 * @param options - `limit` caps the value before the addition; `mustExist` requires the item to exist
 * @example
 * addToCount(table, COUNTER_KEY, 'total', 1, { limit: 100 });
 */
export function addToCount(
  tableName: string,
  key: ItemKey,
  attribute: string,
  delta: number,
  options: { limit?: number; mustExist?: boolean } = {},
): TransactItems[number] {
  const conditions = [
    ...(options.mustExist ? ['attribute_exists(pk)'] : []),
    ...(options.limit === undefined ? [] : ['(attribute_not_exists(#count) OR #count < :limit)']),
  ];
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD #count :delta',
      ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: { '#count': attribute },
      ExpressionAttributeValues: {
        ':delta': delta,
        ...(options.limit === undefined ? {} : { ':limit': options.limit }),
      },
    },
  };
}

/**
 * Deletes a claim item if `organizationId` still holds it; a claim taken over by another organization stays.
 * @example
 * await releaseClaim(documents, table, claimKey('example.com'), organizationId);
 */
export async function releaseClaim(
  documents: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
  organizationId: string,
): Promise<void> {
  try {
    await documents.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: 'organizationId = :org',
        ExpressionAttributeValues: { ':org': organizationId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Reads and conditional writes of an organization's tags before a lost race is given up (it never is in practice). */
const TAG_ATTEMPTS = 25;

/**
 * Replaces an organization's tags with `update(current)`, conditional on the item's `tagsVersion` being the one
 * read; a write that lost a race reads again and re-applies `update`. Does nothing when the organization is missing
 * or `update` returns `undefined`.
 * @param update - the new tags from the current ones; may throw to refuse the change
 * @example
 * await updateVersionedTags(documents, table, orgId, (tags) => [...tags, { Key: 'team', Value: 'mail' }]);
 */
export async function updateVersionedTags(
  documents: DynamoDBDocumentClient,
  tableName: string,
  organizationId: string,
  update: (current: readonly Tag[]) => readonly Tag[] | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: orgKey(organizationId), ConsistentRead: true }),
    );
    if (!Item) return;
    const tags = update(toOrganization(Item).tags ?? []);
    if (!tags) return;
    const version = typeof Item.tagsVersion === 'number' ? Item.tagsVersion : 0;
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: orgKey(organizationId),
          UpdateExpression: 'SET tags = :tags, tagsVersion = :next',
          ConditionExpression:
            version === 0
              ? 'attribute_exists(pk) AND (attribute_not_exists(tagsVersion) OR tagsVersion = :version)'
              : 'tagsVersion = :version',
          ExpressionAttributeValues: { ':tags': tags, ':next': version + 1, ':version': version },
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || attempt >= TAG_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * Math.min(attempt, 10) * Math.random()));
    }
  }
}

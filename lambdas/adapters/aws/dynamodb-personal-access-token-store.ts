import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { PersonalAccessTokenExistsError } from '../../core/user-auth/errors';
import type {
  PersonalAccessTokenStore,
  TokenOwner,
  TokenPage,
  TokenPageRequest,
} from '../../core/user-auth/ports';
import type { PersonalAccessToken } from '../../core/user-auth/types';

/** Expired tokens stay listed this long, then DynamoDB's TTL removes them. */
const KEPT_AFTER_EXPIRY_MS = 30 * 86_400_000;

const tokenKey = (tokenId: string) => ({ pk: `PAT#${tokenId}`, sk: 'TOKEN' });
const listPartition = (organizationId: string) => `ORG#${organizationId}#PATS`;
/** Sorts an organization's tokens by user, then creation time. */
const listSortKey = (token: PersonalAccessToken) =>
  `${token.userId}#${String(token.createdAt).padStart(15, '0')}#${token.tokenId}`;

/**
 * {@link PersonalAccessTokenStore} on the directory table (see dynamodb-tables.ts): `PAT#<tokenId> / TOKEN`, read by
 * the id inside the token value, and listed per organization or per user through gsi1.
 * @example
 * const tokens = new DynamoDbPersonalAccessTokenStore(documents, 'mailwright-directory');
 */
export class DynamoDbPersonalAccessTokenStore implements PersonalAccessTokenStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createToken(token: PersonalAccessToken): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...tokenKey(token.tokenId),
            gsi1pk: listPartition(token.organizationId),
            gsi1sk: listSortKey(token),
            ...token,
            scopes: [...token.scopes],
            ttl: Math.ceil((token.expiresAt + KEPT_AFTER_EXPIRY_MS) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new PersonalAccessTokenExistsError(token.tokenId, { cause: error });
      throw error;
    }
  }

  async getToken(tokenId: string): Promise<PersonalAccessToken | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: tokenKey(tokenId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async listTokens(
    organizationId: string,
    userId: string | undefined,
    request: TokenPageRequest,
  ): Promise<TokenPage<PersonalAccessToken>> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression:
          userId === undefined ? 'gsi1pk = :org' : 'gsi1pk = :org AND begins_with(gsi1sk, :user)',
        ExpressionAttributeValues: {
          ':org': listPartition(organizationId),
          ...(userId === undefined ? {} : { ':user': `${userId}#` }),
        },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const items = Items.map(fromItem);
    return LastEvaluatedKey ? { items, cursor: LastEvaluatedKey } : { items };
  }

  async recordUse(tokenId: string, at: number, unchangedSince: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: tokenKey(tokenId),
          UpdateExpression: 'SET lastUsedAt = :at',
          // Never recreates a deleted token; concurrent sign-ins write it once.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt <= :since)',
          ExpressionAttributeValues: { ':at': at, ':since': unchangedSince },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async deleteToken(tokenId: string, owner: TokenOwner): Promise<boolean> {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: tokenKey(tokenId),
          ConditionExpression:
            owner.userId === undefined ? 'organizationId = :org' : 'organizationId = :org AND userId = :user',
          ExpressionAttributeValues: {
            ':org': owner.organizationId,
            ...(owner.userId === undefined ? {} : { ':user': owner.userId }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async deleteUserTokens(organizationId: string, userId: string): Promise<void> {
    let cursor: TokenPageRequest['cursor'];
    do {
      const page = await this.listTokens(organizationId, userId, { limit: 100, cursor });
      await Promise.all(
        page.items.map((token) => this.deleteToken(token.tokenId, { organizationId, userId })),
      );
      cursor = page.cursor;
    } while (cursor);
  }
}

function fromItem(item: Record<string, unknown>): PersonalAccessToken {
  return {
    tokenId: String(item.tokenId),
    organizationId: String(item.organizationId),
    userId: String(item.userId),
    name: String(item.name),
    scopes: [...(item.scopes as string[])],
    tokenHash: String(item.tokenHash),
    createdAt: Number(item.createdAt),
    expiresAt: Number(item.expiresAt),
    ...(item.lastUsedAt === undefined ? {} : { lastUsedAt: Number(item.lastUsedAt) }),
  };
}

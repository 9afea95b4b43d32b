import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../core/api/pagination';
import { AdminKeyExistsError } from '../../core/auth/errors';
import type { AdminKeyStore } from '../../core/auth/ports';
import type { AdminKey, AdminKeyScope } from '../../core/auth/types';

/** The stored form of an admin key (see dynamodb-tables.ts: `ADMINKEY#<keyId>` / `KEY`, gsi1 `ADMINKEYS`). */
interface AdminKeyItem {
  pk: string;
  sk: 'KEY';
  gsi1pk: 'ADMINKEYS';
  gsi1sk: string;
  accessKeyId: string;
  /** Base64 of the wrapped secret. */
  wrappedSecret: string;
  /** `'*'` or a list of organization ids. */
  organizations: string | string[];
  description?: string;
  state: AdminKey['state'];
  createdAt: number;
  revokedAt?: number;
  expiresAt?: number;
}

const keyOf = (accessKeyId: string) => ({ pk: `ADMINKEY#${accessKeyId}`, sk: 'KEY' });

/**
 * {@link AdminKeyStore} on the directory table.
 * @example
 * const store = new DynamoDbAdminKeyStore(documents, 'mailwright-directory');
 */
export class DynamoDbAdminKeyStore implements AdminKeyStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createKey(key: AdminKey): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(key),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new AdminKeyExistsError(key.accessKeyId, { cause: error });
      throw error;
    }
  }

  async replaceSecret(accessKeyId: string, wrappedSecret: Uint8Array): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(accessKeyId),
          UpdateExpression: 'SET wrappedSecret = :secret',
          ConditionExpression: '#state = :active',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':secret': Buffer.from(wrappedSecret).toString('base64'),
            ':active': 'ACTIVE',
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getKey(accessKeyId: string): Promise<AdminKey | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.table, Key: keyOf(accessKeyId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item as AdminKeyItem) : undefined;
  }

  async listKeys(request: PageRequest): Promise<Page<AdminKey>> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :keys',
        ExpressionAttributeValues: { ':keys': 'ADMINKEYS' },
        Limit: request.limit,
        ExclusiveStartKey: request.cursor,
      }),
    );
    const items = Items.map((item) => fromItem(item as AdminKeyItem));
    return LastEvaluatedKey ? { items, cursor: LastEvaluatedKey } : { items };
  }

  async updateScope(accessKeyId: string, organizations: AdminKeyScope): Promise<boolean> {
    return this.updateExisting(accessKeyId, 'SET organizations = :organizations', {
      ':organizations': organizations === '*' ? '*' : [...organizations],
    });
  }

  async revokeKey(accessKeyId: string, revokedAt: number): Promise<boolean> {
    return this.updateExisting(
      accessKeyId,
      'SET #state = :revoked, revokedAt = if_not_exists(revokedAt, :at)',
      {
        ':revoked': 'REVOKED',
        ':at': revokedAt,
      },
      { '#state': 'state' },
    );
  }

  private async updateExisting(
    accessKeyId: string,
    update: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(accessKeyId),
          UpdateExpression: update,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function toItem(key: AdminKey): AdminKeyItem {
  return {
    ...keyOf(key.accessKeyId),
    sk: 'KEY',
    gsi1pk: 'ADMINKEYS',
    gsi1sk: key.accessKeyId,
    accessKeyId: key.accessKeyId,
    wrappedSecret: Buffer.from(key.wrappedSecret).toString('base64'),
    organizations: key.organizations === '*' ? '*' : [...key.organizations],
    ...(key.description ? { description: key.description } : {}),
    state: key.state,
    createdAt: key.createdAt,
    ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt }),
    ...(key.expiresAt === undefined ? {} : { expiresAt: key.expiresAt }),
  };
}

function fromItem(item: AdminKeyItem): AdminKey {
  return {
    accessKeyId: item.accessKeyId,
    wrappedSecret: Buffer.from(item.wrappedSecret, 'base64'),
    organizations: item.organizations === '*' ? '*' : [...(item.organizations as string[])],
    ...(item.description ? { description: item.description } : {}),
    state: item.state,
    createdAt: item.createdAt,
    ...(item.revokedAt === undefined ? {} : { revokedAt: item.revokedAt }),
    ...(item.expiresAt === undefined ? {} : { expiresAt: item.expiresAt }),
  };
}

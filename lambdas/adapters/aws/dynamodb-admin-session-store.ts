import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AdminSessionStore } from '../../core/sso/ports';
import type { AdminSession } from '../../core/sso/types';

const sessionKey = (sessionDigest: string) => ({ pk: `ADMINSESSION#${sessionDigest}`, sk: 'SESSION' });

/**
 * {@link AdminSessionStore} in the Directory table: `ADMINSESSION#<cookie digest> / SESSION` (accessKeyId, username,
 * csrfToken, keyDelivered, createdAt, expiresAt, `ttl`). The key holds a digest only, and no item holds a secret:
 * the admin key's secret stays in its own record. Readers check `expiresAt` (TTL removes items late).
 * @example
 * const sessions = new DynamoDbAdminSessionStore(documents, 'mailwright-directory');
 */
export class DynamoDbAdminSessionStore implements AdminSessionStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putAdminSession(session: AdminSession): Promise<void> {
    const { sessionDigest, ...fields } = session;
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...sessionKey(sessionDigest), ...fields, ttl: Math.ceil(session.expiresAt / 1000) },
      }),
    );
  }

  async getAdminSession(sessionDigest: string): Promise<AdminSession | undefined> {
    const { Item: item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(sessionDigest), ConsistentRead: true }),
    );
    if (!item) return undefined;
    return {
      sessionDigest,
      accessKeyId: String(item.accessKeyId),
      username: String(item.username),
      csrfToken: String(item.csrfToken),
      keyDelivered: item.keyDelivered === true,
      createdAt: Number(item.createdAt),
      expiresAt: Number(item.expiresAt),
    };
  }

  async markKeyDelivered(sessionDigest: string): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(sessionDigest),
          UpdateExpression: 'SET keyDelivered = :yes',
          ConditionExpression: 'attribute_exists(pk) AND keyDelivered = :no',
          ExpressionAttributeValues: { ':yes': true, ':no': false },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async deleteAdminSession(sessionDigest: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: sessionKey(sessionDigest) }),
    );
  }
}

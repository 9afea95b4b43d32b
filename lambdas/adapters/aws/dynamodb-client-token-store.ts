import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ClientTokenRecord, ClientTokenStore } from '../../core/directory/ports';

const tokenKey = (action: string, token: string) => ({ pk: `IDEMPOTENCY#${action}#${token}`, sk: 'TOKEN' });

/**
 * ClientToken records in the directory table (`IDEMPOTENCY#<action>#<token> / TOKEN`), expiring through `ttl`.
 * A claim is a conditional put, so two concurrent calls with one token cannot both act.
 * @example
 * const clientTokens = new DynamoDbClientTokenStore(documents, 'mailwright-directory');
 */
export class DynamoDbClientTokenStore implements ClientTokenStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(
    action: string,
    token: string,
    fingerprint: string,
    expiresAt: number,
  ): Promise<ClientTokenRecord | undefined> {
    for (;;) {
      if (await this.tryClaim(action, token, fingerprint, expiresAt)) return undefined;
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: tokenKey(action, token), ConsistentRead: true }),
      );
      // Gone in between (the first call failed and released it): claim again.
      if (!Item) continue;
      const recorded = { fingerprint: String(Item.fingerprint) };
      return typeof Item.result === 'string'
        ? { ...recorded, result: JSON.parse(Item.result) as unknown }
        : recorded;
    }
  }

  async complete(action: string, token: string, result: unknown): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: tokenKey(action, token),
        UpdateExpression: 'SET #result = :result',
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':result': JSON.stringify(result ?? {}) },
      }),
    );
  }

  private async tryClaim(
    action: string,
    token: string,
    fingerprint: string,
    expiresAt: number,
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...tokenKey(action, token), fingerprint, ttl: expiresAt },
          // TTL deletion lags: an expired record counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': Math.floor(this.now().getTime() / 1000) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(action: string, token: string): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: tokenKey(action, token) }));
  }
}

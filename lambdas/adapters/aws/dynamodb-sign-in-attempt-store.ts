import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { SignInAttemptStore } from '../../core/user-auth/ports';
import type { FailureCount } from '../../core/user-auth/types';

const countKey = (key: string) => ({ pk: `SIGNIN#${key}`, sk: 'FAILURES' });

/**
 * {@link SignInAttemptStore} on the directory table (`SIGNIN#<key> / FAILURES`), shared by every function instance
 * that signs users in. A count is one item, changed by single atomic updates; DynamoDB's TTL removes it after
 * `expiresAt` (which may lag by days, so an expired count is started again, never added to).
 * @example
 * const attempts = new DynamoDbSignInAttemptStore(documents, 'mailwright-directory');
 */
export class DynamoDbSignInAttemptStore implements SignInAttemptStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getFailures(key: string): Promise<FailureCount | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: countKey(key), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async reserveAttempt(key: string, at: number, expiresAt: number): Promise<FailureCount> {
    const ttl = Math.ceil(expiresAt / 1000);
    for (;;) {
      try {
        const { Attributes } = await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: countKey(key),
            UpdateExpression:
              'ADD failures :one SET lastFailureAt = if_not_exists(lastFailureAt, :at), ' +
              'expiresAt = :expires, #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt > :at',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':one': 1, ':at': at, ':expires': expiresAt, ':ttl': ttl },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(Attributes!);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      // An expired count that TTL has not removed yet: start again, unless a concurrent attempt just did.
      const count: FailureCount = { failures: 1, lastFailureAt: at, expiresAt };
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...countKey(key), ...count, ttl },
            ConditionExpression: 'expiresAt <= :at',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return count;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async markFailed(key: string, at: number): Promise<void> {
    await this.updateExisting(key, 'SET lastFailureAt = :at', 'attribute_exists(pk)', { ':at': at });
  }

  async releaseAttempt(key: string): Promise<void> {
    await this.updateExisting(key, 'ADD failures :minusOne', 'failures > :zero', {
      ':minusOne': -1,
      ':zero': 0,
    });
  }

  async clearFailures(key: string): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: countKey(key) }));
  }

  /** An update of a count that exists and meets `condition`; nothing otherwise (it was cleared meanwhile). */
  private async updateExisting(
    key: string,
    update: string,
    condition: string,
    values: Record<string, number>,
  ): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: countKey(key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

function fromItem(item: Record<string, unknown>): FailureCount {
  return {
    failures: Number(item.failures),
    lastFailureAt: Number(item.lastFailureAt),
    expiresAt: Number(item.expiresAt),
  };
}

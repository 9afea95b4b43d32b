import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendingCounters } from '../../core/sending/ports';

const counterKey = (key: string) => ({ pk: `SENDLIMIT#${key}`, sk: 'COUNT' });

/**
 * {@link SendingCounters} on the Mailbox table (`SENDLIMIT#<key> / COUNT`): one item per counter and day, changed
 * by single conditional updates, so concurrent senders never pass a limit together; DynamoDB's TTL removes it
 * after `expiresAt`. Keys name organizations and users by id, never by address.
 * @example
 * const counters = new DynamoDbSendingCounters(documents, 'mailwright-mailboxes');
 */
export class DynamoDbSendingCounters implements SendingCounters {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(key: string, count: number, limit: number, expiresAt: number): Promise<boolean> {
    if (count > limit) return false;
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counterKey(key),
          UpdateExpression: 'ADD recipients :count SET expiresAt = :expires, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(pk) OR recipients <= :room',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':count': count,
            ':room': limit - count,
            ':expires': expiresAt,
            ':ttl': Math.ceil(expiresAt / 1000),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(key: string, count: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counterKey(key),
          UpdateExpression: 'ADD recipients :minus',
          ConditionExpression: 'recipients >= :count',
          ExpressionAttributeValues: { ':minus': -count, ':count': count },
        }),
      );
    } catch (error) {
      // The counter expired meanwhile: nothing to give back.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

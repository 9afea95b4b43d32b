import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldSealer } from '../../core/crypto/field-sealer';
import type { VacationReplyLog } from '../../core/vacation';
import { sealerOf } from './dynamodb-sealed-items';

/** Sort-key prefix of the senders a user's vacation response answered. */
export const VACATION_REPLY_PREFIX = 'VACREPLY#';

/**
 * {@link VacationReplyLog} on the Mailbox table: `MBX#<orgId>#<userId> / VACREPLY#<hex HMAC-SHA256 of the lower-cased
 * sender>` (the HMAC key is a subkey of the deployment key, so the item names no address), with `expiresAt` (epoch
 * ms) and `ttl`. Remembering is one conditional put that succeeds only when no record exists or the one there has
 * expired (TTL deletes lazily), so concurrent deliveries answer a sender once.
 * @example
 * const replies = new DynamoDbVacationReplyLog(documents, 'mailwright-mailboxes', ledgerKey);
 */
export class DynamoDbVacationReplyLog implements VacationReplyLog {
  private readonly sealer: () => Promise<FieldSealer>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
  ) {
    this.sealer = sealerOf(sealKey, 'vacation-reply');
  }

  async remember(
    organizationId: string,
    userId: string,
    sender: string,
    now: number,
    untilMs: number,
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...(await this.key(organizationId, userId, sender)),
            expiresAt: untilMs,
            ttl: Math.ceil(untilMs / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async forget(organizationId: string, userId: string, sender: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({ TableName: this.tableName, Key: await this.key(organizationId, userId, sender) }),
    );
  }

  private async key(organizationId: string, userId: string, sender: string) {
    const index = (await this.sealer()).blindIndex(sender.trim().toLowerCase());
    return { pk: `MBX#${organizationId}#${userId}`, sk: `${VACATION_REPLY_PREFIX}${index}` };
  }
}

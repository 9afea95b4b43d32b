import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InFlightChange, InFlightMessageStore, PutContentResult } from '../../core/message-flow/ports';
import type { ContentLocation, InFlightMessage } from '../../core/message-flow/types';

const key = (messageId: string) => ({ pk: `INFLIGHT#${messageId}`, sk: 'MESSAGE' });

/**
 * The in-flight message registry on the mailbox table: `INFLIGHT#<messageId>` / `MESSAGE`, expiring through
 * `ttl` (epoch seconds of `expiresAt`). Every change is a single conditional write, so a Put racing the end of
 * a synchronous rule is either effective or not, never half-applied.
 * @example
 * const store = new DynamoDbInFlightMessageStore(documents, 'mailwright-mailbox');
 */
export class DynamoDbInFlightMessageStore implements InFlightMessageStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new record; fails if the id exists. */
  async create(message: InFlightMessage): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(message.messageId),
          ...message,
          ruleArns: [...message.ruleArns],
          ttl: Math.ceil(message.expiresAt / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** The record, or `undefined`. Expiry is checked by core (TTL deletion is lazy). */
  async get(messageId: string): Promise<InFlightMessage | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key(messageId), ConsistentRead: true }),
    );
    return Item ? toMessage(Item) : undefined;
  }

  /** Records new content; see {@link InFlightMessageStore.putContent}. */
  async putContent(messageId: string, location: ContentLocation): Promise<PutContentResult> {
    const attempt = async (effective: boolean, condition: string): Promise<boolean> => {
      try {
        await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key(messageId),
            UpdateExpression: effective ? 'SET latest = :l, effective = :l' : 'SET latest = :l',
            ConditionExpression: `attribute_exists(pk) AND ${condition}`,
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':l': location, ':s': effective ? 'PENDING_SYNC' : 'REDIRECTED' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    };
    if (await attempt(true, '#state = :s')) return 'EFFECTIVE';
    if (await attempt(false, '#state <> :s')) return 'STORED';
    return (await this.get(messageId)) ? 'FROZEN' : 'NOT_FOUND';
  }

  /** Changes state and binding; see {@link InFlightMessageStore.update}. */
  async update(messageId: string, change: InFlightChange): Promise<InFlightMessage | undefined> {
    const sets: string[] = [];
    const removes: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (change.state) {
      sets.push('#state = :state');
      names['#state'] = 'state';
      values[':state'] = change.state;
    }
    if (change.pendingRuleArn === null) removes.push('pendingRuleArn');
    else if (change.pendingRuleArn !== undefined) {
      sets.push('pendingRuleArn = :pending');
      values[':pending'] = change.pendingRuleArn;
    }
    if (change.addRuleArn) {
      sets.push('ruleArns = list_append(ruleArns, :arn)');
      values[':arn'] = [change.addRuleArn];
    }
    const expression = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ];
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(messageId),
          UpdateExpression: expression.join(' ').trim() || 'SET ruleArns = ruleArns',
          ConditionExpression: 'attribute_exists(pk)',
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}

function toMessage(item: Record<string, unknown>): InFlightMessage {
  const { pk: _pk, sk: _sk, ttl: _ttl, ...message } = item;
  return message as unknown as InFlightMessage;
}

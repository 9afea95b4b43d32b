import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { InFlightChange, InFlightMessageStore, PutContentResult } from '../../core/message-flow/ports';
import type { ContentLocation, InFlightMessage } from '../../core/message-flow/types';

const key = (messageId: string) => ({ pk: `INFLIGHT#${messageId}`, sk: 'MESSAGE' });
const reference = (organizationId: string, mailboxId: string, messageId: string) => ({
  pk: `MBX#${organizationId}#${mailboxId}`,
  sk: `INFLIGHT#${messageId}`,
});
/** BatchWriteItem's limit. */
const BATCH = 25;

/**
 * The in-flight message registry on the mailbox table: `INFLIGHT#<messageId>` / `MESSAGE`, and one reference per
 * mailbox of the message, `MBX#<orgId>#<mailboxId>` / `INFLIGHT#<messageId>` (so destroying a mailbox finds its
 * records with one query), all expiring through `ttl` (epoch seconds of `expiresAt`). The references are written
 * before the record, so a record is always findable from its mailboxes. Every change of the record is a single
 * conditional write, so a Put racing the end of a synchronous rule is either effective or not, never half-applied.
 * @example
 * const store = new DynamoDbInFlightMessageStore(documents, 'mailwright-mailbox');
 */
export class DynamoDbInFlightMessageStore implements InFlightMessageStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new record and its mailbox references; fails if the id exists. */
  async create(message: InFlightMessage): Promise<void> {
    const ttl = Math.ceil(message.expiresAt / 1000);
    await this.batchWrite(
      message.mailboxIds.map((mailboxId) => ({
        PutRequest: { Item: { ...reference(message.organizationId, mailboxId, message.messageId), ttl } },
      })),
    );
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(message.messageId),
          ...message,
          ruleArns: [...message.ruleArns],
          mailboxIds: [...message.mailboxIds],
          ttl,
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

  async listForMailbox(organizationId: string, mailboxId: string): Promise<readonly string[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `MBX#${organizationId}#${mailboxId}`, ':prefix': 'INFLIGHT#' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) ids.push(String(item.sk).slice('INFLIGHT#'.length));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ids;
  }

  async delete(message: InFlightMessage): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: key(message.messageId) }));
    await this.batchWrite(
      message.mailboxIds.map((mailboxId) => ({
        DeleteRequest: { Key: reference(message.organizationId, mailboxId, message.messageId) },
      })),
    );
  }

  /** Writes in batches of 25, retrying what DynamoDB leaves unprocessed. */
  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(start, start + BATCH);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
        const { UnprocessedItems } = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }
}

function toMessage(item: Record<string, unknown>): InFlightMessage {
  const { pk: _pk, sk: _sk, ttl: _ttl, ...message } = item;
  return { mailboxIds: [], ...message } as unknown as InFlightMessage;
}

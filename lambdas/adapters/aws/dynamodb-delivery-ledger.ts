import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  ClaimResult,
  DeliveryLedger,
  LedgerEntry,
  LedgerRecord,
  LedgerState,
} from '../../core/delivery/ports';

/** Options of {@link DynamoDbDeliveryLedger}. */
export interface DynamoDbDeliveryLedgerOptions {
  readonly documents: DynamoDBDocumentClient;
  /** The mailbox table. */
  readonly tableName: string;
  /** How long ledger items live, in seconds. @default - 14 days (longer than the DLQ keeps a failed event) */
  readonly ttlSeconds?: number;
}

/** A claim was lost to another attempt before the target could be settled. */
export class LedgerClaimLostError extends Error {
  public readonly target: string;
  public constructor(target: string, options?: ErrorOptions) {
    super(`the ledger claim on ${target} is held by another attempt`, options);
    this.name = 'LedgerClaimLostError';
    this.target = target;
  }
}

/**
 * The delivery ledger in the mailbox table, one partition per SES message:
 *   INBOUND#<sesMessageId> / TARGET#<target>   state CLAIMED|DELIVERED|BOUNCED|DROPPED|SENT, owner, leaseUntil (ms),
 *                                               recipient, mailboxId, folder, status, reason, updatedAt, ttl
 *   INBOUND#<sesMessageId> / COMPLETE          completedAt, ttl
 * Targets are `MBX#<orgId>#<mailboxId>`, `ADDR#<address>` and `DSN`. Claims are conditional puts.
 * @example
 * const ledger = new DynamoDbDeliveryLedger({ documents, tableName: 'mailwright-mailbox' });
 */
export class DynamoDbDeliveryLedger implements DeliveryLedger {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly ttlSeconds: number;

  public constructor(options: DynamoDbDeliveryLedgerOptions) {
    this.documents = options.documents;
    this.tableName = options.tableName;
    this.ttlSeconds = options.ttlSeconds ?? 14 * 24 * 3600;
  }

  public async isComplete(messageId: string): Promise<boolean> {
    const key = { pk: partition(messageId), sk: 'COMPLETE' };
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  public async list(messageId: string): Promise<readonly LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :target)',
          ExpressionAttributeValues: { ':pk': partition(messageId), ':target': 'TARGET#' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []).map(toEntry));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  public async claim(
    messageId: string,
    target: string,
    owner: string,
    leaseUntil: number,
    now: number,
  ): Promise<ClaimResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...this.key(messageId, target),
              state: 'CLAIMED',
              owner,
              leaseUntil,
              updatedAt: now,
              ttl: this.ttl(now),
            },
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'CLAIMED', ':now': now },
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const holder = await this.get(messageId, target);
      if (holder) return { claimed: false, entry: holder };
    }
    throw new LedgerClaimLostError(target);
  }

  public async settle(messageId: string, target: string, owner: string, record: LedgerRecord): Promise<void> {
    const now = Date.now();
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(messageId, target),
            ...defined(record),
            owner,
            updatedAt: now,
            ttl: this.ttl(now),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND #owner = :owner)',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':claimed': 'CLAIMED', ':owner': owner },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const holder = await this.get(messageId, target);
      // Another attempt took over an expired lease and already settled the same target: nothing left to record.
      if (holder?.state !== 'CLAIMED') return;
      throw new LedgerClaimLostError(target, { cause: error });
    }
  }

  public async release(messageId: string, target: string, owner: string): Promise<void> {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(messageId, target),
          ConditionExpression: '#state = :claimed AND #owner = :owner',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':claimed': 'CLAIMED', ':owner': owner },
        }),
      );
    } catch (error) {
      // The claim is no longer ours (taken over or settled elsewhere): there is nothing to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  public async complete(messageId: string): Promise<void> {
    const now = Date.now();
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: partition(messageId), sk: 'COMPLETE', completedAt: now, ttl: this.ttl(now) },
      }),
    );
  }

  private async get(messageId: string, target: string): Promise<LedgerEntry | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(messageId, target), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  private key(messageId: string, target: string): { pk: string; sk: string } {
    return { pk: partition(messageId), sk: `TARGET#${target}` };
  }

  private ttl(nowMs: number): number {
    return Math.floor(nowMs / 1000) + this.ttlSeconds;
  }
}

function defined(record: LedgerRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function partition(messageId: string): string {
  return `INBOUND#${messageId}`;
}

function toEntry(item: Record<string, unknown>): LedgerEntry {
  const state = item.state as LedgerState;
  const target = String(item.sk).slice('TARGET#'.length);
  if (state === 'CLAIMED') {
    return { target, state, owner: item.owner as string, leaseUntil: item.leaseUntil as number };
  }
  const record = {
    state,
    recipient: item.recipient as string,
    mailboxId: item.mailboxId as string | undefined,
    folder: item.folder as LedgerRecord['folder'],
    status: item.status as LedgerRecord['status'],
    reason: item.reason as string | undefined,
  } as LedgerRecord;
  return { target, state, owner: item.owner as string | undefined, record };
}

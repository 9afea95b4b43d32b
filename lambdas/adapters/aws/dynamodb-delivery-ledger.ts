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
  LedgerSnapshot,
} from '../../core/delivery/ports';
import {
  COMPLETE_SK,
  FINAL_ONCE,
  LedgerItems,
  TARGET_PREFIX,
  type LedgerItemKey,
} from './dynamodb-ledger-items';

/** Options of {@link DynamoDbDeliveryLedger}. */
export interface DynamoDbDeliveryLedgerOptions {
  readonly documents: DynamoDBDocumentClient;
  /** The mailbox table. */
  readonly tableName: string;
  /** How long ledger items live, in seconds. @default - 14 days (longer than the DLQ keeps a failed event) */
  readonly ttlSeconds?: number;
  /**
   * The 256-bit deployment key that seals recipients and reasons and blinds addresses in target keys
   * (`loadDeploymentKey(store, wrapper, DELIVERY_LEDGER_KEY_NAME)`), or a loader that resolves it on first use.
   */
  readonly sealKey: Uint8Array | (() => Promise<Uint8Array>);
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
 * The delivery ledger in the mailbox table, one partition per SES message (layout and sealing: {@link LedgerItems}).
 * `read` is one consistent query of the partition; claims, settlements and records are conditional puts.
 * @example
 * const ledger = new DynamoDbDeliveryLedger({ documents, tableName: 'mailwright-mailbox', sealKey: ledgerKey });
 */
export class DynamoDbDeliveryLedger implements DeliveryLedger {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  /** The item layout, shared with the mailbox store that writes delivery receipts. */
  public readonly items: LedgerItems;

  public constructor(options: DynamoDbDeliveryLedgerOptions) {
    this.documents = options.documents;
    this.tableName = options.tableName;
    this.items = new LedgerItems(options.sealKey, options.ttlSeconds ?? 14 * 24 * 3600);
  }

  public async read(messageId: string): Promise<LedgerSnapshot> {
    const entries: LedgerEntry[] = [];
    let complete = false;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': this.items.partition(messageId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === COMPLETE_SK) complete = true;
        else if (String(item.sk).startsWith(TARGET_PREFIX)) entries.push(await this.items.toEntry(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { complete, entries };
  }

  public async claim(
    messageId: string,
    target: string,
    owner: string,
    leaseUntil: number,
    now: number,
  ): Promise<ClaimResult> {
    const key = await this.items.key(messageId, target);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: await this.items.targetItem(key, target, { owner, leaseUntil, now }),
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'CLAIMED', ':now': now },
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const holder = await this.get(key);
      if (holder) return { claimed: false, entry: holder };
    }
    throw new LedgerClaimLostError(target);
  }

  public async settle(
    messageId: string,
    target: string,
    owner: string,
    record: LedgerRecord,
  ): Promise<LedgerEntry> {
    const key = await this.items.key(messageId, target);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: await this.items.targetItem(key, target, { record, owner, now: Date.now() }),
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND #owner = :owner)',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':claimed': 'CLAIMED', ':owner': owner },
        }),
      );
      return { target, state: record.state, owner, record };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const holder = await this.get(key);
      // Another attempt took over an expired lease and already settled the same target: its record stands.
      if (holder && holder.state !== 'CLAIMED') return holder;
      throw new LedgerClaimLostError(target, { cause: error });
    }
  }

  public async release(messageId: string, target: string, owner: string): Promise<void> {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: await this.items.key(messageId, target),
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

  public async record(messageId: string, target: string, record: LedgerRecord): Promise<boolean> {
    const key = await this.items.key(messageId, target);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: await this.items.targetItem(key, target, { record, now: Date.now() }),
          ConditionExpression: FINAL_ONCE.condition,
          ExpressionAttributeNames: FINAL_ONCE.names,
          ExpressionAttributeValues: FINAL_ONCE.values,
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  public async complete(messageId: string): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: this.items.completeItem(messageId, Date.now()) }),
    );
  }

  private async get(key: LedgerItemKey): Promise<LedgerEntry | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? this.items.toEntry(Item) : undefined;
  }
}

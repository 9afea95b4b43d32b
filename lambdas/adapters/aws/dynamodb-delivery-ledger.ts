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
import { FieldSealer } from '../../core/crypto/field-sealer';

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

/** Purpose of the ledger's {@link FieldSealer}: its seal and blind-index subkeys are derived from it. */
const SEAL_PURPOSE = 'delivery-ledger';
/** Attributes stored sealed; each is bound to its item (pk, sk) and its own name. */
const SEALED_ATTRIBUTES = ['recipient', 'reason'] as const;
const ADDRESS_TARGET = 'ADDR#';

/**
 * The delivery ledger in the mailbox table, one partition per SES message:
 *   INBOUND#<sesMessageId> / TARGET#<stored target>   state CLAIMED|DELIVERED|BOUNCED|DROPPED|SENT, owner,
 *                                     leaseUntil (ms), recipient*, mailboxId, folder, status, reason*, target*,
 *                                     updatedAt, ttl
 *   INBOUND#<sesMessageId> / COMPLETE          completedAt, ttl
 * Targets are `MBX#<orgId>#<mailboxId>`, `ADDR#<address>`, `DSN` and `DECISION`. An address target is stored as
 * `ADDR#<hex HMAC-SHA256(ledger index key, lower-cased address)>`, with the target itself in the sealed `target`.
 * Attributes marked * are AES-256-GCM sealed (base64) under the ledger key, bound to pk, sk and their name, so the
 * table holds no address or bounce text in plaintext. Claims are conditional puts.
 * @example
 * const ledger = new DynamoDbDeliveryLedger({ documents, tableName: 'mailwright-mailbox', sealKey: ledgerKey });
 */
export class DynamoDbDeliveryLedger implements DeliveryLedger {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly ttlSeconds: number;
  private readonly loadSealer: () => Promise<FieldSealer>;

  public constructor(options: DynamoDbDeliveryLedgerOptions) {
    this.documents = options.documents;
    this.tableName = options.tableName;
    this.ttlSeconds = options.ttlSeconds ?? 14 * 24 * 3600;
    const { sealKey } = options;
    if (typeof sealKey === 'function') {
      let sealer: Promise<FieldSealer> | undefined;
      this.loadSealer = () => {
        sealer ??= sealKey().then(
          (key) => new FieldSealer(key, SEAL_PURPOSE),
          (error: unknown) => {
            sealer = undefined;
            throw error;
          },
        );
        return sealer;
      };
    } else if (sealKey instanceof Uint8Array) {
      const sealer = Promise.resolve(new FieldSealer(sealKey, SEAL_PURPOSE));
      this.loadSealer = () => sealer;
    } else {
      throw new TypeError(
        'DynamoDbDeliveryLedger needs sealKey: the ledger never stores addresses in plaintext',
      );
    }
  }

  public async isComplete(messageId: string): Promise<boolean> {
    const key = { pk: partition(messageId), sk: 'COMPLETE' };
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  public async list(messageId: string): Promise<readonly LedgerEntry[]> {
    const sealer = await this.loadSealer();
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
      entries.push(...(page.Items ?? []).map((item) => toEntry(sealer, item)));
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
    const sealer = await this.loadSealer();
    const key = this.key(sealer, messageId, target);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...key,
              ...sealTarget(sealer, key, target),
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
      const holder = await this.get(sealer, key);
      if (holder) return { claimed: false, entry: holder };
    }
    throw new LedgerClaimLostError(target);
  }

  public async settle(messageId: string, target: string, owner: string, record: LedgerRecord): Promise<void> {
    const sealer = await this.loadSealer();
    const key = this.key(sealer, messageId, target);
    const now = Date.now();
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key,
            ...sealRecord(sealer, key, record),
            ...sealTarget(sealer, key, target),
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
      const holder = await this.get(sealer, key);
      // Another attempt took over an expired lease and already settled the same target: nothing left to record.
      if (holder?.state !== 'CLAIMED') return;
      throw new LedgerClaimLostError(target, { cause: error });
    }
  }

  public async release(messageId: string, target: string, owner: string): Promise<void> {
    const sealer = await this.loadSealer();
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(sealer, messageId, target),
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

  private async get(sealer: FieldSealer, key: ItemKey): Promise<LedgerEntry | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? toEntry(sealer, Item) : undefined;
  }

  /** The item key; an address target is blinded (keyed HMAC of the lower-cased address). */
  private key(sealer: FieldSealer, messageId: string, target: string): ItemKey {
    const stored = target.startsWith(ADDRESS_TARGET)
      ? `${ADDRESS_TARGET}${sealer.blindIndex(target.slice(ADDRESS_TARGET.length).toLowerCase())}`
      : target;
    return { pk: partition(messageId), sk: `TARGET#${stored}` };
  }

  private ttl(nowMs: number): number {
    return Math.floor(nowMs / 1000) + this.ttlSeconds;
  }
}

interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const binding = (key: ItemKey, attribute: string) => [key.pk, key.sk, attribute];

/** The record's defined attributes, with recipient and reason sealed to this item. */
function sealRecord(sealer: FieldSealer, key: ItemKey, record: LedgerRecord): Record<string, string> {
  const sealed: Record<string, string> = {};
  for (const [name, value] of Object.entries(record) as [string, string | undefined][]) {
    if (value === undefined) continue;
    const isSealed = (SEALED_ATTRIBUTES as readonly string[]).includes(name);
    sealed[name] = isSealed ? sealer.seal(value, binding(key, name)) : value;
  }
  return sealed;
}

/** The sealed original of a blinded address target, so that list() and claim() report it as core wrote it. */
function sealTarget(sealer: FieldSealer, key: ItemKey, target: string): { target?: string } {
  return target.startsWith(ADDRESS_TARGET) ? { target: sealer.seal(target, binding(key, 'target')) } : {};
}

function partition(messageId: string): string {
  return `INBOUND#${messageId}`;
}

function toEntry(sealer: FieldSealer, item: Record<string, unknown>): LedgerEntry {
  const key: ItemKey = { pk: String(item.pk), sk: String(item.sk) };
  const open = (name: string) => {
    const value = item[name];
    return typeof value === 'string' ? sealer.open(value, binding(key, name)) : undefined;
  };
  const state = item.state as LedgerState;
  const target = open('target') ?? key.sk.slice('TARGET#'.length);
  if (state === 'CLAIMED') {
    return { target, state, owner: item.owner as string, leaseUntil: item.leaseUntil as number };
  }
  const record = {
    state,
    recipient: open('recipient') as string,
    mailboxId: item.mailboxId as string | undefined,
    folder: item.folder as LedgerRecord['folder'],
    status: item.status as LedgerRecord['status'],
    reason: open('reason'),
  } as LedgerRecord;
  return { target, state, owner: item.owner as string | undefined, record };
}

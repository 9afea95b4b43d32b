import type { DeliveryReceipt, LedgerEntry, LedgerRecord, LedgerState } from '../../core/delivery/ports';
import { FieldSealer } from '../../core/crypto/field-sealer';

/** Purpose of the ledger's {@link FieldSealer}: its seal and blind-index subkeys are derived from it. */
const SEAL_PURPOSE = 'delivery-ledger';
/** Attributes stored sealed; each is bound to its item (pk, sk) and its own name. */
const SEALED_ATTRIBUTES = ['recipient', 'reason'] as const;
const ADDRESS_TARGET = 'ADDR#';
/** Sort key of the item that marks a message complete. */
export const COMPLETE_SK = 'COMPLETE';
/** Sort-key prefix of target items. */
export const TARGET_PREFIX = 'TARGET#';

/** The primary key of a ledger item. */
export interface LedgerItemKey {
  readonly pk: string;
  readonly sk: string;
}

type Item = Record<string, unknown>;

/**
 * How the delivery ledger is laid out in the mailbox table, one partition per SES message:
 *   INBOUND#<sesMessageId> / TARGET#<stored target>   state CLAIMED|DELIVERED|BOUNCED|DROPPED|SENT, owner,
 *                                     leaseUntil (ms), recipient*, mailboxId, folder, status, reason*, target*,
 *                                     updatedAt, ttl
 *   INBOUND#<sesMessageId> / COMPLETE          completedAt, ttl
 * Targets are `MBX#<orgId>#<mailboxId>`, `ADDR#<address>`, `DSN` and `DECISION`. An address target is stored as
 * `ADDR#<hex HMAC-SHA256(ledger index key, lower-cased address)>`, with the target itself in the sealed `target`.
 * Attributes marked * are AES-256-GCM sealed (base64) under the ledger key, bound to pk, sk and their name, so the
 * table holds no address or bounce text in plaintext. Shared by the ledger and by the mailbox store, which writes a
 * delivery's receipt in the transaction that stores the message.
 * @example
 * const items = new LedgerItems(ledgerKey);
 * const key = await items.key('ses-id', 'MBX#m-1#u-1');
 */
export class LedgerItems {
  private readonly loadSealer: () => Promise<FieldSealer>;

  /**
   * @param sealKey - the 256-bit deployment key that seals recipients and reasons and blinds addresses in target
   * keys (`loadDeploymentKey(store, wrapper, DELIVERY_LEDGER_KEY_NAME)`), or a loader that resolves it on first use
   * @param ttlSeconds - how long items live
   */
  public constructor(
    sealKey: Uint8Array | (() => Promise<Uint8Array>),
    private readonly ttlSeconds: number,
  ) {
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
      throw new TypeError('the delivery ledger needs sealKey: it never stores addresses in plaintext');
    }
  }

  /** The partition of a message. */
  public partition(messageId: string): string {
    return `INBOUND#${messageId}`;
  }

  /** The item key of a target; an address target is blinded (keyed HMAC of the lower-cased address). */
  public async key(messageId: string, target: string): Promise<LedgerItemKey> {
    const sealer = await this.loadSealer();
    const stored = target.startsWith(ADDRESS_TARGET)
      ? `${ADDRESS_TARGET}${sealer.blindIndex(target.slice(ADDRESS_TARGET.length).toLowerCase())}`
      : target;
    return { pk: this.partition(messageId), sk: `${TARGET_PREFIX}${stored}` };
  }

  /** A target item: a claim when `record` is undefined, else the final record, sealed. */
  public async targetItem(
    key: LedgerItemKey,
    target: string,
    fields: { record?: LedgerRecord; owner?: string; leaseUntil?: number; now: number },
  ): Promise<Item> {
    const sealer = await this.loadSealer();
    const sealedTarget = target.startsWith(ADDRESS_TARGET)
      ? { target: sealer.seal(target, binding(key, 'target')) }
      : {};
    const state = fields.record
      ? sealRecord(sealer, key, fields.record)
      : { state: 'CLAIMED', leaseUntil: fields.leaseUntil };
    return {
      ...key,
      ...state,
      ...sealedTarget,
      ...(fields.owner === undefined ? {} : { owner: fields.owner }),
      updatedAt: fields.now,
      ttl: this.ttl(fields.now),
    };
  }

  /** The item that marks a message complete. */
  public completeItem(messageId: string, now: number): Item {
    return { pk: this.partition(messageId), sk: COMPLETE_SK, completedAt: now, ttl: this.ttl(now) };
  }

  /**
   * The items a delivery writes with its message: the target's final record (only where the target has no final
   * record yet) and, when it completes the message, the completion. Each comes with its write condition.
   */
  public async receiptItems(
    receipt: DeliveryReceipt,
    now: number,
  ): Promise<{ item: Item; condition?: string; names?: Record<string, string>; values?: Item }[]> {
    const key = await this.key(receipt.messageId, receipt.target);
    const target = {
      item: await this.targetItem(key, receipt.target, { record: receipt.record, now }),
      ...FINAL_ONCE,
    };
    return receipt.completesMessage
      ? [target, { item: this.completeItem(receipt.messageId, now) }]
      : [target];
  }

  /** The entry a stored target item stands for, opened. */
  public async toEntry(item: Item): Promise<LedgerEntry> {
    const sealer = await this.loadSealer();
    const key: LedgerItemKey = { pk: String(item.pk), sk: String(item.sk) };
    const open = (name: string) => {
      const value = item[name];
      return typeof value === 'string' ? sealer.open(value, binding(key, name)) : undefined;
    };
    const state = item.state as LedgerState;
    const target = open('target') ?? key.sk.slice(TARGET_PREFIX.length);
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

  private ttl(nowMs: number): number {
    return Math.floor(nowMs / 1000) + this.ttlSeconds;
  }
}

/**
 * A final record is written only where there is none: no item, or a claim left by an earlier version of the
 * pipeline (mailbox and bounce targets are no longer claimed).
 */
export const FINAL_ONCE = {
  condition: 'attribute_not_exists(pk) OR #state = :claimed',
  names: { '#state': 'state' },
  values: { ':claimed': 'CLAIMED' },
} as const;

const binding = (key: LedgerItemKey, attribute: string) => [key.pk, key.sk, attribute];

/** The record's defined attributes, with recipient and reason sealed to this item. */
function sealRecord(sealer: FieldSealer, key: LedgerItemKey, record: LedgerRecord): Record<string, string> {
  const sealed: Record<string, string> = {};
  for (const [name, value] of Object.entries(record) as [string, string | undefined][]) {
    if (value === undefined) continue;
    const isSealed = (SEALED_ATTRIBUTES as readonly string[]).includes(name);
    sealed[name] = isSealed ? sealer.seal(value, binding(key, name)) : value;
  }
  return sealed;
}

import type {
  CollectionRecord,
  IndexSlot,
  ObjectCommit,
  ObjectRecord,
  TimeIndexEntry,
} from '../../core/calendar/ports';
import type { BusyType, MailboxRef, ObjectChange, ObjectInfo } from '../../core/calendar/types';
import type { TransactItem } from './dynamodb-transact';

type Item = Record<string, unknown>;

/** Sealed content bytes per item (DynamoDB items hold at most 400 KB). */
export const PART_BYTES = 350_000;

/**
 * The partition of a mailbox's calendars and address books (apart from the mail model's `MBX#…`).
 * @param owner - the mailbox
 * @example
 * calendarPk({ organizationId: 'm-1', mailboxId: 'S-1' }); // 'CAL#m-1#S-1'
 */
export function calendarPk(owner: MailboxRef): string {
  return `CAL#${owner.organizationId}#${owner.mailboxId}`;
}

/** Sort-key prefixes of every item of a mailbox's calendar partition (all removed with the mailbox). */
export const CALENDAR_PREFIXES = ['COL#', 'OBJ#', 'PART#', 'UID#', 'LOG#', 'CIX#'];

/** Sort keys of a collection's items. */
export const calendarSk = {
  collection: (collectionId: string) => `COL#${collectionId}`,
  object: (collectionId: string, name: string) => `OBJ#${collectionId}#${name}`,
  part: (collectionId: string, name: string, part: number) => `PART#${collectionId}#${name}#${part}`,
  uid: (collectionId: string, uid: string) => `UID#${collectionId}#${uid}`,
  change: (collectionId: string, seq: number) => `LOG#${collectionId}#${pad(seq)}`,
  index: (slot: IndexSlot, collectionId: string, name: string) =>
    `${indexPrefix(slot.long)}${pad(slot.start)}#${collectionId}#${name}`,
};

/**
 * The sort-key prefix of short (`CIX#S#`) or long (`CIX#L#`) time index entries.
 * @param long - which kind
 * @example
 * indexPrefix(true); // 'CIX#L#'
 */
export function indexPrefix(long: boolean): string {
  return long ? 'CIX#L#' : 'CIX#S#';
}

/**
 * Epoch ms (or a seq) as 15 digits, clamped to what sorts correctly.
 * @param value - a non-negative number (negative ones become 0)
 * @example
 * pad(42); // '000000000000042'
 */
export function pad(value: number): string {
  return String(Math.min(Math.max(0, Math.floor(value)), 999_999_999_999_999)).padStart(15, '0');
}

/**
 * A collection item's record.
 * @param item - a `COL#` item
 * @example
 * toCollection(Item).syncSeq;
 */
export function toCollection(item: Item): CollectionRecord {
  return {
    collectionId: item.collectionId as string,
    kind: item.kind as CollectionRecord['kind'],
    displayName: item.displayName as string,
    ...(typeof item.description === 'string' && { description: item.description }),
    ...(typeof item.color === 'string' && { color: item.color }),
    isDefault: item.isDefault === true,
    syncSeq: item.syncSeq as number,
    createdAt: item.createdAt as number,
    ...(item.deleting === true && { deleting: true }),
  };
}

function infoOf(item: Item): ObjectInfo {
  return {
    collectionId: item.collectionId as string,
    name: item.name as string,
    uid: item.uid as string,
    etag: item.etag as string,
    seq: item.seq as number,
    sizeBytes: item.sizeBytes as number,
    modifiedAt: item.modifiedAt as number,
  };
}

/**
 * An object item's record (without content).
 * @param item - an `OBJ#` item
 * @example
 * toObject(Item).etag;
 */
export function toObject(item: Item): ObjectRecord {
  return {
    ...infoOf(item),
    objectId: item.objectId as string,
    keyVersion: item.keyVersion as number,
    wrappedKey: item.wrappedKey as Uint8Array,
    ...(typeof item.slotStart === 'number' && {
      slot: { long: item.slotLong === true, start: item.slotStart },
    }),
    contentParts: item.contentParts as number,
  };
}

/** Attributes of an object item besides its content (what listings project). */
export const OBJECT_ATTRIBUTES = [
  'collectionId',
  'name',
  'uid',
  'etag',
  'seq',
  'sizeBytes',
  'modifiedAt',
  'objectId',
  'keyVersion',
  'wrappedKey',
  'slotLong',
  'slotStart',
  'contentParts',
];

/**
 * A change-log item's entry.
 * @param item - a `LOG#` item
 * @example
 * toChange(Item).removed;
 */
export function toChange(item: Item): ObjectChange {
  return item.removed === true
    ? { name: item.name as string, seq: item.seq as number, removed: true }
    : { name: item.name as string, seq: item.seq as number, removed: false, etag: item.etag as string };
}

/**
 * A time index item's entry.
 * @param item - a `CIX#` item
 * @example
 * toEntry(Item).busyType;
 */
export function toEntry(item: Item): TimeIndexEntry {
  return {
    long: item.long === true,
    start: item.start as number,
    end: item.end as number,
    busyType: item.busyType as BusyType,
    object: infoOf(item),
    ...(typeof item.rules === 'string' && { rules: item.rules }),
  };
}

/**
 * The items of one object change: the collection's syncSeq moved on condition (always first), the object's items
 * replaced or deleted, its change-log entry moved to the new seq (a tombstone for a removal).
 * @param tableName - the Mailbox table
 * @param owner - the mailbox
 * @param commit - the change
 * @example
 * await transact(documents, commitItems(tableName, owner, commit));
 */
export function commitItems(tableName: string, owner: MailboxRef, commit: ObjectCommit): TransactItem[] {
  const pk = calendarPk(owner);
  const { collectionId, previous, put } = commit;
  const puts = new Map<string, Item>();
  const deletes = new Set<string>();
  if (previous) {
    deletes.add(calendarSk.object(collectionId, previous.name));
    for (let part = 1; part < (previous.contentParts ?? 1); part += 1)
      deletes.add(calendarSk.part(collectionId, previous.name, part));
    deletes.add(calendarSk.uid(collectionId, previous.uid));
    deletes.add(calendarSk.change(collectionId, previous.seq));
    if (previous.slot) deletes.add(calendarSk.index(previous.slot, collectionId, previous.name));
  }
  if (put) {
    const { record, sealed, index } = put;
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
    const { slot, contentParts: _parts, ...fields } = record;
    puts.set(calendarSk.object(collectionId, record.name), {
      ...fields,
      ...(slot && { slotLong: slot.long, slotStart: slot.start }),
      contentParts: parts,
      content: bytes.subarray(0, PART_BYTES),
    });
    for (let part = 1; part < parts; part += 1)
      puts.set(calendarSk.part(collectionId, record.name, part), {
        content: bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES),
      });
    puts.set(calendarSk.uid(collectionId, record.uid), { name: record.name });
    puts.set(calendarSk.change(collectionId, record.seq), {
      name: record.name,
      seq: record.seq,
      etag: record.etag,
    });
    if (index) {
      const { object, ...times } = index;
      puts.set(calendarSk.index(index, collectionId, record.name), { ...object, ...times });
    }
  } else if (previous) {
    puts.set(calendarSk.change(collectionId, commit.seq), {
      name: previous.name,
      seq: commit.seq,
      removed: true,
      ttl: Math.ceil(commit.tombstoneUntil / 1000),
    });
  }
  return [
    {
      Update: {
        TableName: tableName,
        Key: { pk, sk: calendarSk.collection(collectionId) },
        UpdateExpression: 'SET syncSeq = :seq',
        ConditionExpression: 'syncSeq = :expected AND attribute_not_exists(deleting)',
        ExpressionAttributeValues: { ':seq': commit.seq, ':expected': commit.expectedSeq },
      },
    },
    ...[...puts].map(([sk, item]) => ({ Put: { TableName: tableName, Item: { pk, sk, ...item } } })),
    ...[...deletes]
      .filter((sk) => !puts.has(sk))
      .map((sk) => ({ Delete: { TableName: tableName, Key: { pk, sk } } })),
  ];
}

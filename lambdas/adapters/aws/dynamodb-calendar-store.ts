import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type {
  CalendarStore,
  CollectionRecord,
  ObjectCommit,
  ObjectRecord,
  SealedObject,
  TimeIndexEntry,
} from '../../core/calendar/ports';
import type { CollectionPatch, MailboxRef, ObjectChange, TimeWindow } from '../../core/calendar/types';
import {
  calendarPk,
  calendarSk,
  commitItems,
  indexPrefix,
  OBJECT_ATTRIBUTES,
  pad,
  toChange,
  toCollection,
  toEntry,
  toObject,
} from './dynamodb-calendar-items';
import { PartitionIo, projection } from './dynamodb-partition-io';
import { transact } from './dynamodb-transact';

type Item = Record<string, unknown>;

/**
 * CalendarStore on the Mailbox table, partition `CAL#<orgId>#<mailboxId>` (dynamodb-tables.ts): every read is
 * consistent, every object change one TransactWriteItems conditional on the collection's syncSeq.
 * @example
 * const store = new DynamoDbCalendarStore(documents, 'mailwright-mailbox');
 */
export class DynamoDbCalendarStore implements CalendarStore {
  private readonly io: PartitionIo;

  /**
   * @param documents - a document client (built once in wiring)
   * @param tableName - the Mailbox table
   */
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.io = new PartitionIo(documents, tableName);
  }

  async listCollections(owner: MailboxRef): Promise<CollectionRecord[]> {
    return (await this.queryAll(owner, 'COL#')).map(toCollection);
  }

  async getCollection(owner: MailboxRef, collectionId: string): Promise<CollectionRecord | undefined> {
    const item = await this.io.get(calendarPk(owner), calendarSk.collection(collectionId));
    return item && toCollection(item);
  }

  async createCollection(owner: MailboxRef, record: CollectionRecord): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: calendarPk(owner), sk: calendarSk.collection(record.collectionId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async updateCollection(
    owner: MailboxRef,
    collectionId: string,
    patch: CollectionPatch,
  ): Promise<CollectionRecord | undefined> {
    const sets: string[] = [];
    const removes: string[] = [];
    const values: Item = {};
    const names: Record<string, string> = {};
    for (const field of ['displayName', 'description', 'color'] as const) {
      const value = patch[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      if (value === null) removes.push(`#${field}`);
      else {
        sets.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    const expression = [
      sets.length > 0 && `SET ${sets.join(', ')}`,
      removes.length > 0 && `REMOVE ${removes.join(', ')}`,
    ]
      .filter(Boolean)
      .join(' ');
    if (!expression) return this.getCollection(owner, collectionId);
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: calendarPk(owner), sk: calendarSk.collection(collectionId) },
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deleting)',
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes && toCollection(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async markDeleting(owner: MailboxRef, collectionId: string): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: calendarPk(owner), sk: calendarSk.collection(collectionId) },
          UpdateExpression: 'SET deleting = :true',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':true': true },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async purgeCollection(owner: MailboxRef, collectionId: string): Promise<void> {
    const objects = (await this.queryAll(owner, `OBJ#${collectionId}#`, OBJECT_ATTRIBUTES)).map(toObject);
    const keys = objects.flatMap((object) => [
      calendarSk.object(collectionId, object.name),
      ...Array.from({ length: (object.contentParts ?? 1) - 1 }, (_, part) =>
        calendarSk.part(collectionId, object.name, part + 1),
      ),
      ...(object.slot ? [calendarSk.index(object.slot, collectionId, object.name)] : []),
    ]);
    for (const prefix of [`UID#${collectionId}#`, `LOG#${collectionId}#`]) {
      keys.push(...(await this.queryAll(owner, prefix, ['sk'])).map((item) => item.sk as string));
    }
    keys.push(calendarSk.collection(collectionId));
    await this.io.deleteAll(calendarPk(owner), keys);
  }

  async getObject(owner: MailboxRef, collectionId: string, name: string): Promise<ObjectRecord | undefined> {
    const item = await this.io.get(
      calendarPk(owner),
      calendarSk.object(collectionId, name),
      OBJECT_ATTRIBUTES,
    );
    return item && toObject(item);
  }

  async getSealedObjects(
    owner: MailboxRef,
    collectionId: string,
    names: readonly string[],
  ): Promise<SealedObject[]> {
    const items = await this.io.batchGet(
      calendarPk(owner),
      names.map((name) => calendarSk.object(collectionId, name)),
    );
    const partKeys = items.flatMap((item) =>
      Array.from({ length: (item.contentParts as number) - 1 }, (_, part) =>
        calendarSk.part(collectionId, item.name as string, part + 1),
      ),
    );
    const parts = new Map(
      (await this.io.batchGet(calendarPk(owner), partKeys)).map((item) => [item.sk as string, item]),
    );
    return items.map((item) => {
      const record = toObject(item);
      const chunks = [item.content as Uint8Array];
      for (let part = 1; part < (record.contentParts ?? 1); part += 1) {
        const chunk = parts.get(calendarSk.part(collectionId, record.name, part));
        if (!chunk) throw new Error(`A content part of a calendar object is missing (part ${part}).`);
        chunks.push(chunk.content as Uint8Array);
      }
      return { record, sealed: Buffer.concat(chunks) };
    });
  }

  async listObjects(owner: MailboxRef, collectionId: string, after: string | undefined, limit: number) {
    const pk = calendarPk(owner);
    const { Items, LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': `OBJ#${collectionId}#` },
        ...projection(OBJECT_ATTRIBUTES),
        ...(after !== undefined && { ExclusiveStartKey: { pk, sk: calendarSk.object(collectionId, after) } }),
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    const items = (Items ?? []).map(toObject);
    const last = items[items.length - 1];
    return { items, ...(LastEvaluatedKey && last && { next: last.name }) };
  }

  async nameOfUid(owner: MailboxRef, collectionId: string, uid: string): Promise<string | undefined> {
    const item = await this.io.get(calendarPk(owner), calendarSk.uid(collectionId, uid));
    return item?.name as string | undefined;
  }

  async changes(
    owner: MailboxRef,
    collectionId: string,
    range: {
      readonly sinceSeq: number;
      readonly untilSeq: number;
      readonly limit: number;
      readonly removed: boolean;
    },
  ): Promise<ObjectChange[]> {
    const found: ObjectChange[] = [];
    let start: Item | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': calendarPk(owner),
            ':from': calendarSk.change(collectionId, range.sinceSeq + 1),
            ':to': calendarSk.change(collectionId, range.untilSeq),
          },
          ...(!range.removed && { FilterExpression: 'attribute_not_exists(removed)' }),
          Limit: range.limit,
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      found.push(...(page.Items ?? []).map(toChange));
      start = page.LastEvaluatedKey;
    } while (start && found.length < range.limit);
    return found.slice(0, range.limit);
  }

  async entriesInWindow(
    owner: MailboxRef,
    window: TimeWindow,
    shortMaxMs: number,
  ): Promise<TimeIndexEntry[]> {
    const query = (long: boolean, from: number) =>
      this.io.query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: '#end >= :start',
        ExpressionAttributeNames: { '#end': 'end' },
        ExpressionAttributeValues: {
          ':pk': calendarPk(owner),
          ':from': `${indexPrefix(long)}${pad(from)}`,
          ':to': `${indexPrefix(long)}${pad(window.end)}`,
          ':start': window.start,
        },
      });
    const [short, long] = await Promise.all([query(false, window.start - shortMaxMs), query(true, 0)]);
    return [...short, ...long].map(toEntry);
  }

  async commit(owner: MailboxRef, commit: ObjectCommit): Promise<boolean> {
    const codes = await transact(this.documents, commitItems(this.tableName, owner, commit));
    return codes === undefined;
  }

  private queryAll(owner: MailboxRef, prefix: string, attributes?: readonly string[]) {
    return this.io.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': calendarPk(owner), ':prefix': prefix },
      ...(attributes && projection(attributes)),
    });
  }
}

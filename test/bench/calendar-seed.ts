import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { calendarPk, calendarSk, commitItems } from '../../lambdas/adapters/aws/dynamodb-calendar-items';
import { parseCalendarObject } from '../../lambdas/core/calendar/parse-icalendar';
import { plannedEntry } from '../../lambdas/core/calendar/time-plan';
import type { MailboxRef } from '../../lambdas/core/calendar/types';

const DAY = 86_400_000;

/** A UTC date-time in iCalendar form. */
export function icalTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/**
 * A mailbox's year of events: `count` objects of which `recurring` are weekly series begun before `from` (half
 * open-ended, half with COUNT=60), the rest one-hour meetings spread over the year from `from`.
 */
export function yearOfEvents(from: number, count: number, recurring: number): string[] {
  const events: string[] = [];
  for (let i = 0; i < count; i++) {
    const isSeries = i < recurring;
    const start = isSeries
      ? from - 30 * DAY + i * 3_600_000
      : from + Math.floor(((i - recurring) * 365 * DAY) / (count - recurring));
    const rule = isSeries ? [i % 2 ? 'RRULE:FREQ=WEEKLY' : 'RRULE:FREQ=WEEKLY;COUNT=60'] : [];
    events.push(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Mailwright bench//EN',
        'BEGIN:VEVENT',
        `UID:bench-${i}`,
        `DTSTAMP:${icalTime(from)}`,
        `DTSTART:${icalTime(start)}`,
        `DTEND:${icalTime(start + 3_600_000)}`,
        ...rule,
        `SUMMARY:Meeting ${i}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  }
  return events;
}

/**
 * Writes a collection and its objects straight as the adapter's items (what `commitItems` puts: object, UID,
 * change-log entry, time index entry computed by the real planner), with placeholder ciphertext: the measured
 * queries (free/busy, changes) never decrypt. Thousands of conditional puts one by one would take minutes here.
 */
export async function seedCollection(
  documents: DynamoDBDocumentClient,
  tableName: string,
  owner: MailboxRef,
  collectionId: string,
  objects: readonly string[],
): Promise<void> {
  const items: Record<string, unknown>[] = [];
  objects.forEach((ics, index) => {
    const parsed = parseCalendarObject(ics);
    if (!parsed.ok) throw new Error(parsed.reason);
    const planned = plannedEntry(parsed.value);
    if (!planned.ok) throw new Error(planned.reason);
    const seq = index + 1;
    const info = {
      collectionId,
      name: `${parsed.value.uid}.ics`,
      uid: parsed.value.uid,
      etag: `"${seq}"`,
      seq,
      sizeBytes: ics.length,
      modifiedAt: 0,
    };
    const record = {
      ...info,
      objectId: randomUUID(),
      keyVersion: 1,
      wrappedKey: Buffer.alloc(60),
      slot: { long: planned.value.long, start: planned.value.start },
    };
    const commit = { collectionId, expectedSeq: seq - 1, seq, now: 0, tombstoneUntil: 0 };
    const put = { record, sealed: Buffer.alloc(ics.length + 28), index: { ...planned.value, object: info } };
    for (const item of commitItems(tableName, owner, { ...commit, put }))
      if (item.Put?.Item) items.push(item.Put.Item);
  });
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: calendarPk(owner),
        sk: calendarSk.collection(collectionId),
        collectionId,
        kind: 'calendar',
        displayName: 'Calendar',
        isDefault: collectionId === 'calendar',
        syncSeq: objects.length,
        createdAt: 0,
      },
    }),
  );
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

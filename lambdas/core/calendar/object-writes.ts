import { parseCalendarObject, type ParseOutcome } from './parse-icalendar';
import { parseVcard } from './parse-vcard';
import { COMMIT_ATTEMPTS, MAX_OBJECT_BYTES, MAX_UID_LENGTH, TOMBSTONE_TTL_MS } from './limits';
import type { SealedContent } from './object-sealing';
import type { CalendarStore, CollectionRecord, ObjectRecord, TimeIndexEntry } from './ports';
import { CalendarWriteConflictError, ok, refuse } from './results';
import { plannedEntry, type PlannedEntry } from './time-plan';
import type { CalendarResult, CollectionKind, MailboxRef, ObjectInfo, WritePrecondition } from './types';
import { slotConflicts } from './window-queries';

/** What a write needs from the service. */
export interface WriteContext {
  readonly store: CalendarStore;
  readonly now: () => number;
  /** The collection if it exists (defaults created on first use). */
  collection(owner: MailboxRef, collectionId: string): Promise<CollectionRecord | undefined>;
  /** Seals content under the mailbox's current key. */
  seal(owner: MailboxRef, content: string): Promise<SealedContent>;
}

/** A validated object: its UID and, for calendar objects, its planned time index entry. */
interface Validated {
  readonly uid: string;
  readonly planned?: PlannedEntry;
}

const OBJECT_NAME = /^[^/]+$/;

/**
 * True for a valid resource name (`[^/]{1,255}`, not `.` or `..`).
 * @param name - a resource name from a URL
 * @example
 * isObjectName('a.ics'); // true
 */
export function isObjectName(name: string): boolean {
  return OBJECT_NAME.test(name) && name.length <= MAX_UID_LENGTH && name !== '.' && name !== '..';
}

/**
 * Primary course of a put: 1. check the name and size; 2. find the collection; 3. validate the content for the
 * collection's kind and plan its time index entry; 4. seal it; 5. read the current version and UID holder and
 * check the preconditions (and, when asked, the free slot); 6. commit on condition that the collection's syncSeq
 * has not moved; when it has, go back to 5.
 * @example
 * await putObject(context, owner, 'calendar', 'a.ics', ics, { ifNoneMatch: '*' });
 */
export async function putObject(
  context: WriteContext,
  owner: MailboxRef,
  collectionId: string,
  name: string,
  content: string,
  precondition: WritePrecondition = {},
): Promise<CalendarResult<ObjectInfo>> {
  if (!isObjectName(name))
    return refuse({ type: 'invalidData', reason: 'A resource name is 1–255 characters without "/".' });
  if (Buffer.byteLength(content, 'utf8') > MAX_OBJECT_BYTES)
    return refuse({ type: 'tooLarge', maxBytes: MAX_OBJECT_BYTES });
  const first = await context.collection(owner, collectionId);
  if (!first) return refuse({ type: 'collectionNotFound' });
  const validated = validate(first.kind, content);
  if (!validated.ok) return refuse({ type: 'invalidData', reason: validated.reason });
  const sealed = await context.seal(owner, content);
  const sizeBytes = Buffer.byteLength(content, 'utf8');
  for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt += 1) {
    const collection = attempt === 0 ? first : await context.collection(owner, collectionId);
    if (!collection) return refuse({ type: 'collectionNotFound' });
    const previous = await context.store.getObject(owner, collectionId, name);
    const refusal = preconditionRefusal(previous, precondition);
    if (refusal) return refusal;
    const holder = await context.store.nameOfUid(owner, collectionId, validated.value.uid);
    if (holder !== undefined && holder !== name) return refuse({ type: 'uidConflict', existingName: holder });
    const now = context.now();
    const seq = collection.syncSeq + 1;
    const info: ObjectInfo = {
      collectionId,
      name,
      uid: validated.value.uid,
      etag: `"${seq.toString(36)}-${sealed.objectId.slice(0, 8)}"`,
      seq,
      sizeBytes,
      modifiedAt: now,
    };
    const planned = validated.value.planned;
    const index: TimeIndexEntry | undefined = planned && { ...planned, object: info };
    if (precondition.requireFreeSlot && index) {
      const conflicts = await slotConflicts(context.store, owner, index, now);
      if (conflicts.length > 0) return refuse({ type: 'slotTaken', conflicts });
    }
    const record: ObjectRecord = {
      ...info,
      objectId: sealed.objectId,
      keyVersion: sealed.keyVersion,
      wrappedKey: sealed.wrappedKey,
      ...(index && { slot: { long: index.long, start: index.start } }),
    };
    const committed = await context.store.commit(owner, {
      collectionId,
      expectedSeq: collection.syncSeq,
      seq,
      now,
      previous,
      put: { record, sealed: sealed.sealed, index },
      tombstoneUntil: now + TOMBSTONE_TTL_MS,
    });
    if (committed) return ok(info);
  }
  throw new CalendarWriteConflictError();
}

/**
 * Removes an object (its content, UID, time index entry) and logs a tombstone, on condition that the
 * collection's syncSeq has not moved.
 * @example
 * await removeObject(context, owner, 'calendar', 'a.ics', { ifMatch: '"1-ab"' });
 */
export async function removeObject(
  context: WriteContext,
  owner: MailboxRef,
  collectionId: string,
  name: string,
  precondition: WritePrecondition = {},
): Promise<CalendarResult<void>> {
  for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt += 1) {
    const collection = await context.collection(owner, collectionId);
    if (!collection) return refuse({ type: 'collectionNotFound' });
    const previous = isObjectName(name)
      ? await context.store.getObject(owner, collectionId, name)
      : undefined;
    if (!previous) return refuse({ type: 'objectNotFound' });
    const refusal = preconditionRefusal(previous, precondition);
    if (refusal) return refusal;
    const now = context.now();
    const committed = await context.store.commit(owner, {
      collectionId,
      expectedSeq: collection.syncSeq,
      seq: collection.syncSeq + 1,
      now,
      previous,
      tombstoneUntil: now + TOMBSTONE_TTL_MS,
    });
    if (committed) return ok(undefined);
  }
  throw new CalendarWriteConflictError();
}

function preconditionRefusal(
  previous: ObjectRecord | undefined,
  precondition: WritePrecondition,
): CalendarResult<never> | undefined {
  if (precondition.ifNoneMatch === '*' && previous) return refuse({ type: 'preconditionFailed' });
  if (precondition.ifMatch !== undefined && previous?.etag !== precondition.ifMatch)
    return refuse({ type: 'preconditionFailed' });
  return undefined;
}

function validate(kind: CollectionKind, content: string): ParseOutcome<Validated> {
  if (kind === 'addressbook') return parseVcard(content);
  const parsed = parseCalendarObject(content);
  if (!parsed.ok) return parsed;
  const planned = plannedEntry(parsed.value);
  return planned.ok ? { ok: true, value: { uid: parsed.value.uid, planned: planned.value } } : planned;
}

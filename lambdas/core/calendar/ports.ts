import type {
  BusyType,
  CollectionInfo,
  CollectionPatch,
  MailboxRef,
  ObjectChange,
  ObjectInfo,
  TimeWindow,
} from './types';

/** A collection as stored: its info, and whether its deletion has begun (it then counts as absent). */
export interface CollectionRecord extends CollectionInfo {
  readonly deleting?: boolean;
}

/** Where an object's time index entry sits (the adapter builds its key from these). */
export interface IndexSlot {
  /** Long entries are read by every window that starts before their end; short ones by start range. */
  readonly long: boolean;
  readonly start: number;
}

/** An object as stored, without its content. */
export interface ObjectRecord extends ObjectInfo {
  /** Random id of this version, authenticated with the content (a sealed content cannot move to another object). */
  readonly objectId: string;
  readonly keyVersion: number;
  /** The object key wrapped under the mailbox key (60 bytes). */
  readonly wrappedKey: Uint8Array;
  readonly slot?: IndexSlot;
  /** How the adapter split the sealed content; opaque to core. */
  readonly contentParts?: number;
}

/** An object with its sealed content. */
export interface SealedObject {
  readonly record: ObjectRecord;
  readonly sealed: Uint8Array;
}

/** One time index entry: an event's times and free/busy facts, never its summary, location or attendees. */
export interface TimeIndexEntry extends IndexSlot {
  /** The object's metadata as of the entry's write (so window queries need no other read). */
  readonly object: ObjectInfo;
  /** Last instance's end, or {@link OPEN_END}. */
  readonly end: number;
  /** Of a single instance (recurring entries take it per instance from `rules`). */
  readonly busyType: BusyType;
  /**
   * Recurring or multi-component objects: their time skeleton (VTIMEZONEs and the components with only DTSTART,
   * DTEND, DURATION, DUE, RRULE, RDATE, EXDATE, RECURRENCE-ID, STATUS, TRANSP and busy status).
   */
  readonly rules?: string;
}

/** One change of a collection, written atomically on condition that its syncSeq is still `expectedSeq`. */
export interface ObjectCommit {
  readonly collectionId: string;
  readonly expectedSeq: number;
  /** `expectedSeq + 1`. */
  readonly seq: number;
  readonly now: number;
  /** The object as it was (replaced or removed). */
  readonly previous?: ObjectRecord;
  /** The new version; absent for a removal of `previous`. */
  readonly put?: {
    readonly record: ObjectRecord;
    readonly sealed: Uint8Array;
    readonly index?: TimeIndexEntry;
  };
  /** Expiry of a removal's tombstone (epoch ms). */
  readonly tombstoneUntil: number;
}

/** Storage of collections, objects, change logs and the time index (the Mailbox table). */
export interface CalendarStore {
  listCollections(owner: MailboxRef): Promise<CollectionRecord[]>;
  getCollection(owner: MailboxRef, collectionId: string): Promise<CollectionRecord | undefined>;
  /** Creates the collection unless one with its id exists; false when it does. */
  createCollection(owner: MailboxRef, record: CollectionRecord): Promise<boolean>;
  /** Applies the patch to a collection that exists and is not being deleted; undefined otherwise. */
  updateCollection(
    owner: MailboxRef,
    collectionId: string,
    patch: CollectionPatch,
  ): Promise<CollectionRecord | undefined>;
  /** Marks the collection as being deleted; false when it does not exist. */
  markDeleting(owner: MailboxRef, collectionId: string): Promise<boolean>;
  /** Removes everything of a collection marked as being deleted, then its record (idempotent). */
  purgeCollection(owner: MailboxRef, collectionId: string): Promise<void>;
  getObject(owner: MailboxRef, collectionId: string, name: string): Promise<ObjectRecord | undefined>;
  getSealedObjects(
    owner: MailboxRef,
    collectionId: string,
    names: readonly string[],
  ): Promise<SealedObject[]>;
  listObjects(
    owner: MailboxRef,
    collectionId: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ readonly items: ObjectRecord[]; readonly next?: string }>;
  /** The name of the collection's object with this UID. */
  nameOfUid(owner: MailboxRef, collectionId: string, uid: string): Promise<string | undefined>;
  /** Log entries with `sinceSeq < seq ≤ untilSeq`, oldest first, at most `limit` (tombstones left out when asked). */
  changes(
    owner: MailboxRef,
    collectionId: string,
    range: {
      readonly sinceSeq: number;
      readonly untilSeq: number;
      readonly limit: number;
      readonly removed: boolean;
    },
  ): Promise<ObjectChange[]>;
  /**
   * The mailbox's time index entries that may overlap the window: short ones starting in
   * `[window.start − shortMaxMs, window.end)`, long ones starting before `window.end` and ending after its start.
   */
  entriesInWindow(owner: MailboxRef, window: TimeWindow, shortMaxMs: number): Promise<TimeIndexEntry[]>;
  /** Writes the change in one transaction; false when the collection's syncSeq moved (nothing written). */
  commit(owner: MailboxRef, commit: ObjectCommit): Promise<boolean>;
}

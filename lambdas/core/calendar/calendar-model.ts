import type {
  BusyPeriod,
  CalendarResult,
  ChangesSince,
  CollectionInfo,
  CollectionKind,
  CollectionPatch,
  MailboxRef,
  ObjectInfo,
  StoredObject,
  TimeWindow,
  WritePrecondition,
} from './types';

/**
 * The operations every calendar and contacts front end (CalDAV, CardDAV, JMAP, iTIP, booking, free/busy) calls.
 * Access decisions (who may open which mailbox) are the caller's; the model trusts its `owner` argument.
 * Costs grow with the result: listings, changes and ranges are index queries; only the objects asked for are
 * decrypted.
 */
export interface CalendarModel {
  /** The mailbox's collections of one kind; the default one is created on first use. */
  listCollections(owner: MailboxRef, kind: CollectionKind): Promise<CollectionInfo[]>;
  /** One collection (the defaults exist once listed or written to), or `undefined`. */
  getCollection(owner: MailboxRef, collectionId: string): Promise<CollectionInfo | undefined>;
  createCollection(
    owner: MailboxRef,
    collectionId: string,
    kind: CollectionKind,
    patch: CollectionPatch,
  ): Promise<CalendarResult<CollectionInfo>>;
  updateCollection(
    owner: MailboxRef,
    collectionId: string,
    patch: CollectionPatch,
  ): Promise<CalendarResult<CollectionInfo>>;
  /** Removes a collection that is not a default, with its objects. */
  deleteCollection(owner: MailboxRef, collectionId: string): Promise<CalendarResult<void>>;

  /** One page of a collection's objects by name (no content). */
  listObjects(
    owner: MailboxRef,
    collectionId: string,
    page: { readonly after?: string; readonly limit: number },
  ): Promise<CalendarResult<{ readonly items: readonly ObjectInfo[]; readonly next?: string }>>;
  /** The named objects that exist, with content. */
  getObjects(
    owner: MailboxRef,
    collectionId: string,
    names: readonly string[],
  ): Promise<CalendarResult<readonly StoredObject[]>>;
  /** The object with this UID in any collection of the kind (iTIP finds an event by UID). */
  findByUid(owner: MailboxRef, kind: CollectionKind, uid: string): Promise<StoredObject | undefined>;
  /**
   * Validates, encrypts and stores an object (creating or replacing `name`), updates the collection's syncSeq,
   * change log and free/busy index in one transaction.
   */
  putObject(
    owner: MailboxRef,
    collectionId: string,
    name: string,
    content: string,
    precondition?: WritePrecondition,
  ): Promise<CalendarResult<ObjectInfo>>;
  removeObject(
    owner: MailboxRef,
    collectionId: string,
    name: string,
    precondition?: WritePrecondition,
  ): Promise<CalendarResult<void>>;
  /** Changes after `sinceSeq` (0: everything present), oldest first, at most `limit`. */
  changesSince(
    owner: MailboxRef,
    collectionId: string,
    sinceSeq: number,
    limit: number,
  ): Promise<CalendarResult<ChangesSince>>;
  /** The calendar objects with an instance overlapping `window` (an index query; for CalDAV time-range filters). */
  objectsInWindow(
    owner: MailboxRef,
    collectionId: string,
    window: TimeWindow,
  ): Promise<CalendarResult<readonly ObjectInfo[]>>;
  /**
   * Busy instances of every calendar of the mailbox overlapping `window` (recurrences expanded with ical.js,
   * transparent and cancelled events left out), sorted by start.
   */
  busyPeriods(owner: MailboxRef, window: TimeWindow): Promise<BusyPeriod[]>;
}

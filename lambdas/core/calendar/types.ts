/**
 * The calendar and contacts model: collections (calendars, address books) of a mailbox holding iCalendar or vCard
 * objects, encrypted like mail. CalDAV, CardDAV, iTIP, resource booking and free/busy all work through it.
 */

/** Who owns a collection: a user's or resource's mailbox. */
export interface MailboxRef {
  readonly organizationId: string;
  readonly mailboxId: string;
}

/** What a collection holds: iCalendar objects (VEVENT, VTODO) or vCards. */
export type CollectionKind = 'calendar' | 'addressbook';

/** A calendar or address book. Every mailbox has a default one of each (`calendar`, `contacts`). */
export interface CollectionInfo {
  /** `[a-z0-9-]{1,64}`; the defaults are `calendar` and `contacts`. */
  readonly collectionId: string;
  readonly kind: CollectionKind;
  readonly displayName: string;
  readonly description?: string;
  /** CSS colour (`#rrggbb` or `#rrggbbaa`), as CalDAV clients set it. */
  readonly color?: string;
  readonly isDefault: boolean;
  /** Increments with every change of an object in the collection; sync tokens and CTags derive from it. */
  readonly syncSeq: number;
  readonly createdAt: number;
}

/** What may change of a collection. */
export interface CollectionPatch {
  readonly displayName?: string;
  readonly description?: string | null;
  readonly color?: string | null;
}

/** An object's metadata: everything but its content (no decryption needed). */
export interface ObjectInfo {
  readonly collectionId: string;
  /** The resource name in the collection (`<uid>.ics`, `<uid>.vcf` or what the client chose), `[^/]{1,255}`. */
  readonly name: string;
  /** The iCalendar UID / vCard UID; unique within a collection. */
  readonly uid: string;
  /** Strong ETag, quoted (`"…"`); changes whenever the content changes. */
  readonly etag: string;
  /** The collection's syncSeq at the object's last change. */
  readonly seq: number;
  readonly sizeBytes: number;
  readonly modifiedAt: number;
}

/** An object with its content (iCalendar or vCard text), decrypted in memory. */
export interface StoredObject extends ObjectInfo {
  readonly content: string;
}

/** One entry of a collection's change log (RFC 6578 sync-collection). */
export interface ObjectChange {
  readonly name: string;
  readonly seq: number;
  /** The object was removed (or moved away); `etag` is then absent. */
  readonly removed: boolean;
  readonly etag?: string;
}

/** Changes after a sync point. */
export interface ChangesSince {
  readonly changes: readonly ObjectChange[];
  /** The sync point to ask from next time. */
  readonly syncSeq: number;
  /** More changes exist than `limit` (RFC 6578 §3.6: the client asks again from `syncSeq`). */
  readonly truncated: boolean;
}

/** A time range, epoch milliseconds, end exclusive. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** How an instance shows in free/busy (RFC 5545 FBTYPE; WorkMail/EWS busy types). */
export type BusyType = 'BUSY' | 'TENTATIVE' | 'OOF' | 'FREE';

/** One busy instance of an event, recurrence expanded, not clipped to the window. */
export interface BusyPeriod {
  readonly start: number;
  readonly end: number;
  readonly busyType: BusyType;
  /** The event's collection and object, so that booking can tell a request's own event from a conflict. */
  readonly collectionId: string;
  readonly name: string;
  readonly uid: string;
  readonly instanceType: 'SINGLE_INSTANCE' | 'RECURRING_INSTANCE' | 'EXCEPTION';
}

/** Conditions of a write (HTTP If-Match / If-None-Match, and booking's "only into a free slot"). */
export interface WritePrecondition {
  /** The object must exist with this ETag. */
  readonly ifMatch?: string;
  /** The object must not exist (`If-None-Match: *`). */
  readonly ifNoneMatch?: '*';
  /**
   * The object's busy instances must not overlap any other busy instance of the collection; checked and written
   * atomically (two concurrent writes cannot both pass), refused with `slotTaken` otherwise.
   */
  readonly requireFreeSlot?: boolean;
}

/** Why the model refused a request. Each front end maps these to its own errors (DAV status, JMAP SetError, …). */
export type CalendarRefusal =
  | { readonly type: 'collectionNotFound' }
  | { readonly type: 'objectNotFound' }
  | { readonly type: 'collectionExists' }
  /** Defaults cannot be deleted; another kind's operation was asked for. */
  | { readonly type: 'forbidden'; readonly reason: string }
  | { readonly type: 'preconditionFailed' }
  /** The content is not valid iCalendar/vCard or breaks a limit; `reason` names what, never echoes content. */
  | { readonly type: 'invalidData'; readonly reason: string }
  /** Another object of the collection already has this UID (CalDAV no-uid-conflict). */
  | { readonly type: 'uidConflict'; readonly existingName: string }
  | { readonly type: 'tooLarge'; readonly maxBytes: number }
  | { readonly type: 'overQuota' }
  | { readonly type: 'slotTaken'; readonly conflicts: readonly BusyPeriod[] };

/** A result or a typed refusal. */
export type CalendarResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: CalendarRefusal };

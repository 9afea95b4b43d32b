/** Limits of calendar and contact objects (docs/calendars.md, "Storage and limits"). */

/** Largest object accepted, in UTF-8 bytes (larger: `tooLarge`). */
export const MAX_OBJECT_BYTES = 1024 * 1024;
/** Attendees per component (VEVENT/VTODO); more is refused as `invalidData`. */
export const MAX_ATTENDEES = 1000;
/** Overrides (components with RECURRENCE-ID) per object. */
export const MAX_OVERRIDES = 1000;
/** Longest UID and resource name, in characters (they are key parts). */
export const MAX_UID_LENGTH = 255;
/** Recurrence instances one event may expand to per query (and when its last end is computed at write time). */
export const MAX_INSTANCES_PER_QUERY = 10_000;
/** Recurrence instances all events of one query may expand to together (bounds a mailbox full of long series). */
export const MAX_INSTANCES_PER_MAILBOX_QUERY = 100_000;
/**
 * Candidates one recurrence expansion may test (ical.js tests each day of a DAILY rule against its BY… parts): about
 * 0.7 s for a DAILY rule on the benchmark machine. A rule needing more for its second instance is refused.
 */
export const MAX_RECURRENCE_STEPS = 100_000;
/** Non-recurring events up to this long are indexed by start; longer ones among the long entries. */
export const SHORT_EVENT_MAX_MS = 7 * 24 * 3600 * 1000;
/** How far ahead `requireFreeSlot` checks an open-ended recurring event. */
export const FREE_SLOT_HORIZON_MS = 366 * 24 * 3600 * 1000;
/**
 * Attempts of one change against concurrent writers of the same collection (each re-reads and re-checks). Every
 * lost attempt means another writer's change committed, so this bounds how many may write one collection at once.
 */
export const COMMIT_ATTEMPTS = 32;
/** How long removals stay in the change log (sync tokens older than this may miss removals). */
export const TOMBSTONE_TTL_MS = 30 * 24 * 3600 * 1000;
/** An open end in the time index: "no last instance". */
export const OPEN_END = 9_999_999_999_999;

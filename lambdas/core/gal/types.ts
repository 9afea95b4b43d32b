import type { EntityKind, ResourceType } from '../directory/types';

/** One entry of an organization's global address list: an ENABLED user, group or resource not hidden from it. */
export interface GalEntry {
  readonly entityId: string;
  readonly kind: EntityKind;
  /** The display name, or the name when there is none. */
  readonly displayName: string;
  /** The primary address. */
  readonly email: string;
  /** Further addresses, sorted. */
  readonly aliases: readonly string[];
  /** Resources: ROOM or EQUIPMENT. */
  readonly resourceType?: ResourceType;
}

/** What changed in a global address list after a position. */
export interface GalChanges {
  /** Entries added or changed, as they are now. */
  readonly changed: readonly GalEntry[];
  /** Entity ids that left the list (disabled, hidden, deleted) — possibly some a client never saw. */
  readonly removed: readonly string[];
  /** The position to ask from next time. */
  readonly position: string;
  /** More changes wait (RFC 6578 §3.6): ask again from `position`. */
  readonly truncated: boolean;
}

import type { CalendarModel } from '../../core/calendar/calendar-model';
import type { MailboxRef, StoredObject } from '../../core/calendar/types';
import type { GalEntry, GalChanges } from '../../core/gal/types';
import type { AuthenticatedUser } from '../../core/user-auth/types';
import type { HttpRequest } from '../types';
import type { DavHrefs, DavTarget } from './dav-paths';

/** A mailbox the signed-in user may reach over DAV: their own, or one they hold FULL_ACCESS on. */
export interface DavMailbox {
  readonly mailboxId: string;
  /** The owner's primary address (calendar-user-address-set). */
  readonly email: string;
  readonly own: boolean;
}

/** The organization's global address list, as the DAV front end reads it (core/gal). */
export interface DavGalSource {
  /** Every visible entry, and the position to follow changes from. */
  list(organizationId: string): Promise<{ readonly entries: readonly GalEntry[]; readonly position: string }>;
  /** The visible entry with this id, if any. */
  entry(organizationId: string, entityId: string): Promise<GalEntry | undefined>;
  /** What changed after a position; `undefined` for a position this list never gave. */
  changesSince(organizationId: string, position: string, limit: number): Promise<GalChanges | undefined>;
  /** The position now (a sync token without a listing). */
  position(): Promise<string>;
}

/**
 * A write of a calendar object over CalDAV that succeeded, as the scheduling seam receives it (RFC 6638: the
 * iTIP helper decides whether an organizer's change sends REQUEST/CANCEL mail).
 */
export interface ScheduleChange {
  readonly actor: AuthenticatedUser;
  readonly owner: MailboxRef;
  readonly collectionId: string;
  readonly name: string;
  /** The object before the write, if it existed. */
  readonly previous?: StoredObject;
  /** The new content; absent when the object was deleted. */
  readonly content?: string;
}

/** What every request handler gets. */
export interface DavRequestContext {
  readonly request: HttpRequest;
  readonly user: AuthenticatedUser;
  /** Signed in through a READ_ONLY impersonation role: nothing may change. */
  readonly readOnly: boolean;
  readonly target: DavTarget;
  readonly hrefs: DavHrefs;
  /** The public absolute URL of the DAV base (sync tokens are URLs under it). */
  readonly baseUrl: string;
  readonly calendars: CalendarModel;
  readonly gal?: DavGalSource;
  /** The mailboxes the user may reach, their own first. */
  readonly mailboxes: readonly DavMailbox[];
  readonly onScheduleChange?: (change: ScheduleChange) => Promise<void>;
  readonly logError: (message: string, error: unknown) => void;
}

/** The owner reference of a mailbox of the signed-in user's organization. */
export function mailboxRef(context: Pick<DavRequestContext, 'user'>, mailboxId: string): MailboxRef {
  return { organizationId: context.user.organizationId, mailboxId };
}

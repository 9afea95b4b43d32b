import type { CollectionKind } from '../../core/calendar/types';

/**
 * The URL layout under the DAV base path (`/dav`):
 * - `/dav/principals/<userId>/`: a user's principal
 * - `/dav/calendars/<mailboxId>/`: a mailbox's calendar home; `<collectionId>/` its calendars, `<name>` their
 *   objects; `inbox/` and `outbox/` the RFC 6638 scheduling collections
 * - `/dav/addressbooks/<mailboxId>/`: the address book home; `<collectionId>/` its address books, `<name>` their
 *   cards; `gal/` (the user's own home only) the organization's global address list, read-only
 */
export type DavTarget =
  | { readonly type: 'root' }
  | { readonly type: 'principal'; readonly userId: string }
  | { readonly type: 'home'; readonly kind: CollectionKind; readonly mailboxId: string }
  | {
      readonly type: 'collection';
      readonly kind: CollectionKind;
      readonly mailboxId: string;
      readonly collectionId: string;
    }
  | {
      readonly type: 'object';
      readonly kind: CollectionKind;
      readonly mailboxId: string;
      readonly collectionId: string;
      readonly name: string;
    }
  | { readonly type: 'scheduleBox'; readonly box: 'inbox' | 'outbox'; readonly mailboxId: string }
  | { readonly type: 'gal'; readonly mailboxId: string }
  | { readonly type: 'galEntry'; readonly mailboxId: string; readonly name: string };

/** Collection ids the front end keeps for itself: no calendar or address book may be created under them. */
export const RESERVED_COLLECTION_IDS: ReadonlySet<string> = new Set(['inbox', 'outbox', 'gal']);

/** The calendar model's collection id rule. */
export const COLLECTION_ID = /^[a-z0-9-]{1,64}$/;

const HOMES: Readonly<Record<string, CollectionKind>> = {
  calendars: 'calendar',
  addressbooks: 'addressbook',
};
const HOME_SEGMENT: Readonly<Record<CollectionKind, string>> = {
  calendar: 'calendars',
  addressbook: 'addressbooks',
};

/**
 * Reads a request path (percent-encoded, as sent) into what it names; `undefined` for anything else (404). Collection
 * ids are matched case-insensitively (Apple names new calendars with upper-case UUIDs).
 * @param basePath - where the DAV tree lives, e.g. `/dav`
 * @param path - the request path
 * @example
 * parseDavPath('/dav', '/dav/calendars/u-1/calendar/e1.ics'); // { type: 'object', kind: 'calendar', … }
 */
export function parseDavPath(basePath: string, path: string): DavTarget | undefined {
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  const raw = path
    .slice(basePath.length)
    .split('/')
    .filter((segment, index, all) => {
      return segment !== '' || (index > 0 && index < all.length - 1);
    });
  let segments: string[];
  try {
    segments = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  const [area, owner, collection, name, ...rest] = segments;
  if (area === undefined) return { type: 'root' };
  if (owner === undefined || rest.length > 0) return undefined;
  if (area === 'principals')
    return collection === undefined ? { type: 'principal', userId: owner } : undefined;
  const kind = HOMES[area];
  if (!kind) return undefined;
  if (collection === undefined) return { type: 'home', kind, mailboxId: owner };
  const collectionId = collection.toLowerCase();
  if (kind === 'calendar' && (collectionId === 'inbox' || collectionId === 'outbox')) {
    return name === undefined ? { type: 'scheduleBox', box: collectionId, mailboxId: owner } : undefined;
  }
  if (kind === 'addressbook' && collectionId === 'gal') {
    return name === undefined
      ? { type: 'gal', mailboxId: owner }
      : { type: 'galEntry', mailboxId: owner, name };
  }
  if (name === undefined) return { type: 'collection', kind, mailboxId: owner, collectionId };
  return { type: 'object', kind, mailboxId: owner, collectionId, name };
}

/** Builds hrefs (absolute paths, segments percent-encoded) under one base path. */
export class DavHrefs {
  constructor(readonly basePath: string) {}

  root(): string {
    return `${this.basePath}/`;
  }

  principal(userId: string): string {
    return `${this.basePath}/principals/${segment(userId)}/`;
  }

  home(kind: CollectionKind, mailboxId: string): string {
    return `${this.basePath}/${HOME_SEGMENT[kind]}/${segment(mailboxId)}/`;
  }

  collection(kind: CollectionKind, mailboxId: string, collectionId: string): string {
    return `${this.home(kind, mailboxId)}${segment(collectionId)}/`;
  }

  object(kind: CollectionKind, mailboxId: string, collectionId: string, name: string): string {
    return `${this.collection(kind, mailboxId, collectionId)}${segment(name)}`;
  }

  scheduleBox(box: 'inbox' | 'outbox', mailboxId: string): string {
    return `${this.home('calendar', mailboxId)}${box}/`;
  }

  gal(mailboxId: string): string {
    return `${this.home('addressbook', mailboxId)}gal/`;
  }

  /**
   * The object name an href names inside `collectionHref` (multiget), or `undefined` for an href elsewhere. Accepts
   * absolute URLs and absolute paths.
   */
  memberName(collectionHref: string, href: string): string | undefined {
    let path = href.trim();
    if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
    const decodedCollection = safeDecode(collectionHref);
    const decoded = safeDecode(path);
    if (decoded === undefined || decodedCollection === undefined) return undefined;
    if (decoded.toLowerCase().startsWith(decodedCollection.toLowerCase())) {
      const name = decoded.slice(decodedCollection.length);
      return name !== '' && !name.includes('/') ? name : undefined;
    }
    return undefined;
  }
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Percent-encodes one path segment, keeping RFC 3986 sub-delimiters, `:` and `@` (common in iCalendar UIDs). */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%(40|3A|2B|21|24|26|27|28|29|2A|2C|3B|3D)/gi, (escape) =>
    decodeURIComponent(escape),
  );
}

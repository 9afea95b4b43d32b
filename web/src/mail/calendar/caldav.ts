import { authorizedFetch } from '../credential';
import type { MailAccount } from '../jmap';

const DAV = 'DAV:';
const CALDAV = 'urn:ietf:params:xml:ns:caldav';
const APPLE = 'http://apple.com/ns/ical/';
const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>';

/** One of the user's calendars (a CalDAV collection). */
export interface Calendar {
  readonly href: string;
  readonly name: string;
  /** Apple's `calendar-color` (`#RRGGBB` or `#RRGGBBAA`), when the calendar has one. */
  readonly color?: string;
}

/** A calendar object as stored: where it is, its version, its iCalendar text. */
export interface StoredEvent {
  readonly href: string;
  readonly etag: string;
  readonly data: string;
}

/** The server refused or failed a calendar request; the message is for the user. */
export class CalendarRequestFailed extends Error {}

/** What a refused write means to the user, by status (the server's reason names a rule, never content). */
const REFUSALS: Readonly<Record<number, string>> = {
  403: 'The calendar refused this event (its data or a limit).',
  404: 'This calendar or event no longer exists.',
  412: 'The event was changed elsewhere meanwhile: open it again to see the change.',
  507: 'Your mailbox is over its quota.',
};

async function request(account: MailAccount, path: string, init: RequestInit): Promise<Response> {
  const response = await authorizedFetch(account.authorization, path, { ...init, cache: 'no-store' });
  if (response.ok) return response;
  throw new CalendarRequestFailed(
    REFUSALS[response.status] ?? `The calendar server answered ${response.status}.`,
  );
}

/** A PROPFIND or REPORT: each `DAV:response`'s href and its found (200) properties. */
async function multistatus(
  account: MailAccount,
  path: string,
  method: 'PROPFIND' | 'REPORT',
  depth: '0' | '1',
  body: string,
): Promise<{ href: string; prop: Element }[]> {
  // As a POST naming the method: CloudFront, in front of the server in the cloud, forwards no WebDAV method.
  const response = await request(account, path, {
    method: 'POST',
    headers: {
      'X-HTTP-Method-Override': method,
      Depth: depth,
      'Content-Type': 'application/xml; charset=utf-8',
    },
    body: XML_HEAD + body,
  });
  const document = new DOMParser().parseFromString(await response.text(), 'application/xml');
  return [...document.getElementsByTagNameNS(DAV, 'response')].flatMap((each) => {
    const href = each.getElementsByTagNameNS(DAV, 'href')[0]?.textContent ?? '';
    const found = [...each.getElementsByTagNameNS(DAV, 'propstat')].find((propstat) =>
      / 200 /.test(propstat.getElementsByTagNameNS(DAV, 'status')[0]?.textContent ?? ''),
    );
    const prop = found?.getElementsByTagNameNS(DAV, 'prop')[0];
    return prop ? [{ href, prop }] : [];
  });
}

const text = (prop: Element, ns: string, name: string) =>
  prop.getElementsByTagNameNS(ns, name)[0]?.textContent ?? undefined;
const hrefsIn = (prop: Element, ns: string, name: string) => {
  const holder = prop.getElementsByTagNameNS(ns, name)[0];
  return holder ? [...holder.getElementsByTagNameNS(DAV, 'href')].map((href) => href.textContent ?? '') : [];
};

/**
 * The calendars of the user's own calendar home (CalDAV discovery: the root's principal and home set, then the home).
 * @example
 * const calendars = await listCalendars(account); // [{ href: '/dav/calendars/u-1/calendar/', name: 'Calendar' }]
 */
export async function listCalendars(account: MailAccount): Promise<Calendar[]> {
  const [root] = await multistatus(
    account,
    '/dav/',
    'PROPFIND',
    '0',
    `<d:propfind xmlns:d="${DAV}" xmlns:c="${CALDAV}"><d:prop><d:current-user-principal/><c:calendar-home-set/></d:prop></d:propfind>`,
  );
  if (!root) return [];
  const principal = hrefsIn(root.prop, DAV, 'current-user-principal')[0] ?? '';
  const userId = principal.split('/').filter(Boolean).at(-1);
  const homes = hrefsIn(root.prop, CALDAV, 'calendar-home-set');
  // Homes of mailboxes shared with the user follow their own; the user's own is named by their principal's id.
  const home = homes.find((href) => href.endsWith(`/${userId}/`)) ?? homes[0];
  if (!home) return [];
  const collections = await multistatus(
    account,
    home,
    'PROPFIND',
    '1',
    `<d:propfind xmlns:d="${DAV}" xmlns:a="${APPLE}"><d:prop><d:resourcetype/><d:displayname/><a:calendar-color/></d:prop></d:propfind>`,
  );
  return collections
    .filter(({ prop }) => prop.getElementsByTagNameNS(CALDAV, 'calendar').length > 0)
    .map(({ href, prop }) => {
      const color = text(prop, APPLE, 'calendar-color');
      return { href, name: text(prop, DAV, 'displayname') || 'Calendar', ...(color ? { color } : {}) };
    });
}

/** An iCalendar UTC date-time, as CalDAV time ranges take it: `20261207T000000Z`. */
const utc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const escapeXml = (value: string) =>
  value.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * The events of a calendar meeting `[start, end)` (recurring ones whose instances do), with a UID filter when given:
 * a calendar-query REPORT, which the server answers from its time index.
 * @example
 * const events = await eventsBetween(account, calendar, monday, nextMonday);
 */
export async function eventsBetween(
  account: MailAccount,
  calendar: Calendar,
  start: Date,
  end: Date,
  uid?: string,
): Promise<StoredEvent[]> {
  const uidFilter = uid
    ? `<c:prop-filter name="UID"><c:text-match>${escapeXml(uid)}</c:text-match></c:prop-filter>`
    : '';
  const found = await multistatus(
    account,
    calendar.href,
    'REPORT',
    '1',
    `<c:calendar-query xmlns:d="${DAV}" xmlns:c="${CALDAV}"><d:prop><d:getetag/><c:calendar-data/></d:prop>` +
      `<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">` +
      `<c:time-range start="${utc(start)}" end="${utc(end)}"/>${uidFilter}` +
      `</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`,
  );
  return found.map(({ href, prop }) => ({
    href,
    etag: text(prop, DAV, 'getetag') ?? '',
    data: text(prop, CALDAV, 'calendar-data') ?? '',
  }));
}

/**
 * An event as stored now, with its current ETag (what a change must name in If-Match).
 * @example
 * const fresh = await readEvent(account, shown.href);
 */
export async function readEvent(account: MailAccount, href: string): Promise<StoredEvent> {
  const response = await request(account, href, { method: 'GET', headers: { Accept: 'text/calendar' } });
  return { href, etag: response.headers.get('ETag') ?? '', data: await response.text() };
}

/**
 * Stores an event: over the version `etag` names (If-Match), or as a new object (If-None-Match), so a change made
 * elsewhere meanwhile is refused rather than overwritten. The server sends the invitations or answers it implies.
 * @example
 * await saveEvent(account, `${calendar.href}${uid}.ics`, text);
 */
export async function saveEvent(
  account: MailAccount,
  href: string,
  data: string,
  etag?: string,
): Promise<void> {
  await request(account, href, {
    method: 'PUT',
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      ...(etag ? { 'If-Match': etag } : { 'If-None-Match': '*' }),
    },
    body: data,
  });
}

/**
 * Deletes an event if it is still the version `etag` names; the server cancels it for its attendees.
 * @example
 * await deleteEvent(account, event.href, event.etag);
 */
export async function deleteEvent(account: MailAccount, href: string, etag: string): Promise<void> {
  await request(account, href, { method: 'DELETE', headers: { 'If-Match': etag } });
}

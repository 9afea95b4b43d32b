import type { ObjectInfo, BusyPeriod } from '../../core/calendar/types';
import type { HttpResponse } from '../types';
import { mailboxRef, type DavRequestContext } from './dav-context';
import type { DavTarget } from './dav-paths';
import { objectProps, type DavResource } from './dav-properties';
import { requireCollection } from './dav-resources';
import { DavError, multistatus, PRIVATE_HEADERS, statusResponse } from './dav-response';
import { propResponse, type PropRequest } from './propfind';
import { matchesCalendarFilter, planCalendarFilter, windowOf } from './report-filters';
import { CALDAV_NS, childOf, el, type XmlElement } from './xml';

type CollectionTarget = Extract<DavTarget, { type: 'collection' }>;

const PAGE = 500;
const FETCH_BATCH = 100;

/** The collection a report runs on; 403 CALDAV/CARDDAV:supported-report elsewhere. */
export function reportCollection(
  context: DavRequestContext,
  kind: 'calendar' | 'addressbook',
): CollectionTarget {
  const { target } = context;
  if (target.type !== 'collection' || target.kind !== kind)
    throw new DavError(403, el('DAV:', 'supported-report'));
  return target;
}

/** Every object of a collection's name index. */
export async function allObjects(
  context: DavRequestContext,
  target: CollectionTarget,
): Promise<ObjectInfo[]> {
  const items: ObjectInfo[] = [];
  let after: string | undefined;
  do {
    const page = await context.calendars.listObjects(
      mailboxRef(context, target.mailboxId),
      target.collectionId,
      {
        after,
        limit: PAGE,
      },
    );
    if (!page.ok) throw new DavError(404);
    items.push(...page.value.items);
    after = page.value.next;
  } while (after !== undefined);
  return items;
}

/** Objects with their content, fetched in batches. */
export async function withContent(
  context: DavRequestContext,
  target: CollectionTarget,
  names: readonly string[],
): Promise<{ info: ObjectInfo; content: string }[]> {
  const out: { info: ObjectInfo; content: string }[] = [];
  for (let index = 0; index < names.length; index += FETCH_BATCH) {
    const batch = names.slice(index, index + FETCH_BATCH);
    const result = await context.calendars.getObjects(
      mailboxRef(context, target.mailboxId),
      target.collectionId,
      batch,
    );
    if (!result.ok) throw new DavError(404);
    out.push(...result.value.map((object) => ({ info: object, content: object.content })));
  }
  return out;
}

/** An object as a report answers it. */
export function objectResource(
  context: DavRequestContext,
  target: CollectionTarget,
  info: Pick<ObjectInfo, 'name' | 'etag' | 'sizeBytes' | 'modifiedAt'>,
  content: (name: string) => Promise<string>,
): DavResource {
  return {
    href: context.hrefs.object(target.kind, target.mailboxId, target.collectionId, info.name),
    props: objectProps(
      target.kind,
      info,
      () => content(info.name),
      context.hrefs.principal(context.user.userId),
      context.readOnly,
    ),
  };
}

/**
 * CALDAV:calendar-query (RFC 4791 §7.8): candidates from the time index when the filter has a time range on the
 * main component (`objectsInWindow`), else the whole collection; every other condition is checked on the content.
 */
export async function calendarQuery(
  context: DavRequestContext,
  root: XmlElement,
  asked: PropRequest,
): Promise<HttpResponse> {
  const target = reportCollection(context, 'calendar');
  await requireCollection(context, target.mailboxId, target.collectionId, 'calendar');
  const filter = childOf(root, CALDAV_NS, 'filter');
  if (!filter) throw new DavError(403, el(CALDAV_NS, 'valid-filter'));
  const plan = planCalendarFilter(filter);
  let candidates: readonly ObjectInfo[];
  if (plan.window) {
    const found = await context.calendars.objectsInWindow(
      mailboxRef(context, target.mailboxId),
      target.collectionId,
      plan.window,
    );
    if (!found.ok) throw new DavError(404);
    candidates = found.value;
  } else candidates = await allObjects(context, target);
  const objects = await withContent(
    context,
    target,
    candidates.map((info) => info.name),
  );
  const matching = objects.filter(({ content }) => matchesCalendarFilter(content, filter));
  const byName = new Map(matching.map(({ info, content }) => [info.name, content]));
  const content = (name: string) => Promise.resolve(byName.get(name)!);
  return multistatus(
    await Promise.all(
      matching.map(({ info }) => propResponse(objectResource(context, target, info, content), asked)),
    ),
  );
}

/** CALDAV:calendar-multiget / CARDDAV:addressbook-multiget: the named members; 404 for those missing or elsewhere. */
export async function multiget(
  context: DavRequestContext,
  root: XmlElement,
  asked: PropRequest,
  kind: 'calendar' | 'addressbook',
): Promise<HttpResponse> {
  const target = reportCollection(context, kind);
  await requireCollection(context, target.mailboxId, target.collectionId, kind);
  const collectionHref = context.hrefs.collection(kind, target.mailboxId, target.collectionId);
  const hrefs = (root.children ?? [])
    .filter((child) => child.ns === 'DAV:' && child.name === 'href')
    .map((h) => h.text ?? '');
  const named = hrefs.map((href) => ({ href, name: context.hrefs.memberName(collectionHref, href) }));
  const names = [...new Set(named.flatMap(({ name }) => (name ? [name] : [])))];
  const objects = await withContent(context, target, names);
  const byName = new Map(objects.map((object) => [object.info.name, object]));
  return multistatus(
    await Promise.all(
      named.map(async ({ href, name }) => {
        const object = name === undefined ? undefined : byName.get(name);
        if (!object) return statusResponse(href.trim(), 404);
        return propResponse(
          objectResource(context, target, object.info, () => Promise.resolve(object.content)),
          asked,
        );
      }),
    ),
  );
}

const FBTYPE: Readonly<Record<BusyPeriod['busyType'], string | undefined>> = {
  BUSY: 'BUSY',
  TENTATIVE: 'BUSY-TENTATIVE',
  OOF: 'BUSY-UNAVAILABLE',
  FREE: undefined,
};

/**
 * CALDAV:free-busy-query (RFC 4791 §7.10): the collection's busy instances in the range, from the model's free/busy
 * index (recurrences expanded there), as a VFREEBUSY, 200 text/calendar.
 */
export async function freeBusyQuery(
  context: DavRequestContext,
  root: XmlElement,
  now: number,
): Promise<HttpResponse> {
  const target = reportCollection(context, 'calendar');
  await requireCollection(context, target.mailboxId, target.collectionId, 'calendar');
  const range = childOf(root, CALDAV_NS, 'time-range');
  if (range?.attrs?.start === undefined || range.attrs.end === undefined) throw new DavError(400);
  const window = windowOf(range);
  const periods = await context.calendars.busyPeriods(mailboxRef(context, target.mailboxId), window);
  const lines = periods
    .filter((period) => period.collectionId === target.collectionId && FBTYPE[period.busyType] !== undefined)
    .map(
      (period) =>
        `FREEBUSY;FBTYPE=${FBTYPE[period.busyType]}:${utc(Math.max(period.start, window.start))}/${utc(Math.min(period.end, window.end))}`,
    );
  const body = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailwright//CalDAV//EN',
    'BEGIN:VFREEBUSY',
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(window.start)}`,
    `DTEND:${utc(window.end)}`,
    ...lines,
    'END:VFREEBUSY',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/calendar; charset=utf-8', ...PRIVATE_HEADERS },
    body,
  };
}

/** Epoch ms as an iCalendar UTC date-time. */
function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

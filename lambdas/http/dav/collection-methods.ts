import type { CollectionKind, CollectionPatch } from '../../core/calendar/types';
import type { HttpResponse } from '../types';
import { mailboxRef, type DavRequestContext } from './dav-context';
import { COLLECTION_ID, RESERVED_COLLECTION_IDS } from './dav-paths';
import { requireCollection } from './dav-resources';
import { DavError, multistatus, PRIVATE_HEADERS, refusalError } from './dav-response';
import { propstat } from './propfind';
import {
  APPLE_ICAL_NS,
  CALDAV_NS,
  CARDDAV_NS,
  childOf,
  childrenOf,
  DAV_NS,
  el,
  parseDavXml,
  qname,
  type XmlElement,
} from './xml';

/** The collection properties a client may set, and how each reads into a patch. */
const WRITABLE: Readonly<Record<string, (value: string | null) => CollectionPatch>> = {
  [qname({ ns: DAV_NS, name: 'displayname' })]: (value) => ({ displayName: value ?? '' }),
  [qname({ ns: CALDAV_NS, name: 'calendar-description' })]: (value) => ({ description: value }),
  [qname({ ns: CARDDAV_NS, name: 'addressbook-description' })]: (value) => ({ description: value }),
  [qname({ ns: APPLE_ICAL_NS, name: 'calendar-color' })]: (value) => ({ color: value }),
};

/**
 * Properties a MKCALENDAR/MKCOL body may carry that are not stored: the type the method already makes, and the
 * hints Apple Calendar sends with every new calendar (its time zone, sort order and transparency), which would
 * otherwise fail the creation. PROPPATCH refuses them like any other property it cannot store.
 */
const CREATION_HINTS: ReadonlySet<string> = new Set([
  qname({ ns: DAV_NS, name: 'resourcetype' }),
  qname({ ns: CALDAV_NS, name: 'supported-calendar-component-set' }),
  qname({ ns: CALDAV_NS, name: 'calendar-timezone' }),
  qname({ ns: CALDAV_NS, name: 'schedule-calendar-transp' }),
  qname({ ns: APPLE_ICAL_NS, name: 'calendar-order' }),
]);

/** Sets and removals of a propertyupdate/mkcol/mkcalendar body, in order. */
function updatesOf(root: XmlElement | undefined): { prop: XmlElement; remove: boolean }[] {
  return (root?.children ?? []).flatMap((action) => {
    if (action.ns !== DAV_NS || (action.name !== 'set' && action.name !== 'remove')) return [];
    return childrenOf(action, DAV_NS, 'prop').flatMap((prop) =>
      (prop.children ?? []).map((child) => ({ prop: child, remove: action.name === 'remove' })),
    );
  });
}

/** The patch the updates make, or the names it cannot apply (RFC 4918 §9.2: then none applies). */
function patchOf(
  updates: readonly { prop: XmlElement; remove: boolean }[],
  ignored: ReadonlySet<string> = new Set(),
): {
  patch: CollectionPatch;
  refused: XmlElement[];
} {
  let patch: CollectionPatch = {};
  const refused: XmlElement[] = [];
  for (const { prop, remove } of updates) {
    const write = WRITABLE[qname(prop)];
    if (write) patch = { ...patch, ...write(remove ? null : (prop.text ?? '').trim()) };
    else if (!ignored.has(qname(prop))) refused.push(el(prop.ns, prop.name));
  }
  return { patch, refused };
}

/** PROPPATCH of a calendar or address book: display name, description, colour; all or nothing. */
export async function proppatch(context: DavRequestContext): Promise<HttpResponse> {
  const { target } = context;
  if (target.type !== 'collection') throw new DavError(403, el(DAV_NS, 'cannot-modify-protected-property'));
  const root = parseDavXml(context.request.body);
  if (root.ns !== DAV_NS || root.name !== 'propertyupdate') throw new DavError(400);
  const info = await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
  const updates = updatesOf(root);
  const { patch, refused } = patchOf(updates);
  const names = updates.map(({ prop }) => el(prop.ns, prop.name));
  const href = context.hrefs.collection(info.kind, target.mailboxId, info.collectionId);
  const response = (stats: XmlElement[]) =>
    multistatus([el(DAV_NS, 'response', [el(DAV_NS, 'href', [], href), ...stats])]);
  if (refused.length > 0) {
    const refusedKeys = new Set(refused.map(qname));
    const others = names.filter((name) => !refusedKeys.has(qname(name)));
    return response([propstat(refused, 403), ...(others.length > 0 ? [propstat(others, 424)] : [])]);
  }
  const result = await context.calendars.updateCollection(
    mailboxRef(context, target.mailboxId),
    info.collectionId,
    patch,
  );
  if (!result.ok) throw refusalError(result.refusal, info.kind, () => '');
  return response([propstat(names, 200)]);
}

/**
 * MKCALENDAR (RFC 4791 §5.3.1) and extended MKCOL (RFC 5689) in a home: creates a calendar or address book named by
 * the last path segment, with the properties the body sets. 201, or 403/405/409 as RFC 4918 §9.3 says.
 */
export async function makeCollection(
  context: DavRequestContext,
  method: 'MKCALENDAR' | 'MKCOL',
): Promise<HttpResponse> {
  const { target, request } = context;
  if (target.type !== 'collection') throw new DavError(target.type === 'object' ? 409 : 405);
  if (RESERVED_COLLECTION_IDS.has(target.collectionId) || !COLLECTION_ID.test(target.collectionId)) {
    throw new DavError(403, el(DAV_NS, 'valid-resourcetype'));
  }
  const root =
    request.body.length > 0 && request.body.toString().trim() !== '' ? parseDavXml(request.body) : undefined;
  const updates = updatesOf(root);
  const kind = kindOf(method, updates);
  if (kind !== target.kind) throw new DavError(403, el(DAV_NS, 'valid-resourcetype'));
  const { patch, refused } = patchOf(
    updates.filter(({ remove }) => !remove),
    CREATION_HINTS,
  );
  if (refused.length > 0) throw new DavError(403, el(DAV_NS, 'cannot-modify-protected-property'));
  const result = await context.calendars.createCollection(
    mailboxRef(context, target.mailboxId),
    target.collectionId,
    kind,
    {
      displayName: patch.displayName ?? target.collectionId,
      ...(patch.description ? { description: patch.description } : {}),
      ...(patch.color ? { color: patch.color } : {}),
    },
  );
  if (!result.ok) throw refusalError(result.refusal, kind, () => '');
  return {
    statusCode: 201,
    headers: {
      location: context.hrefs.collection(kind, target.mailboxId, target.collectionId),
      ...PRIVATE_HEADERS,
    },
    body: '',
  };
}

/** MKCALENDAR makes a calendar; MKCOL what its DAV:resourcetype says (a plain collection is refused). */
function kindOf(
  method: 'MKCALENDAR' | 'MKCOL',
  updates: readonly { prop: XmlElement }[],
): CollectionKind | undefined {
  if (method === 'MKCALENDAR') return 'calendar';
  const type = updates.find(({ prop }) => prop.ns === DAV_NS && prop.name === 'resourcetype')?.prop;
  if (childOf(type, CALDAV_NS, 'calendar')) return 'calendar';
  if (childOf(type, CARDDAV_NS, 'addressbook')) return 'addressbook';
  return undefined;
}

import type { HttpResponse } from '../types';
import { addressbookQuery, galMultiget } from './addressbook-reports';
import { calendarQuery, freeBusyQuery, multiget } from './calendar-reports';
import type { DavRequestContext } from './dav-context';
import { DavError } from './dav-response';
import type { PropRequest } from './propfind';
import { syncCollection } from './sync-collection';
import { CALDAV_NS, CARDDAV_NS, childOf, DAV_NS, el, parseDavXml, type XmlElement } from './xml';

/** The largest REPORT body read, in octets. */
export const MAX_REPORT_BYTES = 256 * 1024;

/** The DAV:prop (or allprop/propname) a report asks for; getetag alone when it names none. */
function askedOf(root: XmlElement): PropRequest {
  if (childOf(root, DAV_NS, 'propname')) return { type: 'propname' };
  if (childOf(root, DAV_NS, 'allprop')) return { type: 'allprop' };
  const prop = childOf(root, DAV_NS, 'prop');
  return { type: 'prop', names: prop?.children ?? [el(DAV_NS, 'getetag')] };
}

/** REPORT: dispatches on the body's root element; an unknown report → 403 DAV:supported-report. */
export async function report(context: DavRequestContext, now: number): Promise<HttpResponse> {
  if (context.request.body.length > MAX_REPORT_BYTES) throw new DavError(413);
  const root = parseDavXml(context.request.body);
  const asked = askedOf(root);
  const gal = context.target.type === 'gal';
  const key = `{${root.ns}}${root.name}`;
  switch (key) {
    case `{${CALDAV_NS}}calendar-query`:
      return calendarQuery(context, root, asked);
    case `{${CALDAV_NS}}calendar-multiget`:
      return multiget(context, root, asked, 'calendar');
    case `{${CALDAV_NS}}free-busy-query`:
      return freeBusyQuery(context, root, now);
    case `{${CARDDAV_NS}}addressbook-query`:
      return addressbookQuery(context, root, asked);
    case `{${CARDDAV_NS}}addressbook-multiget`:
      return gal ? galMultiget(context, root, asked) : multiget(context, root, asked, 'addressbook');
    case `{${DAV_NS}}sync-collection`:
      return syncCollection(context, root, asked);
    default:
      throw new DavError(403, el(DAV_NS, 'supported-report'));
  }
}

import type { CollectionInfo, CollectionKind, ObjectInfo } from '../../core/calendar/types';
import {
  APPLE_ICAL_NS,
  CALDAV_NS,
  CALSERVER_NS,
  CARDDAV_NS,
  DAV_NS,
  el,
  qname,
  type XmlElement,
} from './xml';

/** A property's value: ready, or loaded on demand (object content), which `allprop` leaves out. */
export type PropValue = XmlElement | (() => Promise<XmlElement>);

/** A resource as PROPFIND and REPORT answer it: its href and live properties by `{ns}name`. */
export interface DavResource {
  readonly href: string;
  readonly props: ReadonlyMap<string, PropValue>;
}

/** The largest calendar object or vCard accepted, in octets (CALDAV/CARDDAV:max-resource-size). */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/** Builds a property map from property elements (the values ready) and lazy ones. */
export function propMap(
  ready: readonly XmlElement[],
  lazy: Record<string, PropValue> = {},
): Map<string, PropValue> {
  return new Map<string, PropValue>([
    ...ready.map((prop) => [qname(prop), prop] as const),
    ...Object.entries(lazy),
  ]);
}

/** A DAV:href element. */
export const href = (value: string): XmlElement => el(DAV_NS, 'href', [], value);

/** A property holding one href (current-user-principal, owner, …). */
export const hrefProp = (ns: string, name: string, value: string): XmlElement => el(ns, name, [href(value)]);

/** DAV:resourcetype with the given types. */
export const resourceType = (...types: readonly [string, string][]): XmlElement =>
  el(
    DAV_NS,
    'resourcetype',
    types.map(([ns, name]) => el(ns, name)),
  );

/** DAV:current-user-privilege-set (RFC 3744): full rights, or read only. */
export function privileges(readOnly: boolean): XmlElement {
  const names = readOnly
    ? ['read']
    : ['read', 'write', 'write-properties', 'write-content', 'bind', 'unbind'];
  const list = [...names, 'read-current-user-privilege-set'];
  return el(
    DAV_NS,
    'current-user-privilege-set',
    list.map((name) => el(DAV_NS, 'privilege', [el(DAV_NS, name)])),
  );
}

/** DAV:supported-report-set naming these reports. */
export function supportedReports(reports: readonly [string, string][]): XmlElement {
  return el(
    DAV_NS,
    'supported-report-set',
    reports.map(([ns, name]) => el(DAV_NS, 'supported-report', [el(DAV_NS, 'report', [el(ns, name)])])),
  );
}

/** A sync token: a URL under the DAV base (RFC 6578 §4: a URI). */
export function syncTokenOf(baseUrl: string, position: string): string {
  return `${baseUrl}/sync/${position}`;
}

/**
 * A collection's sync position: its generation (creation time, base 36) and syncSeq, so that a token of a deleted
 * collection is not taken for one of a collection created again under the same id (whose syncSeq starts over).
 */
export function collectionPosition(info: Pick<CollectionInfo, 'createdAt'>, syncSeq: number): string {
  return `${info.createdAt.toString(36)}-${syncSeq}`;
}

/** The collection properties of a calendar or address book. */
export function collectionProps(
  info: CollectionInfo,
  context: {
    readonly baseUrl: string;
    readonly ownerHref: string;
    readonly principalHref: string;
    /** A read-only impersonation role: only `read` is granted. */
    readonly readOnly: boolean;
  },
): XmlElement[] {
  const calendar = info.kind === 'calendar';
  const token = syncTokenOf(context.baseUrl, collectionPosition(info, info.syncSeq));
  return [
    resourceType([DAV_NS, 'collection'], calendar ? [CALDAV_NS, 'calendar'] : [CARDDAV_NS, 'addressbook']),
    el(DAV_NS, 'displayname', [], info.displayName),
    ...(info.description !== undefined
      ? [
          el(
            calendar ? CALDAV_NS : CARDDAV_NS,
            calendar ? 'calendar-description' : 'addressbook-description',
            [],
            info.description,
          ),
        ]
      : []),
    ...(calendar && info.color !== undefined ? [el(APPLE_ICAL_NS, 'calendar-color', [], info.color)] : []),
    el(CALSERVER_NS, 'getctag', [], token),
    el(DAV_NS, 'sync-token', [], token),
    calendar
      ? supportedReports([
          [CALDAV_NS, 'calendar-query'],
          [CALDAV_NS, 'calendar-multiget'],
          [CALDAV_NS, 'free-busy-query'],
          [DAV_NS, 'sync-collection'],
        ])
      : supportedReports([
          [CARDDAV_NS, 'addressbook-query'],
          [CARDDAV_NS, 'addressbook-multiget'],
          [DAV_NS, 'sync-collection'],
        ]),
    ...(calendar
      ? [
          el(CALDAV_NS, 'supported-calendar-component-set', [
            el(CALDAV_NS, 'comp', [], undefined, { name: 'VEVENT' }),
            el(CALDAV_NS, 'comp', [], undefined, { name: 'VTODO' }),
          ]),
          el(CALDAV_NS, 'supported-calendar-data', [
            el(CALDAV_NS, 'calendar-data', [], undefined, {
              'content-type': 'text/calendar',
              version: '2.0',
            }),
          ]),
          el(CALDAV_NS, 'max-resource-size', [], String(MAX_OBJECT_BYTES)),
        ]
      : [
          el(CARDDAV_NS, 'supported-address-data', [
            el(CARDDAV_NS, 'address-data-type', [], undefined, {
              'content-type': 'text/vcard',
              version: '3.0',
            }),
            el(CARDDAV_NS, 'address-data-type', [], undefined, {
              'content-type': 'text/vcard',
              version: '4.0',
            }),
          ]),
          el(CARDDAV_NS, 'max-resource-size', [], String(MAX_OBJECT_BYTES)),
        ]),
    hrefProp(DAV_NS, 'owner', context.ownerHref),
    hrefProp(DAV_NS, 'current-user-principal', context.principalHref),
    privileges(context.readOnly),
  ];
}

/** The content type of a kind's objects. */
export function contentTypeOf(kind: CollectionKind): string {
  return kind === 'calendar' ? 'text/calendar; charset=utf-8' : 'text/vcard; charset=utf-8';
}

/** The properties of a calendar object or vCard; its content is loaded on demand. */
export function objectProps(
  kind: CollectionKind,
  info: Pick<ObjectInfo, 'etag' | 'sizeBytes' | 'modifiedAt'>,
  content: () => Promise<string>,
  principalHref: string,
  readOnly = false,
): Map<string, PropValue> {
  const data =
    kind === 'calendar' ? ([CALDAV_NS, 'calendar-data'] as const) : ([CARDDAV_NS, 'address-data'] as const);
  return propMap(
    [
      resourceType(),
      el(DAV_NS, 'getetag', [], info.etag),
      el(DAV_NS, 'getcontenttype', [], contentTypeOf(kind)),
      el(DAV_NS, 'getcontentlength', [], String(info.sizeBytes)),
      el(DAV_NS, 'getlastmodified', [], new Date(info.modifiedAt).toUTCString()),
      hrefProp(DAV_NS, 'current-user-principal', principalHref),
      privileges(readOnly),
    ],
    { [qname({ ns: data[0], name: data[1] })]: async () => el(data[0], data[1], [], await content()) },
  );
}

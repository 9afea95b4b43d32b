import { galETag, galVCard } from '../../core/gal/gal-vcard';
import type { GalEntry } from '../../core/gal/types';
import type { DavRequestContext } from './dav-context';
import {
  hrefProp,
  objectProps,
  privileges,
  propMap,
  resourceType,
  supportedReports,
  syncTokenOf,
  type DavResource,
} from './dav-properties';
import { DavError } from './dav-response';
import type { PropRequest } from './propfind';
import { CALSERVER_NS, CARDDAV_NS, DAV_NS, el } from './xml';

/*
 * The organization's global address list as a read-only CardDAV collection at `/dav/addressbooks/<userId>/gal/`,
 * its members `<entityId>.vcf`; only in the signed-in user's own address book home.
 */

const principalHref = (context: DavRequestContext) => context.hrefs.principal(context.user.userId);

/** The GAL is the signed-in user's own organization's, in their own address book home only. */
function requireGal(context: DavRequestContext) {
  const { target, gal } = context;
  const mailboxId = 'mailboxId' in target ? target.mailboxId : undefined;
  if (!gal || mailboxId !== context.user.userId) throw new DavError(404);
  return gal;
}

/** The GAL collection itself; its sync token is the list's position. */
export async function galCollection(context: DavRequestContext, position?: string): Promise<DavResource> {
  const token = syncTokenOf(context.baseUrl, position ?? (await context.gal!.position()));
  return {
    href: context.hrefs.gal(context.user.userId),
    props: propMap([
      resourceType([DAV_NS, 'collection'], [CARDDAV_NS, 'addressbook']),
      el(DAV_NS, 'displayname', [], 'Global address list'),
      el(CARDDAV_NS, 'addressbook-description', [], 'Everyone in the organization'),
      el(CALSERVER_NS, 'getctag', [], token),
      el(DAV_NS, 'sync-token', [], token),
      supportedReports([
        [CARDDAV_NS, 'addressbook-query'],
        [CARDDAV_NS, 'addressbook-multiget'],
        [DAV_NS, 'sync-collection'],
      ]),
      hrefProp(DAV_NS, 'current-user-principal', principalHref(context)),
      privileges(true),
    ]),
  };
}

/** The GAL and, at Depth 1, every visible entry. */
export async function galResources(context: DavRequestContext, depth: 0 | 1): Promise<DavResource[]> {
  const gal = requireGal(context);
  if (depth === 0) return [await galCollection(context)];
  const { entries, position } = await gal.list(context.user.organizationId);
  return [
    await galCollection(context, position),
    ...entries.map((entry) => galEntryResource(context, entry)),
  ];
}

/** The GAL entry a member name (`<entityId>.vcf`) names, if visible. */
export async function galEntryOf(context: DavRequestContext, name: string): Promise<GalEntry | undefined> {
  const gal = requireGal(context);
  const match = /^(.+)\.vcf$/.exec(name);
  return match ? gal.entry(context.user.organizationId, match[1]) : undefined;
}

/** The vCard version a report's `CARDDAV:address-data` asks for: 3.0 when it says so, else 4.0. */
export function vcardVersionOf(asked: PropRequest): '3.0' | '4.0' {
  if (asked.type !== 'prop') return '4.0';
  const data = asked.names.find((name) => name.ns === CARDDAV_NS && name.name === 'address-data');
  return data?.attrs?.version === '3.0' ? '3.0' : '4.0';
}

/** A GAL entry as a read-only vCard resource, in the version asked for. */
export function galEntryResource(
  context: DavRequestContext,
  entry: GalEntry,
  version: '3.0' | '4.0' = '4.0',
): DavResource {
  const card = galVCard(entry, version);
  const props = objectProps(
    'addressbook',
    { etag: galETag(entry), sizeBytes: Buffer.byteLength(card), modifiedAt: 0 },
    () => Promise.resolve(card),
    principalHref(context),
    true,
  );
  // The directory keeps no modification time a card could show.
  props.delete('{DAV:}getlastmodified');
  return {
    href: `${context.hrefs.gal(context.user.userId)}${encodeURIComponent(entry.entityId)}.vcf`,
    props,
  };
}

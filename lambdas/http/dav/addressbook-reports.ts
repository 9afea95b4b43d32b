import type { HttpResponse } from '../types';
import type { DavRequestContext } from './dav-context';
import { requireCollection } from './dav-resources';
import { galEntryResource, vcardVersionOf } from './gal-resources';
import { allObjects, objectResource, reportCollection, withContent } from './calendar-reports';
import { multistatus, statusLine, statusResponse } from './dav-response';
import { galVCard } from '../../core/gal/gal-vcard';
import { propResponse, type PropRequest } from './propfind';
import { matchesAddressFilter, resultLimit } from './report-filters';
import { CARDDAV_NS, childOf, DAV_NS, el, type XmlElement } from './xml';

/**
 * CARDDAV:addressbook-query (RFC 6352 §8.6) on a personal address book or the global address list: prop-filters with
 * text-match, `test` anyof/allof, CARDDAV:limit. More matches than the limit → 507 with
 * DAV:number-of-matches-within-limits.
 */
export async function addressbookQuery(
  context: DavRequestContext,
  root: XmlElement,
  asked: PropRequest,
): Promise<HttpResponse> {
  const filter = childOf(root, CARDDAV_NS, 'filter');
  const limit = resultLimit(root, CARDDAV_NS);
  if (context.target.type === 'gal') {
    const { entries } = await context.gal!.list(context.user.organizationId);
    const matching = entries.filter((entry) => matchesAddressFilter(galVCard(entry), filter));
    return limited(
      await Promise.all(
        matching
          .slice(0, limit)
          .map((entry) => propResponse(galEntryResource(context, entry, vcardVersionOf(asked)), asked)),
      ),
      limit !== undefined && matching.length > limit ? context.hrefs.gal(context.user.userId) : undefined,
    );
  }
  const target = reportCollection(context, 'addressbook');
  await requireCollection(context, target.mailboxId, target.collectionId, 'addressbook');
  const objects = await withContent(
    context,
    target,
    (await allObjects(context, target)).map((info) => info.name),
  );
  const matching = objects.filter(({ content }) => matchesAddressFilter(content, filter));
  const byName = new Map(matching.map(({ info, content }) => [info.name, content]));
  return limited(
    await Promise.all(
      matching.slice(0, limit).map(({ info }) =>
        propResponse(
          objectResource(context, target, info, (name) => Promise.resolve(byName.get(name)!)),
          asked,
        ),
      ),
    ),
    limit !== undefined && matching.length > limit
      ? context.hrefs.collection('addressbook', target.mailboxId, target.collectionId)
      : undefined,
  );
}

/** The answer; over the client's limit, a 507 response for the collection names the truncation (§8.6.1). */
function limited(responses: XmlElement[], truncatedHref: string | undefined): HttpResponse {
  if (truncatedHref === undefined) return multistatus(responses);
  return multistatus([
    ...responses,
    el(DAV_NS, 'response', [
      el(DAV_NS, 'href', [], truncatedHref),
      el(DAV_NS, 'status', [], statusLine(507)),
      el(DAV_NS, 'error', [el(DAV_NS, 'number-of-matches-within-limits')]),
    ]),
  ]);
}

/** CARDDAV:addressbook-multiget on the global address list: hrefs `<entityId>.vcf` of visible entries. */
export async function galMultiget(
  context: DavRequestContext,
  root: XmlElement,
  asked: PropRequest,
): Promise<HttpResponse> {
  const base = context.hrefs.gal(context.user.userId);
  const hrefs = (root.children ?? [])
    .filter((child) => child.ns === DAV_NS && child.name === 'href')
    .map((h) => (h.text ?? '').trim());
  return multistatus(
    await Promise.all(
      hrefs.map(async (href) => {
        const name = context.hrefs.memberName(base, href);
        const match = name === undefined ? undefined : /^(.+)\.vcf$/.exec(name);
        const entry = match ? await context.gal!.entry(context.user.organizationId, match[1]) : undefined;
        return entry
          ? propResponse(galEntryResource(context, entry, vcardVersionOf(asked)), asked)
          : statusResponse(href, 404);
      }),
    ),
  );
}

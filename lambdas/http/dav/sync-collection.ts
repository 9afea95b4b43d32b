import type { HttpResponse } from '../types';
import { mailboxRef, type DavRequestContext } from './dav-context';
import { collectionPosition, objectProps, syncTokenOf, type DavResource } from './dav-properties';
import { contentLoader, requireCollection } from './dav-resources';
import { galEntryResource, vcardVersionOf } from './gal-resources';
import { DavError, multistatus, statusResponse } from './dav-response';
import { propResponse, type PropRequest } from './propfind';
import { resultLimit } from './report-filters';
import { childOf, DAV_NS, el, type XmlElement } from './xml';

/** Most changes one sync-collection answer carries; more → 507 on the collection and a token to continue. */
export const MAX_SYNC_CHANGES = 1000;

const invalidToken = () => new DavError(403, el(DAV_NS, 'valid-sync-token'));

/**
 * DAV:sync-collection (RFC 6578 §3) on a calendar, an address book or the global address list. Tokens are URLs
 * under the DAV base (`<base>/sync/<position>`): a collection's generation and syncSeq, or the GAL's change position. An empty
 * token lists every member; a token this collection cannot have given → 403 DAV:valid-sync-token; more changes than
 * the limit → the first ones, a 507 response for the collection and a token to continue from (§3.6).
 */
export async function syncCollection(
  context: DavRequestContext,
  root: XmlElement,
  asked: PropRequest,
): Promise<HttpResponse> {
  const token = childOf(root, DAV_NS, 'sync-token')?.text?.trim() ?? '';
  const prefix = syncTokenOf(context.baseUrl, '');
  if (token !== '' && !token.startsWith(prefix)) throw invalidToken();
  const position = token === '' ? undefined : token.slice(prefix.length);
  const limit = Math.min(resultLimit(root) ?? MAX_SYNC_CHANGES, MAX_SYNC_CHANGES);
  return context.target.type === 'gal'
    ? syncGal(context, position, limit, asked)
    : syncObjects(context, position, limit, asked);
}

async function syncObjects(
  context: DavRequestContext,
  position: string | undefined,
  limit: number,
  asked: PropRequest,
): Promise<HttpResponse> {
  const { target } = context;
  if (target.type !== 'collection') throw new DavError(403, el(DAV_NS, 'supported-report'));
  const info = await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
  const since = position === undefined ? 0 : sinceOf(info, position);
  if (!Number.isSafeInteger(since) || since > info.syncSeq) throw invalidToken();
  const result = await context.calendars.changesSince(
    mailboxRef(context, target.mailboxId),
    info.collectionId,
    since,
    limit,
  );
  if (!result.ok) throw new DavError(404);
  const { changes, syncSeq, truncated } = result.value;
  const present = changes.filter((change) => !change.removed);
  const content = contentLoader(
    context,
    target.mailboxId,
    info.collectionId,
    present.map((change) => change.name),
  );
  const principal = context.hrefs.principal(context.user.userId);
  const responses = await Promise.all(
    changes.map((change) => {
      const href = context.hrefs.object(info.kind, target.mailboxId, info.collectionId, change.name);
      if (change.removed) return statusResponse(href, 404);
      const resource: DavResource = {
        href,
        props: withoutUnknown(
          objectProps(
            info.kind,
            { etag: change.etag ?? '', sizeBytes: 0, modifiedAt: 0 },
            () => content(change.name),
            principal,
            context.readOnly,
          ),
        ),
      };
      return propResponse(resource, asked);
    }),
  );
  const collectionHref = context.hrefs.collection(info.kind, target.mailboxId, info.collectionId);
  return answer(
    context,
    responses,
    collectionPosition(info, syncSeq),
    truncated ? collectionHref : undefined,
  );
}

/** The syncSeq a position of this collection's generation names, or NaN (another generation, or no position). */
function sinceOf(info: { readonly createdAt: number }, position: string): number {
  const [generation, seq] = position.split('-');
  return generation === info.createdAt.toString(36) && /^\d{1,15}$/.test(seq ?? '') ? Number(seq) : NaN;
}

/** A change entry knows the ETag but not the size or time: those are left out rather than made up. */
function withoutUnknown(props: Map<string, unknown>) {
  props.delete('{DAV:}getcontentlength');
  props.delete('{DAV:}getlastmodified');
  return props as DavResource['props'];
}

async function syncGal(
  context: DavRequestContext,
  position: string | undefined,
  limit: number,
  asked: PropRequest,
): Promise<HttpResponse> {
  const gal = context.gal;
  if (!gal || context.user.userId !== (context.target as { mailboxId: string }).mailboxId)
    throw new DavError(404);
  const organizationId = context.user.organizationId;
  if (position === undefined) {
    const listed = await gal.list(organizationId);
    const responses = await Promise.all(
      listed.entries.map((entry) =>
        propResponse(galEntryResource(context, entry, vcardVersionOf(asked)), asked),
      ),
    );
    return answer(context, responses, listed.position);
  }
  const changes = await gal.changesSince(organizationId, position, limit);
  if (!changes) throw invalidToken();
  const base = context.hrefs.gal(context.user.userId);
  const responses = [
    ...(await Promise.all(
      changes.changed.map((entry) =>
        propResponse(galEntryResource(context, entry, vcardVersionOf(asked)), asked),
      ),
    )),
    ...changes.removed.map((entityId) => statusResponse(`${base}${encodeURIComponent(entityId)}.vcf`, 404)),
  ];
  return answer(context, responses, changes.position, changes.truncated ? base : undefined);
}

function answer(
  context: DavRequestContext,
  responses: XmlElement[],
  position: string,
  truncatedHref?: string,
): HttpResponse {
  return multistatus(
    [...responses, ...(truncatedHref ? [statusResponse(truncatedHref, 507)] : [])],
    [el(DAV_NS, 'sync-token', [], syncTokenOf(context.baseUrl, position))],
  );
}

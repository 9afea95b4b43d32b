import type { CollectionKind, StoredObject, WritePrecondition } from '../../core/calendar/types';
import { galVCard, galETag } from '../../core/gal/gal-vcard';
import type { HttpResponse } from '../types';
import { mailboxRef, type DavRequestContext } from './dav-context';
import type { DavTarget } from './dav-paths';
import { contentTypeOf, MAX_OBJECT_BYTES } from './dav-properties';
import { requireCollection } from './dav-resources';
import { galEntryOf } from './gal-resources';
import { DavError, PRIVATE_HEADERS, refusalError } from './dav-response';
import { CALDAV_NS, CARDDAV_NS, DAV_NS, el } from './xml';

type ObjectTarget = Extract<DavTarget, { type: 'object' }>;

/** GET and HEAD of a calendar object, a vCard or a GAL card: the content with its ETag. */
export async function getObject(context: DavRequestContext, head: boolean): Promise<HttpResponse> {
  const { target } = context;
  if (target.type === 'galEntry') {
    const entry = await galEntryOf(context, target.name);
    if (!entry) throw new DavError(404);
    const version = /version=["']?3\.0/i.test(context.request.headers.accept ?? '') ? '3.0' : '4.0';
    return contentResponse('addressbook', galVCard(entry, version), galETag(entry), head);
  }
  if (target.type !== 'object') throw new DavError(405, undefined, { allow: 'OPTIONS, PROPFIND, REPORT' });
  const object = await currentObject(context, target);
  if (!object) throw new DavError(404);
  return contentResponse(target.kind, object.content, object.etag, head, object.modifiedAt);
}

function contentResponse(
  kind: CollectionKind,
  content: string,
  etag: string,
  head: boolean,
  modifiedAt?: number,
): HttpResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': contentTypeOf(kind),
      etag,
      ...(modifiedAt !== undefined ? { 'last-modified': new Date(modifiedAt).toUTCString() } : {}),
      ...PRIVATE_HEADERS,
    },
    body: head ? '' : content,
  };
}

async function currentObject(
  context: DavRequestContext,
  target: ObjectTarget,
): Promise<StoredObject | undefined> {
  await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
  const result = await context.calendars.getObjects(
    mailboxRef(context, target.mailboxId),
    target.collectionId,
    [target.name],
  );
  return result.ok ? result.value[0] : undefined;
}

/** The If-Match / If-None-Match conditions of a write (RFC 7232; `*` on If-Match means "exists"). */
function preconditionOf(context: DavRequestContext): WritePrecondition {
  const ifMatch = context.request.headers['if-match']?.trim();
  const ifNoneMatch = context.request.headers['if-none-match']?.trim();
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') throw new DavError(412);
  return {
    ...(ifMatch !== undefined && ifMatch !== '*' ? { ifMatch: ifMatch.replace(/^W\//, '') } : {}),
    ...(ifNoneMatch === '*' ? { ifNoneMatch: '*' as const } : {}),
  };
}

/**
 * PUT of a calendar object or vCard (RFC 4791 §5.3.2, RFC 6352 §6.3.2): stored through the model, which validates
 * it; 201 with the new ETag (204 when If-Match named the replaced version). The scheduling seam hears of calendar
 * writes afterwards.
 */
export async function putObject(context: DavRequestContext): Promise<HttpResponse> {
  const { target, request } = context;
  if (target.type === 'gal' || target.type === 'galEntry') throw readOnly();
  if (target.type !== 'object')
    throw new DavError(405, undefined, { allow: 'OPTIONS, PROPFIND, PROPPATCH, REPORT, DELETE' });
  const ns = target.kind === 'calendar' ? CALDAV_NS : CARDDAV_NS;
  if (request.body.length > MAX_OBJECT_BYTES) throw new DavError(403, el(ns, 'max-resource-size'));
  const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
  const accepted = target.kind === 'calendar' ? ['text/calendar'] : ['text/vcard', 'text/x-vcard'];
  if (type !== undefined && type !== '' && !accepted.includes(type)) {
    throw new DavError(
      403,
      el(ns, target.kind === 'calendar' ? 'supported-calendar-data' : 'supported-address-data'),
    );
  }
  const precondition = preconditionOf(context);
  const owner = mailboxRef(context, target.mailboxId);
  const previous =
    context.onScheduleChange && target.kind === 'calendar' ? await currentObject(context, target) : undefined;
  const content = request.body.toString('utf8');
  const result = await context.calendars.putObject(
    owner,
    target.collectionId,
    target.name,
    content,
    precondition,
  );
  if (!result.ok)
    throw refusalError(result.refusal, target.kind, (name) =>
      context.hrefs.object(target.kind, target.mailboxId, target.collectionId, name),
    );
  await announce(context, target, previous, content);
  return {
    statusCode: precondition.ifMatch !== undefined ? 204 : 201,
    headers: { etag: result.value.etag, ...PRIVATE_HEADERS },
    body: '',
  };
}

/** DELETE of an object (If-Match honoured) or of a collection that is not a default. */
export async function deleteResource(context: DavRequestContext): Promise<HttpResponse> {
  const { target } = context;
  const owner = () => mailboxRef(context, (target as { mailboxId: string }).mailboxId);
  if (target.type === 'gal' || target.type === 'galEntry') throw readOnly();
  if (target.type === 'collection') {
    await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
    if (context.request.headers['if-match'] !== undefined) throw new DavError(412);
    const result = await context.calendars.deleteCollection(owner(), target.collectionId);
    if (!result.ok) throw refusalError(result.refusal, target.kind, () => '');
    return { statusCode: 204, headers: { ...PRIVATE_HEADERS }, body: '' };
  }
  if (target.type !== 'object') throw new DavError(403, el(DAV_NS, 'need-privileges'));
  await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
  const precondition = preconditionOf(context);
  const previous =
    context.onScheduleChange && target.kind === 'calendar' ? await currentObject(context, target) : undefined;
  const result = await context.calendars.removeObject(
    owner(),
    target.collectionId,
    target.name,
    precondition,
  );
  if (!result.ok) throw refusalError(result.refusal, target.kind, () => '');
  await announce(context, target, previous, undefined);
  return { statusCode: 204, headers: { ...PRIVATE_HEADERS }, body: '' };
}

/** The global address list is read-only (DAV:need-privileges, RFC 3744 §7.1.1). */
function readOnly(): DavError {
  return new DavError(403, el(DAV_NS, 'need-privileges'));
}

/** Tells the scheduling seam of a calendar write; its failure is logged, never undoes the write. */
async function announce(
  context: DavRequestContext,
  target: ObjectTarget,
  previous: StoredObject | undefined,
  content: string | undefined,
): Promise<void> {
  if (!context.onScheduleChange || target.kind !== 'calendar') return;
  try {
    await context.onScheduleChange({
      actor: context.user,
      owner: mailboxRef(context, target.mailboxId),
      collectionId: target.collectionId,
      name: target.name,
      ...(previous ? { previous } : {}),
      ...(content !== undefined ? { content } : {}),
    });
  } catch (error) {
    context.logError('Scheduling after a CalDAV write failed', error);
  }
}

import type { CollectionInfo, CollectionKind, ObjectInfo } from '../../core/calendar/types';
import { mailboxRef, type DavMailbox, type DavRequestContext } from './dav-context';
import type { DavTarget } from './dav-paths';
import { galCollection, galEntryOf, galEntryResource, galResources } from './gal-resources';
import {
  collectionProps,
  hrefProp,
  objectProps,
  privileges,
  propMap,
  resourceType,
  supportedReports,
  type DavResource,
} from './dav-properties';
import { DavError } from './dav-response';
import { CALDAV_NS, CARDDAV_NS, DAV_NS, el } from './xml';

const PAGE = 500;

/**
 * The resources a PROPFIND at `target` answers for: the target itself and, at Depth 1, its members.
 * @throws DavError 404 when the target does not exist
 */
export async function resourcesAt(context: DavRequestContext, depth: 0 | 1): Promise<DavResource[]> {
  const { target } = context;
  switch (target.type) {
    case 'root':
      return [rootResource(context)];
    case 'principal':
      return [principalResource(context)];
    case 'home':
      return homeResources(context, target.kind, target.mailboxId, depth);
    case 'scheduleBox':
      return [scheduleBoxResource(context, target.box, target.mailboxId)];
    case 'collection': {
      const info = await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
      const self = collectionResource(context, target.mailboxId, info);
      return depth === 0 ? [self] : [self, ...(await memberResources(context, target.mailboxId, info))];
    }
    case 'object':
      return [await objectResource(context, target)];
    case 'gal':
      return galResources(context, depth);
    case 'galEntry': {
      const entry = await galEntryOf(context, target.name);
      if (!entry) throw new DavError(404);
      return [galEntryResource(context, entry)];
    }
  }
}

/** The collection, which must be of `kind`; 404 otherwise. */
export async function requireCollection(
  context: DavRequestContext,
  mailboxId: string,
  collectionId: string,
  kind: CollectionKind,
): Promise<CollectionInfo> {
  const info = await context.calendars.getCollection(mailboxRef(context, mailboxId), collectionId);
  if (!info || info.kind !== kind) throw new DavError(404);
  return info;
}

const principalHref = (context: DavRequestContext) => context.hrefs.principal(context.user.userId);

function rootResource(context: DavRequestContext): DavResource {
  return {
    href: context.hrefs.root(),
    props: propMap([
      resourceType([DAV_NS, 'collection']),
      hrefProp(DAV_NS, 'current-user-principal', principalHref(context)),
      hrefProp(DAV_NS, 'principal-URL', principalHref(context)),
      ...homeSets(context),
    ]),
  };
}

function homeSets(context: DavRequestContext) {
  const { hrefs, mailboxes } = context;
  return [
    el(
      CALDAV_NS,
      'calendar-home-set',
      mailboxes.map((m) => el(DAV_NS, 'href', [], hrefs.home('calendar', m.mailboxId))),
    ),
    el(
      CARDDAV_NS,
      'addressbook-home-set',
      mailboxes.map((m) => el(DAV_NS, 'href', [], hrefs.home('addressbook', m.mailboxId))),
    ),
  ];
}

function principalResource(context: DavRequestContext): DavResource {
  const { hrefs, user } = context;
  const self = principalHref(context);
  return {
    href: self,
    props: propMap([
      resourceType([DAV_NS, 'collection'], [DAV_NS, 'principal']),
      el(DAV_NS, 'displayname', [], user.email),
      hrefProp(DAV_NS, 'current-user-principal', self),
      hrefProp(DAV_NS, 'principal-URL', self),
      ...homeSets(context),
      el(CALDAV_NS, 'calendar-user-address-set', [
        el(DAV_NS, 'href', [], `mailto:${user.email}`),
        el(DAV_NS, 'href', [], self),
      ]),
      el(CALDAV_NS, 'calendar-user-type', [], 'INDIVIDUAL'),
      hrefProp(CALDAV_NS, 'schedule-inbox-URL', hrefs.scheduleBox('inbox', user.userId)),
      hrefProp(CALDAV_NS, 'schedule-outbox-URL', hrefs.scheduleBox('outbox', user.userId)),
      supportedReports([]),
      privileges(true),
    ]),
  };
}

function ownerOf(context: DavRequestContext, mailboxId: string): DavMailbox {
  return context.mailboxes.find((mailbox) => mailbox.mailboxId === mailboxId)!;
}

async function homeResources(
  context: DavRequestContext,
  kind: CollectionKind,
  mailboxId: string,
  depth: 0 | 1,
): Promise<DavResource[]> {
  const home: DavResource = {
    href: context.hrefs.home(kind, mailboxId),
    props: propMap([
      resourceType([DAV_NS, 'collection']),
      el(DAV_NS, 'displayname', [], ownerOf(context, mailboxId).email),
      hrefProp(DAV_NS, 'owner', context.hrefs.principal(mailboxId)),
      hrefProp(DAV_NS, 'current-user-principal', principalHref(context)),
      privileges(context.readOnly),
    ]),
  };
  if (depth === 0) return [home];
  const collections = await context.calendars.listCollections(mailboxRef(context, mailboxId), kind);
  const members = collections.map((info) => collectionResource(context, mailboxId, info));
  if (kind === 'calendar') {
    members.push(
      scheduleBoxResource(context, 'inbox', mailboxId),
      scheduleBoxResource(context, 'outbox', mailboxId),
    );
  } else if (context.gal && ownerOf(context, mailboxId).own) {
    members.push(await galCollection(context));
  }
  return [home, ...members];
}

function collectionResource(
  context: DavRequestContext,
  mailboxId: string,
  info: CollectionInfo,
): DavResource {
  return {
    href: context.hrefs.collection(info.kind, mailboxId, info.collectionId),
    props: propMap(
      collectionProps(info, {
        baseUrl: context.baseUrl,
        ownerHref: context.hrefs.principal(mailboxId),
        principalHref: principalHref(context),
        readOnly: context.readOnly,
      }),
    ),
  };
}

function scheduleBoxResource(
  context: DavRequestContext,
  box: 'inbox' | 'outbox',
  mailboxId: string,
): DavResource {
  return {
    href: context.hrefs.scheduleBox(box, mailboxId),
    props: propMap([
      resourceType(
        [DAV_NS, 'collection'],
        [CALDAV_NS, box === 'inbox' ? 'schedule-inbox' : 'schedule-outbox'],
      ),
      el(DAV_NS, 'displayname', [], box === 'inbox' ? 'Scheduling inbox' : 'Scheduling outbox'),
      hrefProp(DAV_NS, 'current-user-principal', principalHref(context)),
      privileges(true),
    ]),
  };
}

/** Every object of a collection (pages of the name index), with content fetched at most once, for all at once. */
async function memberResources(
  context: DavRequestContext,
  mailboxId: string,
  info: CollectionInfo,
): Promise<DavResource[]> {
  const owner = mailboxRef(context, mailboxId);
  const items: ObjectInfo[] = [];
  let after: string | undefined;
  do {
    const page = await context.calendars.listObjects(owner, info.collectionId, { after, limit: PAGE });
    if (!page.ok) throw new DavError(404);
    items.push(...page.value.items);
    after = page.value.next;
  } while (after !== undefined);
  const content = contentLoader(
    context,
    mailboxId,
    info.collectionId,
    items.map((item) => item.name),
  );
  return items.map((item) => ({
    href: context.hrefs.object(info.kind, mailboxId, info.collectionId, item.name),
    props: objectProps(info.kind, item, () => content(item.name), principalHref(context), context.readOnly),
  }));
}

/**
 * Loads the content of `names` with one getObjects call the first time any of them is asked for.
 * @example
 * const content = contentLoader(context, mailboxId, 'calendar', ['a.ics', 'b.ics']);
 * await content('a.ics');
 */
export function contentLoader(
  context: DavRequestContext,
  mailboxId: string,
  collectionId: string,
  names: readonly string[],
): (name: string) => Promise<string> {
  let loaded: Promise<Map<string, string>> | undefined;
  return async (name) => {
    loaded ??= context.calendars
      .getObjects(mailboxRef(context, mailboxId), collectionId, names)
      .then((result) => {
        if (!result.ok) throw new DavError(404);
        return new Map(result.value.map((object) => [object.name, object.content]));
      });
    const content = (await loaded).get(name);
    if (content === undefined) throw new DavError(404);
    return content;
  };
}

async function objectResource(
  context: DavRequestContext,
  target: Extract<DavTarget, { type: 'object' }>,
): Promise<DavResource> {
  await requireCollection(context, target.mailboxId, target.collectionId, target.kind);
  const result = await context.calendars.getObjects(
    mailboxRef(context, target.mailboxId),
    target.collectionId,
    [target.name],
  );
  const object = result.ok ? result.value[0] : undefined;
  if (!object) throw new DavError(404);
  return {
    href: context.hrefs.object(target.kind, target.mailboxId, target.collectionId, object.name),
    props: objectProps(
      target.kind,
      object,
      () => Promise.resolve(object.content),
      principalHref(context),
      context.readOnly,
    ),
  };
}

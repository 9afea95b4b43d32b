import { MailboxNotFoundError } from '../mailbox/errors';
import type { MailboxKeyring } from '../mailbox/keyring';
import type { CalendarModel } from './calendar-model';
import { SHORT_EVENT_MAX_MS } from './limits';
import { ObjectSealing } from './object-sealing';
import { isObjectName, putObject, removeObject, type WriteContext } from './object-writes';
import type { CalendarStore, CollectionRecord } from './ports';
import { ok, refuse } from './results';
import type {
  BusyPeriod,
  CalendarResult,
  ChangesSince,
  CollectionInfo,
  CollectionKind,
  CollectionPatch,
  MailboxRef,
  ObjectInfo,
  StoredObject,
  TimeWindow,
  WritePrecondition,
} from './types';
import { busyOf, objectsMeeting } from './window-queries';
import { COLLECTION_ID, DEFAULTS, infoOf, objectInfoOf, patchProblem } from './collections';

/** Dependencies of {@link CalendarService}. */
export interface CalendarServiceDeps {
  readonly store: CalendarStore;
  /** Mailbox keys (the mailbox must be ACTIVE: its current key version is looked up, cached for 60 s). */
  readonly keyring: MailboxKeyring;
  /** @default - `Date.now` */
  readonly now?: () => number;
}

const MAX_PAGE = 1000;

/**
 * The calendar and contacts model over a {@link CalendarStore}: objects sealed like mail (object-sealing.ts), one
 * seq-conditioned transaction per change (object-writes.ts), window queries from the time index
 * (window-queries.ts). A mailbox that does not exist or is not ACTIVE has no collections (`collectionNotFound`).
 * @example
 * const model = new CalendarService({ store, keyring });
 * await model.putObject(owner, 'calendar', 'a.ics', ics, { ifNoneMatch: '*' });
 */
export class CalendarService implements CalendarModel {
  private readonly now: () => number;
  private readonly sealing: ObjectSealing;
  private readonly writes: WriteContext;

  constructor(private readonly deps: CalendarServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sealing = new ObjectSealing(deps.keyring);
    this.writes = {
      store: deps.store,
      now: this.now,
      collection: (owner, collectionId) => this.collection(owner, collectionId),
      seal: async (owner, content) => this.sealing.seal(owner, await this.keyVersion(owner), content),
    };
  }

  async listCollections(owner: MailboxRef, kind: CollectionKind): Promise<CollectionInfo[]> {
    if ((await this.keyVersionOrUndefined(owner)) === undefined) return [];
    let records = await this.deps.store.listCollections(owner);
    const missing = [...DEFAULTS]
      .filter(([id, each]) => each.kind === kind && !records.some((record) => record.collectionId === id))
      .map(([id]) => id);
    if (missing.length > 0) {
      await Promise.all(missing.map((id) => this.createDefault(owner, id)));
      records = await this.deps.store.listCollections(owner);
    }
    return records.filter((record) => record.kind === kind && !record.deleting).map(infoOf);
  }

  async getCollection(owner: MailboxRef, collectionId: string): Promise<CollectionInfo | undefined> {
    const record = await this.collection(owner, collectionId);
    return record && infoOf(record);
  }

  async createCollection(
    owner: MailboxRef,
    collectionId: string,
    kind: CollectionKind,
    patch: CollectionPatch,
  ): Promise<CalendarResult<CollectionInfo>> {
    if (!COLLECTION_ID.test(collectionId))
      return refuse({
        type: 'invalidData',
        reason: 'A collection id is 1–64 characters of a–z, 0–9 and "-".',
      });
    const invalid = patchProblem(patch);
    if (invalid) return refuse({ type: 'invalidData', reason: invalid });
    if ((await this.keyVersionOrUndefined(owner)) === undefined)
      return refuse({ type: 'collectionNotFound' });
    if (DEFAULTS.has(collectionId)) return refuse({ type: 'collectionExists' });
    const existing = await this.deps.store.getCollection(owner, collectionId);
    if (existing?.deleting) await this.deps.store.purgeCollection(owner, collectionId);
    else if (existing) return refuse({ type: 'collectionExists' });
    const record: CollectionRecord = {
      collectionId,
      kind,
      displayName: patch.displayName ?? collectionId,
      ...(patch.description && { description: patch.description }),
      ...(patch.color && { color: patch.color }),
      isDefault: false,
      syncSeq: 0,
      createdAt: this.now(),
    };
    if (!(await this.deps.store.createCollection(owner, record))) return refuse({ type: 'collectionExists' });
    return ok(infoOf(record));
  }

  async updateCollection(
    owner: MailboxRef,
    collectionId: string,
    patch: CollectionPatch,
  ): Promise<CalendarResult<CollectionInfo>> {
    const invalid = patchProblem(patch);
    if (invalid) return refuse({ type: 'invalidData', reason: invalid });
    if (!(await this.collection(owner, collectionId))) return refuse({ type: 'collectionNotFound' });
    const updated = await this.deps.store.updateCollection(owner, collectionId, patch);
    return updated ? ok(infoOf(updated)) : refuse({ type: 'collectionNotFound' });
  }

  async deleteCollection(owner: MailboxRef, collectionId: string): Promise<CalendarResult<void>> {
    const record = await this.collection(owner, collectionId);
    if (!record) return refuse({ type: 'collectionNotFound' });
    if (record.isDefault)
      return refuse({ type: 'forbidden', reason: 'A default collection cannot be deleted.' });
    if (!(await this.deps.store.markDeleting(owner, collectionId)))
      return refuse({ type: 'collectionNotFound' });
    await this.deps.store.purgeCollection(owner, collectionId);
    return ok(undefined);
  }

  async listObjects(
    owner: MailboxRef,
    collectionId: string,
    page: { readonly after?: string; readonly limit: number },
  ): Promise<CalendarResult<{ readonly items: readonly ObjectInfo[]; readonly next?: string }>> {
    if (!(await this.collection(owner, collectionId))) return refuse({ type: 'collectionNotFound' });
    const limit = Math.min(Math.max(1, Math.floor(page.limit)), MAX_PAGE);
    const { items, next } = await this.deps.store.listObjects(owner, collectionId, page.after, limit);
    return ok({ items: items.map(objectInfoOf), ...(next !== undefined && { next }) });
  }

  async getObjects(
    owner: MailboxRef,
    collectionId: string,
    names: readonly string[],
  ): Promise<CalendarResult<readonly StoredObject[]>> {
    if (!(await this.collection(owner, collectionId))) return refuse({ type: 'collectionNotFound' });
    const wanted = [...new Set(names.filter(isObjectName))];
    const sealed =
      wanted.length > 0 ? await this.deps.store.getSealedObjects(owner, collectionId, wanted) : [];
    const objects = await Promise.all(
      sealed.map(async ({ record, sealed: bytes }) => ({
        ...objectInfoOf(record),
        content: await this.sealing.open(owner, { ...record, sealed: bytes }),
      })),
    );
    return ok(objects);
  }

  async findByUid(owner: MailboxRef, kind: CollectionKind, uid: string): Promise<StoredObject | undefined> {
    for (const collection of await this.listCollections(owner, kind)) {
      const name = await this.deps.store.nameOfUid(owner, collection.collectionId, uid);
      if (name === undefined) continue;
      const found = await this.getObjects(owner, collection.collectionId, [name]);
      if (found.ok && found.value.length > 0) return found.value[0];
    }
    return undefined;
  }

  putObject(
    owner: MailboxRef,
    collectionId: string,
    name: string,
    content: string,
    precondition?: WritePrecondition,
  ): Promise<CalendarResult<ObjectInfo>> {
    return putObject(this.writes, owner, collectionId, name, content, precondition);
  }

  removeObject(
    owner: MailboxRef,
    collectionId: string,
    name: string,
    precondition?: WritePrecondition,
  ): Promise<CalendarResult<void>> {
    return removeObject(this.writes, owner, collectionId, name, precondition);
  }

  async changesSince(
    owner: MailboxRef,
    collectionId: string,
    sinceSeq: number,
    limit: number,
  ): Promise<CalendarResult<ChangesSince>> {
    const collection = await this.collection(owner, collectionId);
    if (!collection) return refuse({ type: 'collectionNotFound' });
    // A sync point the collection never reached comes from elsewhere (RFC 6578 valid-sync-token).
    if (!Number.isSafeInteger(sinceSeq) || sinceSeq < 0 || sinceSeq > collection.syncSeq)
      return refuse({ type: 'preconditionFailed' });
    const pageSize = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE);
    const changes = await this.deps.store.changes(owner, collectionId, {
      sinceSeq,
      untilSeq: collection.syncSeq,
      limit: pageSize + 1,
      removed: sinceSeq > 0,
    });
    const truncated = changes.length > pageSize;
    const page = changes.slice(0, pageSize);
    // A name removed and created again has a tombstone and an entry: the later one tells.
    const latest = new Map(page.map((change) => [change.name, change]));
    return ok({
      changes: page.filter((change) => latest.get(change.name) === change),
      syncSeq: truncated ? page[page.length - 1].seq : collection.syncSeq,
      truncated,
    });
  }

  async objectsInWindow(
    owner: MailboxRef,
    collectionId: string,
    window: TimeWindow,
  ): Promise<CalendarResult<readonly ObjectInfo[]>> {
    const collection = await this.collection(owner, collectionId);
    if (!collection) return refuse({ type: 'collectionNotFound' });
    if (collection.kind !== 'calendar' || window.end <= window.start) return ok([]);
    const entries = await this.deps.store.entriesInWindow(owner, window, SHORT_EVENT_MAX_MS);
    return ok(objectsMeeting(entries, collectionId, window));
  }

  async busyPeriods(owner: MailboxRef, window: TimeWindow): Promise<BusyPeriod[]> {
    if (window.end <= window.start || (await this.keyVersionOrUndefined(owner)) === undefined) return [];
    const [entries, collections] = await Promise.all([
      this.deps.store.entriesInWindow(owner, window, SHORT_EVENT_MAX_MS),
      this.deps.store.listCollections(owner),
    ]);
    const live = new Set(collections.filter((each) => !each.deleting).map((each) => each.collectionId));
    return busyOf(
      entries.filter((entry) => live.has(entry.object.collectionId)),
      window,
    );
  }

  /** The collection if it exists and is not being deleted; a default one is created on first use. */
  private async collection(owner: MailboxRef, collectionId: string): Promise<CollectionRecord | undefined> {
    if (!COLLECTION_ID.test(collectionId)) return undefined;
    if ((await this.keyVersionOrUndefined(owner)) === undefined) return undefined;
    let record = await this.deps.store.getCollection(owner, collectionId);
    if (!record && DEFAULTS.has(collectionId)) {
      await this.createDefault(owner, collectionId);
      record = await this.deps.store.getCollection(owner, collectionId);
    }
    return record?.deleting ? undefined : record;
  }

  private async createDefault(owner: MailboxRef, collectionId: string): Promise<void> {
    const defaults = DEFAULTS.get(collectionId);
    if (!defaults) return;
    const { kind, displayName } = defaults;
    const record = { collectionId, kind, displayName, isDefault: true, syncSeq: 0, createdAt: this.now() };
    await this.deps.store.createCollection(owner, record);
  }

  private keyVersion(owner: MailboxRef): Promise<number> {
    return this.deps.keyring.currentVersion(owner.organizationId, owner.mailboxId);
  }

  private async keyVersionOrUndefined(owner: MailboxRef): Promise<number | undefined> {
    try {
      return await this.keyVersion(owner);
    } catch (error) {
      if (error instanceof MailboxNotFoundError) return undefined;
      throw error;
    }
  }
}

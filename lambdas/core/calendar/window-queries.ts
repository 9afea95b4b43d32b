import { instancesInWindow, type Instance } from './expand-entry';
import {
  FREE_SLOT_HORIZON_MS,
  MAX_INSTANCES_PER_MAILBOX_QUERY,
  OPEN_END,
  SHORT_EVENT_MAX_MS,
} from './limits';
import type { CalendarStore, TimeIndexEntry } from './ports';
import type { BusyPeriod, MailboxRef, ObjectInfo, TimeWindow } from './types';

/**
 * Busy instances of the index entries meeting the window (free and zero-length instances left out), sorted by start.
 * @example
 * busyOf(await store.entriesInWindow(owner, window, SHORT_EVENT_MAX_MS), window);
 */
export function busyOf(entries: readonly TimeIndexEntry[], window: TimeWindow): BusyPeriod[] {
  const budget = { instances: MAX_INSTANCES_PER_MAILBOX_QUERY };
  return latestFirst(entries)
    .flatMap((entry) =>
      instancesInWindow(entry, window, budget)
        .filter(isBusy)
        .map((each) => periodOf(entry.object, each)),
    )
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The objects of one collection with an instance meeting the window (free ones included, as CalDAV time-range
 * filters want them).
 * @example
 * objectsMeeting(entries, 'calendar', window);
 */
export function objectsMeeting(
  entries: readonly TimeIndexEntry[],
  collectionId: string,
  window: TimeWindow,
): ObjectInfo[] {
  const budget = { instances: MAX_INSTANCES_PER_MAILBOX_QUERY };
  return latestFirst(entries)
    .filter(
      (entry) =>
        entry.object.collectionId === collectionId && instancesInWindow(entry, window, budget).length > 0,
    )
    .map((entry) => entry.object)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The busy instances of other objects of the entry's collection that overlap the entry's own busy instances, up
 * to {@link FREE_SLOT_HORIZON_MS} ahead for an open-ended series (from now when it began earlier).
 * @param store - the calendar store (its consistent reads)
 * @param owner - the mailbox
 * @param entry - the time index entry about to be written
 * @param now - the clock's time
 * @example
 * const conflicts = await slotConflicts(store, owner, entry, Date.now());
 */
export async function slotConflicts(
  store: CalendarStore,
  owner: MailboxRef,
  entry: TimeIndexEntry,
  now: number,
): Promise<BusyPeriod[]> {
  const start = entry.end === OPEN_END ? Math.max(entry.start, now) : entry.start;
  const window = { start, end: Math.min(entry.end, start + FREE_SLOT_HORIZON_MS) };
  const own = instancesInWindow(entry, window).filter(isBusy);
  if (own.length === 0) return [];
  const others = (await store.entriesInWindow(owner, window, SHORT_EVENT_MAX_MS)).filter(
    ({ object }) => object.collectionId === entry.object.collectionId && object.name !== entry.object.name,
  );
  return busyOf(others, window).filter((other) =>
    own.some((mine) => mine.start < other.end && other.start < mine.end),
  );
}

/**
 * Entries in the order they spend the query's expansion budget: a series begun later needs fewer steps to reach
 * the window, so a mailbox full of ancient series cannot starve the recent ones.
 */
function latestFirst(entries: readonly TimeIndexEntry[]): TimeIndexEntry[] {
  return [...entries].sort((a, b) => b.start - a.start);
}

function isBusy(instance: Instance): boolean {
  return instance.busyType !== 'FREE' && instance.end > instance.start;
}

function periodOf(object: ObjectInfo, instance: Instance): BusyPeriod {
  return { ...instance, collectionId: object.collectionId, name: object.name, uid: object.uid };
}

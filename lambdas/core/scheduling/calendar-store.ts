import { createHash } from 'node:crypto';
import type ICAL from 'ical.js';
import type { CalendarModel } from '../calendar/calendar-model';
import type { CalendarRefusal, MailboxRef, StoredObject } from '../calendar/types';
import { parseSchedulingObject, storedText, type SchedulingObject } from './itip-message';

/** The default calendar's collection id: where scheduling creates events. */
export const DEFAULT_CALENDAR = 'calendar';

/** How often a read-decide-write is tried again after a concurrent change (If-Match failed). */
const ATTEMPTS = 3;

/** A mailbox's stored object with a UID: the model's record and the parsed object (when readable). */
export interface Current {
  readonly stored?: StoredObject;
  readonly object?: SchedulingObject;
}

type Calendars = Pick<CalendarModel, 'findByUid' | 'putObject' | 'removeObject'>;

/**
 * The object with `uid` in any calendar of the mailbox.
 * @example
 * const { stored, object } = await readByUid(calendars, owner, 'meeting-1');
 */
export async function readByUid(calendars: Calendars, owner: MailboxRef, uid: string): Promise<Current> {
  const stored = await calendars.findByUid(owner, 'calendar', uid);
  if (!stored) return {};
  const parsed = parseSchedulingObject(stored.content);
  return parsed.ok ? { stored, object: parsed.value } : { stored };
}

/**
 * Writes the calendar in place of `current` (If-Match its ETag) or as a new object of the default calendar
 * (If-None-Match), named after the UID.
 * @returns the model's result; `preconditionFailed` when someone else changed it meanwhile
 * @example
 * const written = await writeObject(calendars, owner, current, uid, calendar, { requireFreeSlot: true });
 */
export async function writeObject(
  calendars: Calendars,
  owner: MailboxRef,
  current: Current,
  uid: string,
  calendar: ICAL.Component,
  options: { readonly requireFreeSlot?: boolean } = {},
): Promise<{ ok: true } | { ok: false; refusal: CalendarRefusal }> {
  const content = storedText(calendar);
  const { stored } = current;
  if (stored?.content === content) return { ok: true };
  const requireFreeSlot = options.requireFreeSlot ? { requireFreeSlot: true } : {};
  const result = stored
    ? await calendars.putObject(owner, stored.collectionId, stored.name, content, {
        ifMatch: stored.etag,
        ...requireFreeSlot,
      })
    : await calendars.putObject(owner, DEFAULT_CALENDAR, objectName(uid), content, {
        ifNoneMatch: '*',
        ...requireFreeSlot,
      });
  return result.ok ? { ok: true } : result;
}

/**
 * Removes `current` (If-Match its ETag); nothing stored is nothing to do.
 * @example
 * const removed = await removeObject(calendars, owner, current);
 */
export async function removeObject(
  calendars: Calendars,
  owner: MailboxRef,
  current: Current,
): Promise<{ ok: true } | { ok: false; refusal: CalendarRefusal }> {
  const { stored } = current;
  if (!stored) return { ok: true };
  const result = await calendars.removeObject(owner, stored.collectionId, stored.name, {
    ifMatch: stored.etag,
  });
  return result.ok || result.refusal.type === 'objectNotFound' ? { ok: true } : result;
}

/**
 * Runs a read-decide-write step again while a concurrent change made its conditional write fail, at most 3 times.
 * @param step - returns what happened, or `retry` after a `preconditionFailed`
 * @example
 * const outcome = await retrying(() => applyOnce(...));
 */
export async function retrying(step: () => Promise<string>): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await step();
    if (outcome !== 'retry') return outcome;
    if (attempt >= ATTEMPTS) return 'changed concurrently';
  }
}

/**
 * A resource name for a UID: the UID itself when it is short and plain, else a hash of it.
 * @example
 * objectName('meeting-1'); // 'meeting-1.ics'
 */
export function objectName(uid: string): string {
  if (/^[A-Za-z0-9@._-]{1,200}$/.test(uid)) return `${uid}.ics`;
  return `${createHash('sha256').update(uid).digest('hex').slice(0, 40)}.ics`;
}

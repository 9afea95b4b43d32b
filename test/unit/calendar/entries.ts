import { parseCalendarObject } from '../../../lambdas/core/calendar/parse-icalendar';
import type { TimeIndexEntry } from '../../../lambdas/core/calendar/ports';
import { plannedEntry } from '../../../lambdas/core/calendar/time-plan';

/** The time index entry a calendar object gets (throws when it is refused). */
export function entryOf(ics: string, name = 'event.ics'): TimeIndexEntry {
  const parsed = parseCalendarObject(ics);
  if (!parsed.ok) throw new Error(`refused: ${parsed.reason}`);
  const planned = plannedEntry(parsed.value);
  if (!planned.ok) throw new Error(`refused: ${planned.reason}`);
  return {
    ...planned.value,
    object: {
      collectionId: 'calendar',
      name,
      uid: parsed.value.uid,
      etag: '"1"',
      seq: 1,
      sizeBytes: ics.length,
      modifiedAt: 0,
    },
  };
}

/** ISO start times of instances, for readable expectations. */
export function starts(instances: readonly { readonly start: number }[]): string[] {
  return instances.map((each) => new Date(each.start).toISOString().replace('.000Z', 'Z'));
}

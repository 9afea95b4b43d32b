import ICAL from 'ical.js';
import { busyTypeOf } from './busy-type';
import { registerIntlZones } from './intl-zones';
import { instantMs, overlaps, spanOf, type Span } from './component-times';
import { MAX_INSTANCES_PER_QUERY, MAX_RECURRENCE_STEPS } from './limits';
import { guardedExpansion } from './recurrence';
import type { TimeIndexEntry } from './ports';
import { isRecurring } from './time-plan';
import type { BusyPeriod, TimeWindow } from './types';

/** What a query may still expand, shared by its entries (instances iterated, whether in the window or not). */
export interface ExpansionBudget {
  instances: number;
}

/** One instance of an indexed object. */
export type Instance = Pick<BusyPeriod, 'start' | 'end' | 'busyType' | 'instanceType'>;

/**
 * The instances of an indexed object that meet the window: a single entry as it is; a recurring one expanded with
 * ical.js from its time skeleton, at most {@link MAX_INSTANCES_PER_QUERY} instances (and what is left of the
 * query's budget) and never past the window's end. Overrides replace the instance they name, wherever they moved it.
 * @param entry - a time index entry
 * @param window - the query's window
 * @example
 * instancesInWindow(entry, { start: Date.parse('2026-03-01'), end: Date.parse('2026-03-29') });
 */
export function instancesInWindow(
  entry: TimeIndexEntry,
  window: TimeWindow,
  budget: ExpansionBudget = { instances: MAX_INSTANCES_PER_QUERY },
): Instance[] {
  if (!entry.rules) {
    return overlaps(entry, window)
      ? [{ start: entry.start, end: entry.end, busyType: entry.busyType, instanceType: 'SINGLE_INSTANCE' }]
      : [];
  }
  registerIntlZones(entry.rules);
  const root = new ICAL.Component(ICAL.parse(entry.rules) as unknown[]);
  const components = root.getAllSubcomponents().filter((each) => each.name !== 'vtimezone');
  const overrides = components.filter((each) => each.hasProperty('recurrence-id'));
  const master = components.find((each) => !each.hasProperty('recurrence-id'));
  const instances: Instance[] = [];
  for (const override of overrides) {
    const span = spanOf(override);
    if (span && overlaps(span, window))
      instances.push({ ...span, busyType: busyTypeOf(override), instanceType: 'EXCEPTION' });
  }
  if (!master) return instances;
  if (!isRecurring(master)) {
    const span = spanOf(master);
    if (span && overlaps(span, window))
      instances.push({ ...span, busyType: busyTypeOf(master), instanceType: 'SINGLE_INSTANCE' });
    return instances;
  }
  const overridden = new Set(
    overrides.map((each) => instantMs(each.getFirstPropertyValue('recurrence-id') as ICAL.Time)),
  );
  const busyType = busyTypeOf(master);
  for (const span of masterInstances(master, window, overridden, budget))
    instances.push({ ...span, busyType, instanceType: 'RECURRING_INSTANCE' });
  return instances;
}

/**
 * The master's instances meeting the window, in order (bounded), except those an override replaces (ical.js relates
 * the VCALENDAR's overrides to the master and would report their times instead). DTSTART is the first instance
 * (RFC 5545 §3.8.5.2), which ical.js leaves out when there is no RRULE.
 */
function masterInstances(
  master: ICAL.Component,
  window: TimeWindow,
  overridden: ReadonlySet<number>,
  budget: ExpansionBudget,
): Span[] {
  const event = new ICAL.Event(master);
  const iterator = guardedExpansion(master, MAX_RECURRENCE_STEPS);
  const first = master.hasProperty('rrule') ? undefined : spanOf(master);
  const spans: Span[] = first && !overridden.has(first.start) && overlaps(first, window) ? [first] : [];
  try {
    for (let count = 0; count < MAX_INSTANCES_PER_QUERY && budget.instances > 0; count += 1) {
      budget.instances -= 1;
      const next = iterator.next();
      if (!next || instantMs(next) >= window.end) break;
      if (overridden.has(instantMs(next)) || instantMs(next) === first?.start) continue;
      const details = event.getOccurrenceDetails(next);
      const span = { start: instantMs(details.startDate), end: instantMs(details.endDate) };
      if (overlaps(span, window)) spans.push(span);
    }
  } catch {
    // ical.js gave up on a rule it cannot fulfil, or the step budget ran out: what was found is the answer.
  }
  return spans.sort((a, b) => a.start - b.start);
}

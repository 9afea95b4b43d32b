import ICAL from 'ical.js';
import { busyTypeOf } from './busy-type';
import { instantMs, spanOf } from './component-times';
import { MAX_INSTANCES_PER_QUERY, MAX_RECURRENCE_STEPS, OPEN_END, SHORT_EVENT_MAX_MS } from './limits';
import { guardedExpansion, recurrenceProblem } from './recurrence';
import type { ParsedCalendar, ParseOutcome } from './parse-icalendar';
import type { TimeIndexEntry } from './ports';

/** A time index entry before it is placed in a collection. */
export type PlannedEntry = Omit<TimeIndexEntry, 'object'>;

/** Properties the time skeleton keeps: times and free/busy facts, nothing a person wrote. */
const SKELETON_PROPERTIES = new Set([
  'uid',
  'dtstart',
  'dtend',
  'duration',
  'due',
  'rrule',
  'rdate',
  'exdate',
  'recurrence-id',
  'status',
  'transp',
  'x-microsoft-cdo-busystatus',
]);
/** What the skeleton keeps of a VTIMEZONE and its STANDARD/DAYLIGHT parts (no X- property, no comment). */
const ZONE_PROPERTIES = new Set([
  'tzid',
  'dtstart',
  'tzoffsetfrom',
  'tzoffsetto',
  'rrule',
  'rdate',
  'tzname',
]);
/** A skeleton must fit in one index item with room to spare (DynamoDB items hold 400 KB). */
const MAX_SKELETON_CHARS = 300_000;
/** Slack added to an UNTIL bound: an all-day or floating UNTIL read as UTC may be up to a day off. */
const UNTIL_SLACK_MS = 2 * 24 * 3600 * 1000;

/**
 * The time index entry of a calendar object: a single instance by its span (short or long), a recurring or
 * multi-component object as one long entry from its first start to its last end (or open) carrying its time
 * skeleton, which queries expand with ical.js.
 * @param parsed - a validated calendar object
 * @example
 * const planned = plannedEntry(parsed); // { ok: true, value: { long: false, start, end, busyType: 'BUSY' } }
 */
export function plannedEntry(parsed: ParsedCalendar): ParseOutcome<PlannedEntry> {
  const components = parsed.master ? [parsed.master, ...parsed.overrides] : [...parsed.overrides];
  const recurring = parsed.master !== undefined && isRecurring(parsed.master);
  if (!recurring && components.length === 1) {
    const span = spanOf(components[0]);
    if (!span) return { ok: true, value: { long: true, start: 0, end: OPEN_END, busyType: 'FREE' } };
    const long = span.end - span.start > SHORT_EVENT_MAX_MS;
    return { ok: true, value: { long, ...span, busyType: busyTypeOf(components[0]) } };
  }
  const rules = skeletonOf(parsed.root, components);
  if (rules.length > MAX_SKELETON_CHARS)
    return { ok: false, reason: 'The recurrence (RDATE, EXDATE and overrides) is too large.' };
  // Bounds come from the skeleton itself, so that writing and querying expand exactly the same rules.
  const master = recurring
    ? new ICAL.Component(ICAL.parse(rules) as unknown[])
        .getAllSubcomponents()
        .find((each) => each.name !== 'vtimezone' && !each.hasProperty('recurrence-id'))
    : undefined;
  const problem = master && recurrenceProblem(master, MAX_RECURRENCE_STEPS);
  if (problem) return { ok: false, reason: problem };
  const spans = components.flatMap((each) => spanOf(each) ?? []);
  const start = Math.max(0, Math.min(...spans.map((span) => span.start)));
  const end = Math.max(...spans.map((span) => span.end), master ? lastEndOf(master) : 0);
  return { ok: true, value: { long: true, start, end, busyType: busyTypeOf(components[0]), rules } };
}

/**
 * True when the component has RRULE or RDATE.
 * @param component - a VEVENT or VTODO
 * @example
 * isRecurring(master); // true
 */
export function isRecurring(component: ICAL.Component): boolean {
  return component.hasProperty('rrule') || component.hasProperty('rdate');
}

/** The last end of a recurring master's instances, or {@link OPEN_END} when its rules never end. */
function lastEndOf(master: ICAL.Component): number {
  const rules = master.getAllProperties('rrule').map((property) => property.getFirstValue() as ICAL.Recur);
  if (rules.some((rule) => !rule.count && !rule.until)) return OPEN_END;
  const event = new ICAL.Event(master);
  const iterator = guardedExpansion(master, MAX_RECURRENCE_STEPS);
  let last = 0;
  try {
    for (let count = 0; count <= MAX_INSTANCES_PER_QUERY; count += 1) {
      const next = iterator.next();
      if (!next) return last;
      last = Math.max(last, instantMs(event.getOccurrenceDetails(next).endDate));
    }
  } catch {
    // ical.js gave up on a rule it cannot fulfil, or the step budget ran out: bound it by UNTIL, or leave it open.
  }
  return rules.length > 0 && rules.every((rule) => rule.until) ? untilBound(master, rules) : OPEN_END;
}

/** The latest end an instance of rules that all have UNTIL can have. */
function untilBound(master: ICAL.Component, rules: readonly ICAL.Recur[]): number {
  const span = spanOf(master);
  const duration = span ? span.end - span.start : 0;
  return Math.max(...rules.map((rule) => instantMs(rule.until as ICAL.Time))) + duration + UNTIL_SLACK_MS;
}

function skeletonOf(root: ICAL.Component, components: readonly ICAL.Component[]): string {
  const skeleton = new ICAL.Component('vcalendar');
  for (const zone of root.getAllSubcomponents('vtimezone')) skeleton.addSubcomponent(zoneRules(zone));
  for (const component of components) {
    const copy = new ICAL.Component(component.name);
    for (const property of component.getAllProperties()) {
      if (SKELETON_PROPERTIES.has(property.name)) copy.addProperty(skeletonProperty(property));
    }
    skeleton.addSubcomponent(copy);
  }
  return skeleton.toString();
}

/**
 * A property as the skeleton keeps it. ical.js cannot expand RDATE;VALUE=PERIOD, so such an RDATE keeps only its
 * periods' starts: those instances last as long as the master's.
 */
function skeletonProperty(property: ICAL.Property): ICAL.Property {
  if (property.name !== 'rdate' || property.type !== 'period') return new ICAL.Property(property.toJSON());
  const starts = new ICAL.Property('rdate');
  const tzid = property.getParameter('tzid');
  if (typeof tzid === 'string') starts.setParameter('tzid', tzid);
  starts.setValues(property.getValues().map((period) => (period as ICAL.Period).start));
  return starts;
}

/** A VTIMEZONE with only its rules (whatever else a client put there stays encrypted). */
function zoneRules(zone: ICAL.Component): ICAL.Component {
  const copy = new ICAL.Component(zone.name);
  for (const property of zone.getAllProperties())
    if (ZONE_PROPERTIES.has(property.name)) copy.addProperty(new ICAL.Property(property.toJSON()));
  for (const part of zone.getAllSubcomponents())
    if (part.name === 'standard' || part.name === 'daylight') copy.addSubcomponent(zoneRules(part));
  return copy;
}

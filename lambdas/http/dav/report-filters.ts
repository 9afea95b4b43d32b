import ICAL from 'ical.js';
import type { TimeWindow } from '../../core/calendar/types';
import { DavError } from './dav-response';
import { CALDAV_NS, CARDDAV_NS, childOf, childrenOf, DAV_NS, el, type XmlElement } from './xml';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

/**
 * Filters of calendar-query (RFC 4791 §9.7) and addressbook-query (RFC 6352 §10.5), evaluated on fetched objects.
 * The time range of the object's main component is answered by the model's time index, not here; a time range
 * nested deeper (VALARM, a property) is treated as matching, so such queries may answer a superset.
 */

/** The component and window a calendar-query's filter asks the time index for. */
export interface CalendarFilterPlan {
  /** VEVENT, VTODO, …; undefined when the filter names no component under VCALENDAR. */
  readonly component?: string;
  readonly window?: TimeWindow;
}

/** Reads an iCalendar UTC date-time (`20260105T000000Z`) as epoch ms. */
export function parseUtc(value: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** A CALDAV:time-range read into a window (either end may be open). 400 when an attribute is malformed. */
export function windowOf(range: XmlElement): TimeWindow {
  const start = range.attrs?.start === undefined ? -8.64e15 : parseUtc(range.attrs.start);
  const end = range.attrs?.end === undefined ? 8.64e15 : parseUtc(range.attrs.end);
  if (start === undefined || end === undefined || end <= start) {
    throw new DavError(403, el(CALDAV_NS, 'valid-filter'));
  }
  return { start, end };
}

/** What the index can answer of a CALDAV:filter. */
export function planCalendarFilter(filter: XmlElement): CalendarFilterPlan {
  const calendar = childOf(filter, CALDAV_NS, 'comp-filter');
  if (calendar?.attrs?.name?.toUpperCase() !== 'VCALENDAR')
    throw new DavError(403, el(CALDAV_NS, 'valid-filter'));
  const inner = childOf(calendar, CALDAV_NS, 'comp-filter');
  if (!inner || childOf(inner, CALDAV_NS, 'is-not-defined')) return {};
  const range = childOf(inner, CALDAV_NS, 'time-range');
  return { component: inner.attrs?.name?.toUpperCase(), ...(range ? { window: windowOf(range) } : {}) };
}

/** True when the iCalendar text matches the filter (the main component's time range is assumed checked). */
export function matchesCalendarFilter(content: string, filter: XmlElement): boolean {
  const root = parseComponent(content);
  if (!root) return false;
  const calendar = childOf(filter, CALDAV_NS, 'comp-filter')!;
  return compMatches([root], calendar);
}

function parseComponent(content: string): Component | undefined {
  try {
    return new ICAL.Component(ICAL.parse(content) as unknown[]);
  } catch {
    return undefined;
  }
}

function compMatches(candidates: readonly Component[], filter: XmlElement): boolean {
  const name = (filter.attrs?.name ?? '').toLowerCase();
  const named = candidates.filter((component) => component.name === name);
  if (childOf(filter, CALDAV_NS, 'is-not-defined')) return named.length === 0;
  return named.some(
    (component) =>
      childrenOf(filter, CALDAV_NS, 'prop-filter').every((prop) => propMatches(component, prop, CALDAV_NS)) &&
      childrenOf(filter, CALDAV_NS, 'comp-filter').every((inner) =>
        compMatches(component.getAllSubcomponents(), inner),
      ),
  );
}

function propMatches(component: Component, filter: XmlElement, ns: string): boolean {
  const props = component.getAllProperties((filter.attrs?.name ?? '').toLowerCase());
  if (childOf(filter, ns, 'is-not-defined')) return props.length === 0;
  if (props.length === 0) return false;
  const matches = childrenOf(filter, ns, 'text-match');
  const allOf = filter.attrs?.test === 'allof';
  if (matches.length === 0) return true;
  const results = matches.map((match) => props.some((prop) => textMatches(valuesOf(prop), match)));
  return ns === CARDDAV_NS && !allOf ? results.some(Boolean) : results.every(Boolean);
}

function valuesOf(prop: Property): string[] {
  return prop.getValues().map((value) => (typeof value === 'string' ? value : String(value)));
}

/** RFC 4790 i;ascii-casemap / i;unicode-casemap matching (both case-insensitive here), with negate-condition. */
function textMatches(values: readonly string[], match: XmlElement): boolean {
  const needle = (match.text ?? '').trim().toLowerCase();
  const type = match.attrs?.['match-type'] ?? 'contains';
  const hit = values.some((value) => {
    const hay = value.toLowerCase();
    if (type === 'equals') return hay === needle;
    if (type === 'starts-with') return hay.startsWith(needle);
    if (type === 'ends-with') return hay.endsWith(needle);
    return hay.includes(needle);
  });
  return match.attrs?.['negate-condition'] === 'yes' ? !hit : hit;
}

/** True when the vCard text matches a CARDDAV:filter (`test` anyof by default). */
export function matchesAddressFilter(content: string, filter: XmlElement | undefined): boolean {
  if (!filter) return true;
  const card = parseComponent(content);
  if (!card) return false;
  const props = childrenOf(filter, CARDDAV_NS, 'prop-filter');
  if (props.length === 0) return true;
  const results = props.map((prop) => propMatches(card, prop, CARDDAV_NS));
  return filter.attrs?.test === 'allof' ? results.every(Boolean) : results.some(Boolean);
}

/** The DAV:limit/DAV:nresults (RFC 5323) or CARDDAV:limit of a query, if any. */
export function resultLimit(root: XmlElement, ns: string = DAV_NS): number | undefined {
  const limit =
    childOf(childOf(root, ns, 'limit'), DAV_NS, 'nresults') ??
    childOf(childOf(root, ns, 'limit'), ns, 'nresults');
  if (!limit) return undefined;
  const value = Number(limit.text?.trim());
  if (!Number.isSafeInteger(value) || value < 1) throw new DavError(400);
  return value;
}

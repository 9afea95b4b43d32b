import ICAL from 'ical.js';

const DAY_MS = 24 * 3600 * 1000;

/** A component's start and end, epoch ms. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Epoch ms of an iCalendar time. Times with a TZID use the object's VTIMEZONE; floating times, DATE values and
 * TZIDs without a VTIMEZONE read as UTC (docs/calendars.md).
 * @example
 * instantMs(ICAL.Time.fromString('2026-01-01T00:00:00Z')); // 1767225600000
 */
export function instantMs(time: ICAL.Time): number {
  return time.toUnixTime() * 1000;
}

/**
 * When a VEVENT or VTODO takes place (RFC 5545 §3.6.1/§3.6.2): DTSTART to DTEND, or DTSTART plus DURATION; an
 * all-day DTSTART alone lasts one day, a date-time alone none. A VTODO without DTSTART is its DUE instant; one
 * with neither has no span.
 * @param component - a VEVENT or VTODO (master or override)
 * @example
 * spanOf(vevent); // { start: 1767258000000, end: 1767261600000 }
 */
export function spanOf(component: ICAL.Component): Span | undefined {
  const start = timeOf(component, 'dtstart');
  const end = timeOf(component, 'dtend') ?? timeOf(component, 'due');
  const anchor = start ?? end;
  if (!anchor) return undefined;
  const startMs = instantMs(anchor);
  if (end) return { start: startMs, end: Math.max(startMs, instantMs(end)) };
  const duration = component.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration)
    return { start: startMs, end: startMs + duration.toSeconds() * 1000 };
  return { start: startMs, end: anchor.isDate ? startMs + DAY_MS : startMs };
}

/**
 * Whether a span meets a window (end exclusive); an instant (start = end) meets it when it lies inside.
 * @example
 * overlaps({ start: 5, end: 5 }, { start: 0, end: 10 }); // true
 */
export function overlaps(span: Span, window: Span): boolean {
  if (span.start >= window.end) return false;
  return span.end > window.start || (span.end === span.start && span.start >= window.start);
}

function timeOf(component: ICAL.Component, property: string): ICAL.Time | undefined {
  const value = component.getFirstPropertyValue(property);
  return value instanceof ICAL.Time ? value : undefined;
}

/** How the calendar shows its days: a week, a month's weeks, or a list of the coming days with events. */
export type CalendarLayout = 'week' | 'month' | 'agenda';

/** Days the agenda lists from its first day. */
const AGENDA_DAYS = 30;

/** The local midnight `days` days after `date`'s (DST-safe: calendar days, not 24-hour steps). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The Monday starting `date`'s week (ISO 8601 weeks), at local midnight. */
export function startOfWeek(date: Date): Date {
  return addDays(date, -((date.getDay() + 6) % 7));
}

/**
 * The days a layout shows around `anchor`: its week, the weeks covering its month, or the agenda's days.
 * @example
 * daysShown('week', new Date(2026, 11, 9)).length; // 7, Monday 7 to Sunday 13 December
 */
export function daysShown(layout: CalendarLayout, anchor: Date): Date[] {
  const first =
    layout === 'week'
      ? startOfWeek(anchor)
      : layout === 'month'
        ? startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1))
        : addDays(anchor, 0);
  const count =
    layout === 'week'
      ? 7
      : layout === 'agenda'
        ? AGENDA_DAYS
        : Math.ceil(
            (new Date(anchor.getFullYear(), anchor.getMonth() + 1, 1).getTime() - first.getTime()) /
              864e5 /
              7,
          ) * 7;
  return Array.from({ length: count }, (_, index) => addDays(first, index));
}

/**
 * The anchor of the previous (`-1`) or next (`1`) page of a layout.
 * @example
 * turnPage('month', new Date(2026, 0, 31), 1); // 1 February 2026
 */
export function turnPage(layout: CalendarLayout, anchor: Date, direction: 1 | -1): Date {
  if (layout === 'month') return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
  return addDays(anchor, direction * (layout === 'week' ? 7 : AGENDA_DAYS));
}

/** The title of a page: its month, or its first and last day. */
export function pageTitle(layout: CalendarLayout, days: readonly Date[]): string {
  if (layout === 'month') {
    const middle = days[Math.floor(days.length / 2)]!;
    return middle.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  }
  const format = { day: 'numeric', month: 'long', year: 'numeric' } as const;
  return `${days[0]!.toLocaleDateString(undefined, format)} – ${days.at(-1)!.toLocaleDateString(undefined, format)}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A date as a date or datetime-local input holds it, in local time. */
export function inputValue(date: Date, allDay: boolean): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return allDay ? day : `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A date or datetime-local input's value as a local date; undefined when empty or malformed. */
export function fromInputValue(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return new Date(year!, month! - 1, day!, hour, minute);
}

/** A time of day as the user's locale writes it (`09:30`, `9:30 AM`). */
export function timeOfDay(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * When an event is, as a person reads it: `Friday 11 December 2026, 14:00 – 15:00`; an all-day event's days only.
 * @param end - for an all-day event, its last day
 */
export function spanText(start: Date, end: Date, allDay: boolean): string {
  const day = (date: Date) =>
    date.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (allDay) return +end > +start ? `${day(start)} – ${day(end)}` : day(start);
  const sameDay = start.toDateString() === end.toDateString();
  return `${day(start)}, ${timeOfDay(start)} – ${sameDay ? '' : `${day(end)}, `}${timeOfDay(end)}`;
}

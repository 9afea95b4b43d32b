import {
  DAYS_OF_WEEK,
  MONTHS,
  WEEKS,
  type WorkingHours,
  type WorkingHoursZone,
  type ZoneTransition,
} from './types';

/**
 * Working hours and their zones. One sign convention throughout (availability.md §3.3 leaves it open):
 * - CAP side (what we send and accept): `bias` = minutes EAST of UTC (W. Europe: 60); a transition's `offset` =
 *   minutes ADDED to `bias` while it is in force (W. Europe: standard 0, daylight 60). Local = UTC + bias + offset.
 * - EWS side (`SerializableTimeZone`): the Windows convention, UTC = local + Bias (W. Europe: Bias -60,
 *   StandardTime/Bias 0, DaylightTime/Bias -60), so every EWS bias is the negated CAP value.
 */

/** Mailboxes without configured working hours work Monday–Friday 08:00–17:00 UTC. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  timezone: { name: 'UTC', bias: 0 },
  workingPeriods: [{ startMinutes: 480, endMinutes: 1020, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }],
};

/** An EWS `SerializableTimeZoneTime`. */
export interface EwsZoneTime {
  readonly Bias: number;
  readonly Time: string;
  /** 1–4, or 5 for the last such weekday of the month. */
  readonly DayOrder: number;
  /** 1–12. */
  readonly Month: number;
  /** `Sunday` … `Saturday`. */
  readonly DayOfWeek: string;
}

/** An EWS `SerializableTimeZone`; a fixed-offset zone has both transitions zeroed (Month 0). */
export interface EwsTimeZone {
  readonly Bias: number;
  readonly StandardTime: EwsZoneTime;
  readonly DaylightTime: EwsZoneTime;
}

export const EWS_DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const NO_TRANSITION: EwsZoneTime = { Bias: 0, Time: '00:00:00', DayOrder: 0, Month: 0, DayOfWeek: 'Sunday' };

/**
 * The EWS form of a CAP zone.
 * @example
 * toEwsTimeZone({ name: 'UTC', bias: 0 }).Bias; // 0
 */
export function toEwsTimeZone(zone: WorkingHoursZone): EwsTimeZone {
  const transition = (time: ZoneTransition | undefined): EwsZoneTime =>
    time
      ? {
          Bias: negate(time.offset),
          Time: time.time,
          DayOrder: WEEKS.indexOf(time.week) + 1,
          Month: MONTHS.indexOf(time.month) + 1,
          DayOfWeek: EWS_DAY_NAMES[DAYS_OF_WEEK.indexOf(time.dayOfWeek)],
        }
      : NO_TRANSITION;
  return {
    Bias: negate(zone.bias),
    StandardTime: transition(zone.standardTime),
    DaylightTime: transition(zone.daylightTime),
  };
}

/**
 * The CAP form of an EWS zone (`name` is not part of the EWS structure); zeroed transitions give a fixed zone.
 * @returns undefined when a transition names no valid month, day order or weekday
 */
export function fromEwsTimeZone(name: string, zone: EwsTimeZone): WorkingHoursZone | undefined {
  const fixed = zone.StandardTime.Month === 0 && zone.DaylightTime.Month === 0;
  if (fixed) return { name, bias: negate(zone.Bias) };
  const standardTime = fromEwsTime(zone.StandardTime);
  const daylightTime = fromEwsTime(zone.DaylightTime);
  if (!standardTime || !daylightTime) return undefined;
  return { name, bias: negate(zone.Bias), standardTime, daylightTime };
}

function fromEwsTime(time: EwsZoneTime): ZoneTransition | undefined {
  const month = MONTHS[time.Month - 1];
  const week = WEEKS[time.DayOrder - 1];
  const day = EWS_DAY_NAMES.indexOf(time.DayOfWeek as (typeof EWS_DAY_NAMES)[number]);
  if (!month || !week || day < 0 || !/^\d{2}:\d{2}:\d{2}$/.test(time.Time)) return undefined;
  return { offset: negate(time.Bias), time: time.Time, month, week, dayOfWeek: DAYS_OF_WEEK[day] };
}

function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

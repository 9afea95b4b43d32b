import {
  DEFAULT_WORKING_HOURS,
  fromEwsTimeZone,
  toEwsTimeZone,
} from '../../../lambdas/core/availability/working-hours';
import type { WorkingHoursZone } from '../../../lambdas/core/availability/types';

/** Central European time: UTC+1, UTC+2 from the last Sunday of March 02:00 to the last Sunday of October 03:00. */
const westernEurope: WorkingHoursZone = {
  name: 'W. Europe Standard Time',
  bias: 60,
  standardTime: { offset: 0, time: '03:00:00', month: 'OCT', week: 'LAST', dayOfWeek: 'SUN' },
  daylightTime: { offset: 60, time: '02:00:00', month: 'MAR', week: 'LAST', dayOfWeek: 'SUN' },
};
const india: WorkingHoursZone = { name: 'India Standard Time', bias: 330 };

describe('working hours time zones', () => {
  it('writes W. Europe in the Windows/EWS convention: UTC = local + Bias', () => {
    expect(toEwsTimeZone(westernEurope)).toEqual({
      Bias: -60,
      StandardTime: { Bias: 0, Time: '03:00:00', DayOrder: 5, Month: 10, DayOfWeek: 'Sunday' },
      DaylightTime: { Bias: -60, Time: '02:00:00', DayOrder: 5, Month: 3, DayOfWeek: 'Sunday' },
    });
  });

  it('round-trips W. Europe and a fixed-offset zone through the EWS structure', () => {
    expect(fromEwsTimeZone(westernEurope.name, toEwsTimeZone(westernEurope))).toEqual(westernEurope);
    expect(toEwsTimeZone(india)).toEqual({
      Bias: -330,
      StandardTime: { Bias: 0, Time: '00:00:00', DayOrder: 0, Month: 0, DayOfWeek: 'Sunday' },
      DaylightTime: { Bias: 0, Time: '00:00:00', DayOrder: 0, Month: 0, DayOfWeek: 'Sunday' },
    });
    expect(fromEwsTimeZone(india.name, toEwsTimeZone(india))).toEqual(india);
  });

  it('refuses an EWS transition with an impossible month, order or weekday', () => {
    const ews = toEwsTimeZone(westernEurope);
    expect(
      fromEwsTimeZone('x', { ...ews, StandardTime: { ...ews.StandardTime, Month: 13 } }),
    ).toBeUndefined();
    expect(
      fromEwsTimeZone('x', { ...ews, DaylightTime: { ...ews.DaylightTime, DayOrder: 6 } }),
    ).toBeUndefined();
    expect(
      fromEwsTimeZone('x', { ...ews, DaylightTime: { ...ews.DaylightTime, DayOfWeek: 'Sun' } }),
    ).toBeUndefined();
  });

  it('round-trips a southern-hemisphere zone whose daylight time spans the new year (AUS Eastern)', () => {
    const sydney: WorkingHoursZone = {
      name: 'AUS Eastern Standard Time',
      bias: 600,
      standardTime: { offset: 0, time: '03:00:00', month: 'APR', week: 'FIRST', dayOfWeek: 'SUN' },
      daylightTime: { offset: 60, time: '02:00:00', month: 'OCT', week: 'FIRST', dayOfWeek: 'SUN' },
    };
    expect(toEwsTimeZone(sydney)).toMatchObject({
      Bias: -600,
      DaylightTime: { Bias: -60, Month: 10, DayOrder: 1 },
    });
    expect(fromEwsTimeZone(sydney.name, toEwsTimeZone(sydney))).toEqual(sydney);
  });

  it('defaults to Monday to Friday, 08:00 to 17:00 UTC', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual({
      timezone: { name: 'UTC', bias: 0 },
      workingPeriods: [
        { startMinutes: 8 * 60, endMinutes: 17 * 60, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
      ],
    });
  });
});

import { NO_VACATION_RESPONSE, isOnVacation, vacationWindow } from '../../../lambdas/core/vacation';

describe('Vacation window', () => {
  it('keeps no window while the response is disabled, whatever its dates', () => {
    expect(vacationWindow({ ...NO_VACATION_RESPONSE, fromDate: 1000, toDate: 2000 })).toBeUndefined();
  });

  it('keeps only the bounds an enabled response sets', () => {
    const enabled = { ...NO_VACATION_RESPONSE, isEnabled: true };

    expect(vacationWindow(enabled)).toEqual({});
    expect(vacationWindow({ ...enabled, fromDate: 1000 })).toEqual({ fromDate: 1000 });
    expect(vacationWindow({ ...enabled, fromDate: 1000, toDate: 2000 })).toEqual({
      fromDate: 1000,
      toDate: 2000,
    });
  });

  it('applies from fromDate on and stops at toDate (half-open)', () => {
    const window = { fromDate: 1000, toDate: 2000 };

    expect([999, 1000, 1999, 2000].map((at) => isOnVacation(window, at))).toEqual([false, true, true, false]);
  });

  it('applies without end or start when a bound is missing, and never without a window', () => {
    expect(isOnVacation({}, 0)).toBe(true);
    expect(isOnVacation({ fromDate: 5 }, 1e15)).toBe(true);
    expect(isOnVacation({ toDate: 5 }, -1e15)).toBe(true);
    expect(isOnVacation(undefined, 0)).toBe(false);
  });
});

import type { VacationResponse, VacationWindow } from './types';

/**
 * The window to keep on the mailbox record for a vacation response, or `undefined` while it is disabled.
 * @example
 * vacationWindow({ ...NO_VACATION_RESPONSE, isEnabled: true, toDate: 1_800_000_000_000 }); // { toDate: 1800000000000 }
 */
export function vacationWindow(response: VacationResponse): VacationWindow | undefined {
  if (!response.isEnabled) return undefined;
  return {
    ...(response.fromDate !== null ? { fromDate: response.fromDate } : {}),
    ...(response.toDate !== null ? { toDate: response.toDate } : {}),
  };
}

/**
 * Whether a message arriving at `at` falls in the window: on or after `fromDate` and before `toDate` (RFC 8621 §8).
 * @param window - the mailbox's window; `undefined` (disabled) is never on vacation
 * @example
 * isOnVacation({ fromDate: 1000, toDate: 2000 }, 2000); // false
 */
export function isOnVacation(window: VacationWindow | undefined, at: number): boolean {
  if (!window) return false;
  return (
    (window.fromDate === undefined || at >= window.fromDate) &&
    (window.toDate === undefined || at < window.toDate)
  );
}

import type { CalendarRefusal, CalendarResult } from './types';

/**
 * A successful {@link CalendarResult}.
 * @param value - the result
 * @example
 * return ok(info);
 */
export function ok<T>(value: T): CalendarResult<T> {
  return { ok: true, value };
}

/**
 * A refused {@link CalendarResult}.
 * @param refusal - why
 * @example
 * return refuse({ type: 'collectionNotFound' });
 */
export function refuse(refusal: CalendarRefusal): CalendarResult<never> {
  return { ok: false, refusal };
}

/** The write kept losing to concurrent writers of the same collection (infrastructure, not a refusal). */
export class CalendarWriteConflictError extends Error {
  constructor(options?: ErrorOptions) {
    super('The collection kept changing while an object was written; try again.', options);
    this.name = 'CalendarWriteConflictError';
  }
}

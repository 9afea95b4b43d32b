import ICAL from 'ical.js';

/** An expansion took more steps than allowed (a rule whose BY… parts match rarely or never). */
export class RecurrenceTooCostlyError extends Error {
  constructor() {
    super('A recurrence rule took too many steps to expand.');
    this.name = 'RecurrenceTooCostlyError';
  }
}

/**
 * The master's recurrence expansion (ical.js), with a step budget: ical.js loops without end on a DAILY or HOURLY
 * rule whose BY… parts never match (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`), so every candidate it tests counts, and
 * past `maxSteps` the next call throws {@link RecurrenceTooCostlyError}. Creating it throws on rules ical.js refuses.
 * @param master - the recurring VEVENT
 * @param maxSteps - candidates the expansion may test in all
 * @example
 * const expansion = guardedExpansion(master, 100_000);
 * for (let next = expansion.next(); next; next = expansion.next()) …
 */
export function guardedExpansion(master: ICAL.Component, maxSteps: number): ICAL.RecurExpansion {
  const expansion = new ICAL.Event(master).iterator();
  let steps = 0;
  // ical.js keeps one iterator per RRULE; its check of the BY… parts runs once per candidate.
  const iterators = (expansion as unknown as { ruleIterators?: ICAL.RecurIterator[] }).ruleIterators;
  // Without them the guard would be gone and a bomb would hang the process: refuse rather than expand unguarded.
  if (!Array.isArray(iterators)) throw new Error('ical.js no longer exposes its rule iterators');
  for (const iterator of iterators) {
    const check = iterator.check_contracting_rules.bind(iterator);
    iterator.check_contracting_rules = () => {
      steps += 1;
      if (steps > maxSteps) throw new RecurrenceTooCostlyError();
      return check();
    };
  }
  return expansion;
}

/**
 * Why a recurring master cannot be stored, or undefined: ical.js refuses its rule, or its second instance takes more
 * than `maxSteps` candidates to find.
 * @example
 * recurrenceProblem(master, 100_000); // undefined
 */
export function recurrenceProblem(master: ICAL.Component, maxSteps: number): string | undefined {
  try {
    const expansion = guardedExpansion(master, maxSteps);
    for (let count = 0; count < 2 && expansion.next(); count += 1);
    return undefined;
  } catch (error) {
    return error instanceof RecurrenceTooCostlyError
      ? 'An RRULE matches too rarely (or never) to be expanded.'
      : 'An RRULE is not valid (RFC 5545 §3.3.10).';
  }
}

import { DEFAULT_RECOVERABLE_ITEMS_DAYS } from '../core/retention/sweep';
import { ConfigurationError } from './config';

/** Environment variable: days messages stay in Recoverable Items (1–730). */
export const RECOVERABLE_ITEMS_DAYS_ENV = 'MAILWRIGHT_RECOVERABLE_ITEMS_DAYS';

/**
 * Days messages stay in Recoverable Items, from the environment.
 * @throws ConfigurationError when set to anything but a whole number of days from 1 to 730
 * @example
 * recoverableItemsDays({ MAILWRIGHT_RECOVERABLE_ITEMS_DAYS: '14' }); // 14
 */
export function recoverableItemsDays(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[RECOVERABLE_ITEMS_DAYS_ENV];
  if (!raw) return DEFAULT_RECOVERABLE_ITEMS_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 730)
    throw new ConfigurationError(
      `${RECOVERABLE_ITEMS_DAYS_ENV} must be 1 to 730 days`,
      RECOVERABLE_ITEMS_DAYS_ENV,
    );
  return days;
}

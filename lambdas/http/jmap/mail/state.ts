import { CHANGE_HISTORY_DAYS } from '../../../core/mailbox/model-types';

/**
 * JMAP state strings (RFC 8620 §5.1): the mailbox's modseq and the day the state was issued, so that a state older
 * than the change history (tombstones expire) is refused with `cannotCalculateChanges` instead of missing
 * destructions. One modseq serves every type: a state moves whenever the mailbox changes.
 */

const DAY_MS = 86_400_000;

/**
 * The state string of a modseq, issued now.
 * @example
 * encodeState(42, Date.now()); // 's16.k2f'
 */
export function encodeState(modseq: number, now: number): string {
  return `s${modseq.toString(36)}.${Math.floor(now / DAY_MS).toString(36)}`;
}

/**
 * The modseq of a state string, or undefined when the string is not a state this server issued or is older than
 * the change history.
 * @example
 * decodeState('s16.k2f', Date.now()); // 42
 */
export function decodeState(state: unknown, now: number): number | undefined {
  if (typeof state !== 'string') return undefined;
  const match = /^s([0-9a-z]{1,11})\.([0-9a-z]{1,6})$/.exec(state);
  if (!match) return undefined;
  const modseq = parseInt(match[1], 36);
  const day = parseInt(match[2], 36);
  if (Math.floor(now / DAY_MS) - day >= CHANGE_HISTORY_DAYS - 1) return undefined;
  return Number.isSafeInteger(modseq) ? modseq : undefined;
}

import ICAL from 'ical.js';
import { componentNestingError } from './component-structure';
import { MAX_UID_LENGTH } from './limits';
import type { ParseOutcome } from './parse-icalendar';

const VERSIONS = new Set(['3.0', '4.0']);

/**
 * Parses and validates an address object resource (RFC 6352 §5.1): exactly one vCard 3.0 or 4.0 with a UID
 * (CardDAV clients always send one; without it the object could not be found again by UID).
 * @param text - the vCard text (size already checked)
 * @returns its UID, or why it was refused
 * @example
 * const parsed = parseVcard('BEGIN:VCARD\r\nVERSION:4.0\r\nUID:1\r\nFN:A\r\nEND:VCARD\r\n');
 */
export function parseVcard(text: string): ParseOutcome<{ readonly uid: string }> {
  const nesting = componentNestingError(text);
  if (nesting) return { ok: false, reason: `Malformed vCard: ${nesting}.` };
  let jcard: unknown;
  try {
    jcard = ICAL.parse(text);
  } catch {
    return { ok: false, reason: 'Malformed vCard: it could not be parsed.' };
  }
  if (!Array.isArray(jcard) || jcard[0] !== 'vcard')
    return { ok: false, reason: 'An address object is exactly one vCard.' };
  const card = new ICAL.Component(jcard as unknown[]);
  const version = card.getFirstPropertyValue('version');
  if (typeof version !== 'string' || !VERSIONS.has(version.trim()))
    return { ok: false, reason: 'Only vCard 3.0 and 4.0 are accepted.' };
  const uid = card.getFirstPropertyValue('uid');
  if (typeof uid !== 'string' || uid.trim() === '') return { ok: false, reason: 'A vCard needs a UID.' };
  if (uid.length > MAX_UID_LENGTH)
    return { ok: false, reason: `A UID has at most ${MAX_UID_LENGTH} characters.` };
  return { ok: true, value: { uid } };
}

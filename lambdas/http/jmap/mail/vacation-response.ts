import { createHash } from 'node:crypto';
import type { VacationResponse } from '../../../core/vacation';
import { isObject } from './arguments';
import type { SetError } from './set-errors';

/** The JMAP Vacation Response capability (RFC 8621 §1.3.3). */
export const JMAP_VACATION_RESPONSE = 'urn:ietf:params:jmap:vacationresponse';

/** The id of the one VacationResponse object of an account (RFC 8621 §8). */
export const SINGLETON = 'singleton';

/** Every property of a VacationResponse, in the RFC's order. */
export const VACATION_PROPERTIES = [
  'id',
  'isEnabled',
  'fromDate',
  'toDate',
  'subject',
  'textBody',
  'htmlBody',
] as const;

/** Longest subject, in characters, and longest body, in UTF-8 octets (each item stays far below DynamoDB's 400 KB). */
const MAX_SUBJECT_CHARS = 1000;
const MAX_BODY_BYTES = 64 * 1024;

const UTC_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * The VacationResponse object a client sees: dates as UTCDate (RFC 8620 §1.4, no fraction when it is zero).
 * @example
 * vacationObject(NO_VACATION_RESPONSE).isEnabled; // false
 */
export function vacationObject(response: VacationResponse): Record<string, unknown> {
  const utc = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));
  return {
    id: SINGLETON,
    isEnabled: response.isEnabled,
    fromDate: utc(response.fromDate),
    toDate: utc(response.toDate),
    subject: response.subject,
    textBody: response.textBody,
    htmlBody: response.htmlBody,
  };
}

/**
 * The state of an account's VacationResponse: a digest of the object, so it changes exactly when the object does.
 * @example
 * vacationState(NO_VACATION_RESPONSE); // 16 base64url characters
 */
export function vacationState(response: VacationResponse): string {
  return createHash('sha256')
    .update(JSON.stringify(vacationObject(response)))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The response after a /set update's patch (RFC 8620 §5.3), or the SetError refusing it: `invalidPatch` for a
 * patch that is not an object or reaches inside a property, `invalidProperties` naming every unknown property or
 * wrong value (`id` may only be given as `singleton`), `tooLarge` for a subject over 1,000 characters or a body over
 * 64 KiB.
 * @example
 * applyVacationPatch(current, { isEnabled: true, toDate: '2027-01-04T08:00:00Z' });
 */
export function applyVacationPatch(current: VacationResponse, patch: unknown): VacationResponse | SetError {
  if (!isObject(patch) || Object.keys(patch).some((path) => path.includes('/')))
    return { type: 'invalidPatch', description: 'Patch whole properties of the VacationResponse.' };
  const next: Record<string, unknown> = { ...current };
  const invalid: string[] = [];
  const tooLarge: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    if (name === 'id') {
      if (value !== SINGLETON) invalid.push(name);
    } else if (name === 'isEnabled') {
      if (typeof value === 'boolean') next[name] = value;
      else invalid.push(name);
    } else if (name === 'fromDate' || name === 'toDate') {
      const date = value === null ? null : parseUtcDate(value);
      if (date === undefined) invalid.push(name);
      else next[name] = date;
    } else if (name === 'subject' || name === 'textBody' || name === 'htmlBody') {
      if (value !== null && typeof value !== 'string') invalid.push(name);
      else if (value !== null && tooBig(name, value)) tooLarge.push(name);
      else next[name] = value;
    } else invalid.push(name);
  }
  if (invalid.length > 0)
    return {
      type: 'invalidProperties',
      description: 'Unknown property or wrong value.',
      properties: invalid,
    };
  if (tooLarge.length > 0)
    return {
      type: 'tooLarge',
      description: `A subject holds at most ${MAX_SUBJECT_CHARS} characters, a body at most ${MAX_BODY_BYTES} octets.`,
      properties: tooLarge,
    };
  return next as unknown as VacationResponse;
}

/** Epoch ms of a UTCDate string; `undefined` for anything else (another offset, an impossible date). */
function parseUtcDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = UTC_DATE.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls impossible dates over (02-30 → 03-02); the fields must read back unchanged.
  const back = new Date(ms).toISOString();
  return back.slice(0, 19) === value.slice(0, 19) ? ms : undefined;
}

function tooBig(name: 'subject' | 'textBody' | 'htmlBody', value: string): boolean {
  return name === 'subject'
    ? [...value].length > MAX_SUBJECT_CHARS
    : Buffer.byteLength(value) > MAX_BODY_BYTES;
}

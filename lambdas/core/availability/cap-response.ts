import {
  DAYS_OF_WEEK,
  MONTHS,
  WEEKS,
  type AvailabilityError,
  type BusyDetails,
  type BusyInterval,
  type MailboxAvailability,
  type WorkingHours,
  type ZoneTransition,
} from './types';

/** CAP `error` strings and the per-mailbox error each becomes (availability.md §3.3); others: generation failed. */
const CAP_ERRORS: Readonly<Record<string, AvailabilityError>> = {
  MailboxNotFound: 'ERROR_MAIL_RECIPIENT_NOT_FOUND',
  ErrorAvailabilityConfigNotFound: 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
  ErrorServerBusy: 'ERROR_SERVER_BUSY',
  ErrorTimeoutExpired: 'ERROR_TIMEOUT_EXPIRED',
  ErrorFreeBusyGenerationFailed: 'ERROR_FREE_BUSY_GENERATION_FAILED',
  ErrorResponseSchemaValidation: 'ERROR_RESPONSE_SCHEMA_VALIDATION',
};

/**
 * The per-mailbox error a CAP `error` string stands for.
 * @example
 * capError('MailboxNotFound'); // 'ERROR_MAIL_RECIPIENT_NOT_FOUND'
 */
export function capError(text: string): AvailabilityError {
  return Object.hasOwn(CAP_ERRORS, text) ? CAP_ERRORS[text] : 'ERROR_FREE_BUSY_GENERATION_FAILED';
}

/**
 * Reads a CAP response (availability.md §3.3, requirement 8) into one answer per requested mailbox, in request order:
 * an unparsable or mis-shaped document fails every mailbox with `ERROR_RESPONSE_SCHEMA_VALIDATION`; an entry that
 * breaks the schema fails its mailbox the same way; a requested mailbox the response leaves out fails with
 * `ERROR_FREE_BUSY_GENERATION_FAILED`; entries for mailboxes not asked for are ignored. Events keep their times.
 * @param payload - the function's raw response bytes
 * @param mailboxes - the addresses sent in the request
 * @example
 * const answers = readCapResponse(bytes, ['a@external.example']);
 */
export function readCapResponse(payload: Uint8Array, mailboxes: readonly string[]): MailboxAvailability[] {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return mailboxes.map((mailbox) => failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION'));
  }
  const entries = isObject(document) && Array.isArray(document.mailboxes) ? document.mailboxes : undefined;
  if (!entries) return mailboxes.map((mailbox) => failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION'));
  const byMailbox = new Map<string, unknown>();
  for (const entry of entries) {
    const name =
      isObject(entry) && typeof entry.mailbox === 'string' ? entry.mailbox.toLowerCase() : undefined;
    if (name !== undefined && !byMailbox.has(name)) byMailbox.set(name, entry);
  }
  return mailboxes.map((mailbox) => {
    const entry = byMailbox.get(mailbox.toLowerCase());
    return entry === undefined
      ? failed(mailbox, 'ERROR_FREE_BUSY_GENERATION_FAILED')
      : readEntry(mailbox, entry);
  });
}

function readEntry(mailbox: string, entry: unknown): MailboxAvailability {
  const object = entry as Record<string, unknown>;
  if (typeof object.error === 'string' && object.events === undefined && object.workingHours === undefined)
    return failed(mailbox, capError(object.error));
  if (object.error !== undefined || !Array.isArray(object.events))
    return failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION');
  const busy = object.events.map(readEvent);
  const workingHours = readWorkingHours(object.workingHours);
  if (!workingHours || busy.some((event) => event === undefined))
    return failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION');
  return { mailbox, ok: true, busy: busy as BusyInterval[], workingHours };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BUSY_TYPES = ['BUSY', 'FREE', 'TENTATIVE'] as const;
const INSTANCE_TYPES = ['SINGLE_INSTANCE', 'RECURRING_INSTANCE', 'EXCEPTION'] as const;

function readEvent(event: unknown): BusyInterval | undefined {
  if (!isObject(event)) return undefined;
  const start = instant(event.startTime);
  const end = instant(event.endTime);
  if (start === undefined || end === undefined || end < start || !oneOf(BUSY_TYPES, event.busyType))
    return undefined;
  if (event.details === undefined) return { start, end, busyType: event.busyType };
  const details = readDetails(event.details);
  return details ? { start, end, busyType: event.busyType, details } : undefined;
}

function readDetails(details: unknown): BusyDetails | undefined {
  if (!isObject(details)) return undefined;
  const { subject, location, instanceType, isMeeting, isReminderSet, isPrivate } = details;
  const valid =
    typeof subject === 'string' &&
    typeof location === 'string' &&
    oneOf(INSTANCE_TYPES, instanceType) &&
    typeof isMeeting === 'boolean' &&
    typeof isReminderSet === 'boolean' &&
    typeof isPrivate === 'boolean';
  return valid ? { subject, location, instanceType, isMeeting, isReminderSet, isPrivate } : undefined;
}

function readWorkingHours(value: unknown): WorkingHours | undefined {
  if (!isObject(value) || !isObject(value.timezone) || !Array.isArray(value.workingPeriods)) return undefined;
  const { name, bias, standardTime, daylightTime } = value.timezone;
  if (typeof name !== 'string' || !Number.isInteger(bias)) return undefined;
  if ((standardTime === undefined) !== (daylightTime === undefined)) return undefined;
  const standard = standardTime === undefined ? undefined : readTransition(standardTime);
  const daylight = daylightTime === undefined ? undefined : readTransition(daylightTime);
  if (standardTime !== undefined && (!standard || !daylight)) return undefined;
  const workingPeriods = value.workingPeriods.map((period: unknown) => {
    if (!isObject(period) || !minutes(period.startMinutes) || !minutes(period.endMinutes)) return undefined;
    const { days } = period;
    if (!Array.isArray(days) || !days.every((day) => oneOf(DAYS_OF_WEEK, day))) return undefined;
    return { startMinutes: period.startMinutes as number, endMinutes: period.endMinutes as number, days };
  });
  if (workingPeriods.some((period) => period === undefined)) return undefined;
  return {
    timezone: {
      name,
      bias: bias as number,
      ...(standard && daylight ? { standardTime: standard, daylightTime: daylight } : {}),
    },
    workingPeriods: workingPeriods as WorkingHours['workingPeriods'],
  };
}

function readTransition(value: unknown): ZoneTransition | undefined {
  if (!isObject(value)) return undefined;
  const { offset, time, month, week, dayOfWeek } = value;
  const valid =
    Number.isInteger(offset) &&
    typeof time === 'string' &&
    /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(time) &&
    oneOf(MONTHS, month) &&
    oneOf(WEEKS, week) &&
    oneOf(DAYS_OF_WEEK, dayOfWeek);
  return valid ? { offset: offset as number, time, month, week, dayOfWeek } : undefined;
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function minutes(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1440;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failed(mailbox: string, error: AvailabilityError): MailboxAvailability {
  return { mailbox, ok: false, error };
}

/**
 * Availability (free/busy) of mailboxes: configurations of external providers per (organization, domain), the
 * Custom Availability Provider (CAP) wire shapes of availability.md §3.2–3.3, and the free/busy answers.
 * Times are epoch milliseconds unless named otherwise.
 */

/** A provider as an administrator defines it; the EWS password is held sealed by the store. */
export type AvailabilityProvider =
  | {
      readonly type: 'EWS';
      readonly ewsEndpoint: string;
      readonly ewsUsername: string;
      readonly ewsPassword: string;
    }
  | { readonly type: 'LAMBDA'; readonly lambdaArn: string };

/** One organization's provider for one e-mail domain. */
export interface AvailabilityConfiguration {
  readonly organizationId: string;
  /** Lower-case. */
  readonly domainName: string;
  readonly provider: AvailabilityProvider;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** Why a configuration call was refused; the admin API maps each to its WorkMail exception. */
export type AvailabilityRefusal =
  | { readonly type: 'providerCount' }
  | { readonly type: 'foreignAccount'; readonly accountId: string }
  | { readonly type: 'domainTaken'; readonly domainName: string }
  | { readonly type: 'limitReached'; readonly limit: number }
  | { readonly type: 'notFound'; readonly domainName: string }
  | { readonly type: 'windowTooLong'; readonly maxDays: number }
  | { readonly type: 'windowInvalid' }
  | { readonly type: 'tooManyMailboxes'; readonly max: number };

/** A result or a typed refusal. */
export type AvailabilityResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: AvailabilityRefusal };

/** The user asking (availability.md §3.2 `requester`). */
export interface AvailabilityRequester {
  readonly organizationId: string;
  readonly userId: string;
  readonly email: string;
  readonly userName: string;
  /** The client's address, when known. */
  readonly origin?: string;
}

/** `[start, end)` in epoch ms. */
export interface AvailabilityWindow {
  readonly start: number;
  readonly end: number;
}

export const DAYS_OF_WEEK = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];
export const MONTHS = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
] as const;
export type Month = (typeof MONTHS)[number];
export const WEEKS = ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'LAST'] as const;
export type Week = (typeof WEEKS)[number];

/** A yearly switch between standard and daylight time (CAP `standardTime` / `daylightTime`). */
export interface ZoneTransition {
  /** Minutes added to `bias` while this period is in force (CAP convention, see working-hours.ts). */
  readonly offset: number;
  /** Local `hh:mm:ss`. */
  readonly time: string;
  readonly month: Month;
  readonly week: Week;
  readonly dayOfWeek: DayOfWeek;
}

/** A zone described explicitly (CAP `workingHours.timezone`). */
export interface WorkingHoursZone {
  readonly name: string;
  /** Minutes east of UTC (positive = ahead of GMT). */
  readonly bias: number;
  readonly standardTime?: ZoneTransition;
  readonly daylightTime?: ZoneTransition;
}

/** One working-day span, in minutes after local midnight, on some days. */
export interface WorkingPeriod {
  readonly startMinutes: number;
  readonly endMinutes: number;
  readonly days: readonly DayOfWeek[];
}

/** A mailbox owner's working hours. */
export interface WorkingHours {
  readonly timezone: WorkingHoursZone;
  readonly workingPeriods: readonly WorkingPeriod[];
}

/** How an instance shows (CAP busy types, plus OOF from our own calendars). */
export type AvailabilityBusyType = 'BUSY' | 'FREE' | 'TENTATIVE' | 'OOF';

/** The optional details a requester may see (CAP `details`). */
export interface BusyDetails {
  readonly subject: string;
  readonly location: string;
  readonly instanceType: 'SINGLE_INSTANCE' | 'RECURRING_INSTANCE' | 'EXCEPTION';
  readonly isMeeting: boolean;
  readonly isReminderSet: boolean;
  readonly isPrivate: boolean;
}

/** One busy period, not clipped to the window. */
export interface BusyInterval {
  readonly start: number;
  readonly end: number;
  readonly busyType: AvailabilityBusyType;
  readonly details?: BusyDetails;
}

/** Per-mailbox failures, as the EWS response codes of availability.md §3.3. */
export const AVAILABILITY_ERRORS = [
  'ERROR_MAIL_RECIPIENT_NOT_FOUND',
  'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
  'ERROR_SERVER_BUSY',
  'ERROR_TIMEOUT_EXPIRED',
  'ERROR_FREE_BUSY_GENERATION_FAILED',
  'ERROR_RESPONSE_SCHEMA_VALIDATION',
] as const;
export type AvailabilityError = (typeof AVAILABILITY_ERRORS)[number];

/** What is known of one requested address. */
export type MailboxAvailability =
  | {
      readonly mailbox: string;
      readonly ok: true;
      readonly busy: readonly BusyInterval[];
      readonly workingHours: WorkingHours;
    }
  | { readonly mailbox: string; readonly ok: false; readonly error: AvailabilityError };

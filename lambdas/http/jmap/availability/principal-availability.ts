import type { AvailabilityService } from '../../../core/availability/service';
import type { BusyInterval, MailboxAvailability } from '../../../core/availability/types';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry } from '../method';
import type { JmapArguments } from '../types';

/** RFC 9670 principals (advertised because clients list it beside the availability capability). */
export const JMAP_PRINCIPALS = 'urn:ietf:params:jmap:principals';
/** draft-ietf-jmap-calendars §1.5.2: `Principal/getAvailability`. */
export const JMAP_PRINCIPALS_AVAILABILITY = 'urn:ietf:params:jmap:principals:availability';
/** The longest window one call may ask for: 42 days, as the free/busy core allows (docs/availability.md). */
export const MAX_AVAILABILITY_DURATION = 'P42D';

/** What the availability method needs. */
export interface AvailabilityMethodDeps {
  readonly availability: Pick<AvailabilityService, 'getAvailability'>;
  /**
   * The e-mail address of a principal id: an enabled user or resource of the organization, by entity id; an id
   * containing `@` is taken as an address (any domain with an availability configuration).
   */
  principalAddress(organizationId: string, id: string): Promise<string | undefined>;
}

const UTC_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*[1-9])?Z$/;

/** JMAP busyStatus of each busy type; FREE periods are not busy and are left out. */
const BUSY_STATUS: Readonly<Record<BusyInterval['busyType'], string | undefined>> = {
  BUSY: 'confirmed',
  TENTATIVE: 'tentative',
  OOF: 'unavailable',
  FREE: undefined,
};

/**
 * `Principal/getAvailability` (draft-ietf-jmap-calendars §2.2) on the user's own account: the busy periods of one
 * principal between `utcStart` and `utcEnd`, from our calendars or the domain's availability provider. `event` is
 * null unless `showDetails` is true and details are known: the user's own events, or what an external provider
 * shared (a minimal JSCalendar Event, limited to `eventProperties` when given); other users' events never show any.
 * @example
 * const methods = availabilityMethods({ availability, principalAddress });
 */
export function availabilityMethods(deps: AvailabilityMethodDeps): JmapMethodRegistry<AuthenticatedUser> {
  const getAvailability: JmapMethod<AuthenticatedUser> = {
    capability: JMAP_PRINCIPALS_AVAILABILITY,
    handle: async (args, context) => {
      const user = context.principal;
      if (args.accountId !== user.userId) throw new JmapMethodError('accountNotSupportedByMethod');
      const { id, start, end, showDetails, eventProperties } = readArguments(args);
      const address = await deps.principalAddress(user.organizationId, id);
      if (!address) throw new JmapMethodError('notFound', 'No principal has this id.');
      const result = await deps.availability.getAvailability(
        {
          organizationId: user.organizationId,
          userId: user.userId,
          email: user.email,
          userName: user.email.slice(0, user.email.lastIndexOf('@')),
        },
        [address],
        { start, end },
        { ownDetails: showDetails },
      );
      if (!result.ok) {
        throw result.refusal.type === 'windowTooLong'
          ? new JmapMethodError('tooLarge', `The window may span at most ${MAX_AVAILABILITY_DURATION}.`)
          : new JmapMethodError('invalidArguments', 'utcEnd must be after utcStart.');
      }
      return { list: busyPeriods(result.value[0], showDetails, eventProperties) };
    },
  };
  return { 'Principal/getAvailability': getAvailability };
}

function readArguments(args: JmapArguments) {
  const { id, utcStart, utcEnd, showDetails = false, eventProperties = null } = args;
  if (typeof id !== 'string' || id === '') throw new JmapMethodError('invalidArguments', 'id must be an Id.');
  if (typeof utcStart !== 'string' || !UTC_DATE.test(utcStart) || Number.isNaN(Date.parse(utcStart)))
    throw new JmapMethodError('invalidArguments', 'utcStart must be a UTCDate.');
  if (typeof utcEnd !== 'string' || !UTC_DATE.test(utcEnd) || Number.isNaN(Date.parse(utcEnd)))
    throw new JmapMethodError('invalidArguments', 'utcEnd must be a UTCDate.');
  if (typeof showDetails !== 'boolean')
    throw new JmapMethodError('invalidArguments', 'showDetails must be a boolean.');
  if (
    eventProperties !== null &&
    !(Array.isArray(eventProperties) && eventProperties.every((name) => typeof name === 'string'))
  )
    throw new JmapMethodError('invalidArguments', 'eventProperties must be null or a list of strings.');
  return {
    id,
    start: Date.parse(utcStart),
    end: Date.parse(utcEnd),
    showDetails,
    eventProperties: eventProperties as string[] | null,
  };
}

function busyPeriods(
  answer: MailboxAvailability,
  showDetails: boolean,
  eventProperties: readonly string[] | null,
): JmapArguments[] {
  if (!answer.ok) {
    if (
      answer.error === 'ERROR_MAIL_RECIPIENT_NOT_FOUND' ||
      answer.error === 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND'
    )
      throw new JmapMethodError('notFound', 'No availability is known for this principal.');
    throw new JmapMethodError('serverUnavailable', 'The availability provider did not answer usably.');
  }
  return answer.busy.flatMap((period) => {
    const busyStatus = BUSY_STATUS[period.busyType];
    if (!busyStatus) return [];
    return [
      {
        utcStart: utcDate(period.start),
        utcEnd: utcDate(period.end),
        busyStatus,
        event: showDetails && period.details ? event(period, eventProperties) : null,
      },
    ];
  });
}

function event(period: BusyInterval, eventProperties: readonly string[] | null): JmapArguments {
  const details = period.details!;
  const full: JmapArguments = {
    '@type': 'Event',
    title: details.subject,
    start: new Date(period.start).toISOString().slice(0, 19),
    timeZone: 'Etc/UTC',
    duration: `PT${Math.round((period.end - period.start) / 1000)}S`,
    privacy: details.isPrivate ? 'private' : 'public',
    ...(details.location ? { locations: { '1': { '@type': 'Location', name: details.location } } } : {}),
  };
  if (!eventProperties) return full;
  return Object.fromEntries(
    Object.entries(full).filter(([name]) => name === '@type' || eventProperties.includes(name)),
  );
}

/** RFC 8620 UTCDate: fractional seconds only when not zero. */
function utcDate(instant: number): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

import type { CalendarModel } from '../calendar/calendar-model';
import type { EntityStore, OrganizationStore } from '../directory/ports';
import type { AvailabilityConfigurationStore } from './ports';
import type {
  AvailabilityConfiguration,
  AvailabilityRequester,
  AvailabilityResult,
  AvailabilityWindow,
  MailboxAvailability,
} from './types';
import { ownerBusyWithDetails } from './owner-details';
import { DEFAULT_WORKING_HOURS } from './working-hours';

/** The longest window one query may ask for (EWS's GetUserAvailability limit). */
export const MAX_WINDOW_DAYS = 42;
/** The most addresses one query may ask for (EWS's GetUserAvailability limit). */
export const MAX_MAILBOXES = 100;

/** What a free/busy query needs. */
export interface FreeBusyDeps {
  readonly configurations: Pick<AvailabilityConfigurationStore, 'get'>;
  readonly organizations: Pick<OrganizationStore, 'getMailDomain'>;
  readonly entities: Pick<EntityStore, 'findByEmail'>;
  readonly calendars: Pick<CalendarModel, 'busyPeriods' | 'getObjects'>;
  /** Asks a domain's provider once for all its requested mailboxes. */
  callProvider(
    configuration: AvailabilityConfiguration,
    requester: AvailabilityRequester,
    mailboxes: readonly string[],
    window: AvailabilityWindow,
  ): Promise<MailboxAvailability[]>;
}

/**
 * Free/busy of up to {@link MAX_MAILBOXES} addresses over at most {@link MAX_WINDOW_DAYS} days, for a signed-in user.
 * Primary course:
 * 1. Refuse an empty, reversed or too long window, and too many addresses.
 * 2. An address of a user or resource of the requester's organization: its calendars' busy periods (recurrences
 *    expanded by the calendar model), default working hours; event details only for the requester's own mailbox,
 *    and only when `options.ownDetails` asks for them (they cost reading the events).
 * 3. Other addresses, grouped by domain: the domain's configured provider, called once per domain, in parallel.
 * 4. An address of one of the organization's own domains that no entity holds and no provider serves:
 *    `ERROR_MAIL_RECIPIENT_NOT_FOUND`; any other address without a configuration: `ERROR_AVAILABILITY_CONFIG_NOT_FOUND`.
 * Answers come in request order, one per distinct address (compared case-insensitively).
 * @example
 * const result = await getAvailability(deps, requester, ['bob@example.com'], { start, end });
 */
export async function getAvailability(
  deps: FreeBusyDeps,
  requester: AvailabilityRequester,
  addresses: readonly string[],
  window: AvailabilityWindow,
  options: { readonly ownDetails?: boolean } = {},
): Promise<AvailabilityResult<MailboxAvailability[]>> {
  if (!(window.end > window.start)) return { ok: false, refusal: { type: 'windowInvalid' } };
  if (window.end - window.start > MAX_WINDOW_DAYS * 86_400_000)
    return { ok: false, refusal: { type: 'windowTooLong', maxDays: MAX_WINDOW_DAYS } };
  const distinct = [...new Map(addresses.map((address) => [address.toLowerCase(), address])).values()];
  if (distinct.length > MAX_MAILBOXES)
    return { ok: false, refusal: { type: 'tooManyMailboxes', max: MAX_MAILBOXES } };
  const answers = new Map<string, Promise<MailboxAvailability>>();
  const external = new Map<string, string[]>();
  const entities = await Promise.all(
    distinct.map((address) => deps.entities.findByEmail(requester.organizationId, address.toLowerCase())),
  );
  distinct.forEach((address, index) => {
    const entity = entities[index];
    if (entity && entity.state === 'ENABLED' && entity.kind !== 'GROUP' && entity.role !== 'REMOTE_USER') {
      const details = options.ownDetails === true && entity.entityId === requester.userId;
      const owner = { organizationId: requester.organizationId, mailboxId: entity.entityId };
      answers.set(address, internalAvailability(deps, owner, address, window, details));
    } else {
      const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
      external.set(domain, [...(external.get(domain) ?? []), address]);
    }
  });
  for (const [domain, mailboxes] of external) {
    const asked = (async () => {
      const configuration = await deps.configurations.get(requester.organizationId, domain);
      if (!configuration) {
        const own = await deps.organizations.getMailDomain(requester.organizationId, domain);
        const error = own ? 'ERROR_MAIL_RECIPIENT_NOT_FOUND' : 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND';
        return mailboxes.map((mailbox): MailboxAvailability => ({ mailbox, ok: false, error }));
      }
      return deps.callProvider(configuration, requester, mailboxes, window);
    })();
    mailboxes.forEach((mailbox, index) =>
      answers.set(
        mailbox,
        asked.then((results) => results[index]),
      ),
    );
  }
  return { ok: true, value: await Promise.all(distinct.map((address) => answers.get(address)!)) };
}

async function internalAvailability(
  deps: FreeBusyDeps,
  owner: { readonly organizationId: string; readonly mailboxId: string },
  mailbox: string,
  window: AvailabilityWindow,
  details: boolean,
): Promise<MailboxAvailability> {
  const periods = await deps.calendars.busyPeriods(owner, window);
  return {
    mailbox,
    ok: true,
    busy: details
      ? await ownerBusyWithDetails(deps.calendars, owner, periods)
      : periods.map((period) => ({ start: period.start, end: period.end, busyType: period.busyType })),
    workingHours: DEFAULT_WORKING_HOURS,
  };
}

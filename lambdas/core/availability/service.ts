import type { CalendarModel } from '../calendar/calendar-model';
import type { EntityStore, OrganizationStore } from '../directory/ports';
import { getAvailability } from './free-busy';
import type { AvailabilityConfigurationStore } from './ports';
import { callProvider, type ProviderCallDeps } from './provider-call';
import { testProvider, type ProviderTestOutcome } from './test-configuration';
import type {
  AvailabilityProvider,
  AvailabilityRequester,
  AvailabilityResult,
  AvailabilityWindow,
  MailboxAvailability,
} from './types';

/** What the admin API, JMAP and CalDAV use of availability: configurations, provider tests and free/busy. */
export interface AvailabilityService {
  readonly configurations: AvailabilityConfigurationStore;
  /** TestAvailabilityConfiguration of a stored or inline provider. */
  testProvider(organizationId: string, provider: AvailabilityProvider): Promise<ProviderTestOutcome>;
  /** Free/busy for a signed-in user; see {@link getAvailability}. */
  getAvailability(
    requester: AvailabilityRequester,
    addresses: readonly string[],
    window: AvailabilityWindow,
    options?: { readonly ownDetails?: boolean },
  ): Promise<AvailabilityResult<MailboxAvailability[]>>;
}

/** The ports an {@link AvailabilityService} is built from (in each runtime's wiring). */
export interface AvailabilityServiceDeps extends ProviderCallDeps {
  readonly configurations: AvailabilityConfigurationStore;
  readonly organizations: Pick<OrganizationStore, 'getMailDomain'>;
  readonly entities: Pick<EntityStore, 'findByEmail'>;
  readonly calendars: Pick<CalendarModel, 'busyPeriods' | 'getObjects'>;
}

/**
 * Binds the availability functions to their ports.
 * @example
 * const availability = availabilityService({ configurations, organizations, entities, calendars, invoker, … });
 */
export function availabilityService(deps: AvailabilityServiceDeps): AvailabilityService {
  return {
    configurations: deps.configurations,
    testProvider: (organizationId, provider) => testProvider(deps, organizationId, provider),
    getAvailability: (requester, addresses, window, options) =>
      getAvailability(
        {
          configurations: deps.configurations,
          organizations: deps.organizations,
          entities: deps.entities,
          calendars: deps.calendars,
          callProvider: (configuration, ...rest) => callProvider(deps, configuration, ...rest),
        },
        requester,
        addresses,
        window,
        options,
      ),
  };
}

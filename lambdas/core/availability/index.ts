export { capError, readCapResponse } from './cap-response';
export {
  createConfiguration,
  MAX_AVAILABILITY_CONFIGURATIONS,
  providerOf,
  updateConfiguration,
} from './configurations';
export type { ConfigurationContext, ProviderInput } from './configurations';
export { EwsUnreachableError } from './errors';
export { getUserAvailabilityRequest, readGetUserAvailabilityResponse } from './ews-soap';
export { getAvailability, MAX_MAILBOXES, MAX_WINDOW_DAYS } from './free-busy';
export type { FreeBusyDeps } from './free-busy';
export type {
  AvailabilityConfigurationStore,
  AvailabilityLogger,
  ConfigurationPage,
  EwsHttpAnswer,
  EwsTransport,
  ListCursor,
} from './ports';
export { callProvider, capRequest, PROVIDER_DEADLINE_MS } from './provider-call';
export type { ProviderCallDeps } from './provider-call';
export { TEST_FAILURES, testProvider } from './test-configuration';
export type { ProviderTestDeps, ProviderTestOutcome } from './test-configuration';
export { AVAILABILITY_ERRORS, DAYS_OF_WEEK, MONTHS, WEEKS } from './types';
export type {
  AvailabilityBusyType,
  AvailabilityConfiguration,
  AvailabilityError,
  AvailabilityProvider,
  AvailabilityRefusal,
  AvailabilityRequester,
  AvailabilityResult,
  AvailabilityWindow,
  BusyDetails,
  BusyInterval,
  MailboxAvailability,
  WorkingHours,
  WorkingHoursZone,
  WorkingPeriod,
  ZoneTransition,
} from './types';
export { DEFAULT_WORKING_HOURS, fromEwsTimeZone, toEwsTimeZone } from './working-hours';
export type { EwsTimeZone, EwsZoneTime } from './working-hours';
export { availabilityService } from './service';
export type { AvailabilityService, AvailabilityServiceDeps } from './service';
export { principalAddress } from './principal-address';

import type { AvailabilityConfiguration } from './types';

/** Where a listing left off: the adapter's own position, opaque to core. */
export type ListCursor = Record<string, unknown>;

/** One page of configurations; `cursor` is absent on the last page. */
export interface ConfigurationPage {
  readonly items: AvailabilityConfiguration[];
  readonly cursor?: ListCursor;
}

/**
 * Availability configurations, one per (organization, domain); the EWS password is sealed at rest and opened only
 * when a provider is called.
 */
export interface AvailabilityConfigurationStore {
  /**
   * Stores a new configuration unless the domain has one (`'exists'`) or the organization holds `limit` already
   * (`'limit'`); the count is kept in the same transaction, so the limit holds under concurrent calls.
   */
  create(configuration: AvailabilityConfiguration, limit: number): Promise<'created' | 'exists' | 'limit'>;
  /** Replaces the provider of an existing configuration (keeps `createdAt`); `false` when there is none. */
  replace(configuration: AvailabilityConfiguration): Promise<boolean>;
  /** Removes a configuration; `false` when there was none. */
  delete(organizationId: string, domainName: string): Promise<boolean>;
  get(organizationId: string, domainName: string): Promise<AvailabilityConfiguration | undefined>;
  /** One page, by domain name. */
  list(
    organizationId: string,
    request: { readonly limit: number; readonly cursor?: ListCursor },
  ): Promise<ConfigurationPage>;
}

/** What an EWS endpoint answered. */
export interface EwsHttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * Posts a SOAP request to an EWS endpoint with Basic authentication. Adapter: `FetchEwsTransport` (HTTPS with
 * CA-trusted certificates; plain http only to loopback where the wiring allows it).
 */
export interface EwsTransport {
  /**
   * @throws EwsUnreachableError when the endpoint cannot be reached, refuses the URL, or does not answer in time
   */
  post(
    endpoint: string,
    credentials: { readonly username: string; readonly password: string },
    soapXml: string,
    timeoutMs: number,
  ): Promise<EwsHttpAnswer>;
}

/** Where provider calls are reported (one structured line each, availability.md §5); never throws. */
export interface AvailabilityLogger {
  info(message: string, details: Record<string, unknown>): void;
  warn(message: string, details: Record<string, unknown>): void;
}

import type { JournalingConfiguration } from './types';

/**
 * Each organization's journaling configuration (Directory table, `ORG#<orgId> / JOURNALING`). Adapter:
 * DynamoDbJournalingConfigurationStore.
 */
export interface JournalingConfigurationStore {
  /** The organization's configuration; `undefined` when none was ever put, or it was deleted. */
  get(organizationId: string): Promise<JournalingConfiguration | undefined>;
  /** Replaces the organization's configuration. */
  put(configuration: JournalingConfiguration): Promise<void>;
  /** Removes it; removing a missing one succeeds. */
  delete(organizationId: string): Promise<void>;
}

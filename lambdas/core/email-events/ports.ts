import type { EmailMonitoringConfiguration } from './types';

/**
 * Each organization's email monitoring configuration (Put/Describe/DeleteEmailMonitoringConfiguration). Adapter:
 * `DynamoDbEmailMonitoringConfigurationStore` (Directory table).
 */
export interface EmailMonitoringConfigurationStore {
  /** The configuration, or `undefined` when the organization logs no email events. */
  get(organizationId: string): Promise<EmailMonitoringConfiguration | undefined>;
  /** Replaces the organization's configuration. */
  put(configuration: EmailMonitoringConfiguration): Promise<void>;
  /** Removes it; removing none succeeds. */
  delete(organizationId: string): Promise<void>;
}

import type { WorkMailMetricName } from './types';

/**
 * Records WorkMail's metrics. Recording never throws and never waits: adapters buffer data points and write them
 * on {@link MetricsRecorder.flush} (Powertools Metrics as EMF in Lambda and the container; JSON lines locally).
 * @example
 * metrics.count(organizationId, 'MailboxEmailDelivered');
 * metrics.count(organizationId, 'AuthenticationFailure', failed ? 1 : 0);
 */
export interface MetricsRecorder {
  /**
   * Adds one data point of `name` for the organization.
   * @param value - the data point (Count); @default 1
   */
  count(organizationId: string, name: WorkMailMetricName, value?: number): void;
  /** Writes what was recorded since the last flush (at the end of each invocation or request). */
  flush(): Promise<void>;
}

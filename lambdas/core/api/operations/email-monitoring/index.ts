import type { Operation } from '../../operation';
import { deleteEmailMonitoringConfiguration } from './delete-email-monitoring-configuration';
import { describeEmailMonitoringConfiguration } from './describe-email-monitoring-configuration';
import { putEmailMonitoringConfiguration } from './put-email-monitoring-configuration';

export { deleteEmailMonitoringConfiguration } from './delete-email-monitoring-configuration';
export { describeEmailMonitoringConfiguration } from './describe-email-monitoring-configuration';
export { putEmailMonitoringConfiguration } from './put-email-monitoring-configuration';

/** The email monitoring operations of the catalog (WorkMail's email event log configuration). */
export const emailMonitoringOperations: readonly Operation[] = [
  putEmailMonitoringConfiguration,
  describeEmailMonitoringConfiguration,
  deleteEmailMonitoringConfiguration,
] as unknown as readonly Operation[];

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';

/**
 * DeleteEmailMonitoringConfiguration: turns the organization's email event log off (idempotent); messages stop
 * being logged within a minute. The log group and what it holds stay.
 */
export const deleteEmailMonitoringConfiguration = defineOperation({
  name: 'DeleteEmailMonitoringConfiguration',
  service: 'WorkMailService',
  summary: "Deletes the organization's email monitoring configuration.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/email-monitoring-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.emailMonitoring.delete(input.OrganizationId);
    return {};
  },
});

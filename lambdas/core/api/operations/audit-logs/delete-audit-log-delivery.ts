import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { LogType } from './shapes';

/**
 * MailwrightService.DeleteAuditLogDelivery: switches one audit log type off (within a minute). Idempotent, like
 * DeleteEmailMonitoringConfiguration.
 */
export const deleteAuditLogDelivery = defineOperation({
  name: 'DeleteAuditLogDelivery',
  service: 'MailwrightService',
  summary: 'Stops delivering one of the organization’s audit log types.',
  input: Type.Object({ OrganizationId, LogType }),
  output: Type.Object({}),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/audit-log-deliveries/{LogType}' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    await deps.auditLogDeliveries.delete(input.OrganizationId, input.LogType);
    return {};
  },
});

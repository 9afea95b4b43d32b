import { Type } from '@sinclair/typebox';
import { AUDIT_LOG_TYPES } from '../../../audit-logs/types';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { AuditLogDeliveryShape, toDeliveryShape } from './shapes';

/** MailwrightService.ListAuditLogDeliveries: every audit log type that is on (at most five: no pagination). */
export const listAuditLogDeliveries = defineOperation({
  name: 'ListAuditLogDeliveries',
  service: 'MailwrightService',
  summary: 'Lists the organization’s audit log types that are delivered, with their destinations.',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ AuditLogDeliveries: Type.Array(AuditLogDeliveryShape) }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/audit-log-deliveries' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const deliveries = await deps.auditLogDeliveries.list(input.OrganizationId);
    const order = (type: string) => AUDIT_LOG_TYPES.indexOf(type as (typeof AUDIT_LOG_TYPES)[number]);
    deliveries.sort((a, b) => order(a.logType) - order(b.logType));
    return { AuditLogDeliveries: deliveries.map(toDeliveryShape) };
  },
});

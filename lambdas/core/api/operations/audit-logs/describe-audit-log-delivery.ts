import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { AuditLogDeliveryShape, LogType, toDeliveryShape } from './shapes';

/** MailwrightService.DescribeAuditLogDelivery: where one audit log type goes; ResourceNotFound while it is off. */
export const describeAuditLogDelivery = defineOperation({
  name: 'DescribeAuditLogDelivery',
  service: 'MailwrightService',
  summary: 'Returns the destination of one of the organization’s audit log types.',
  input: Type.Object({ OrganizationId, LogType }),
  output: AuditLogDeliveryShape,
  errors: ['OrganizationNotFoundException', 'OrganizationStateException', 'ResourceNotFoundException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/audit-log-deliveries/{LogType}' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const delivery = await deps.auditLogDeliveries.get(input.OrganizationId, input.LogType);
    if (!delivery) throw new ResourceNotFoundException(`${input.LogType} is not delivered anywhere.`);
    return toDeliveryShape(delivery);
  },
});

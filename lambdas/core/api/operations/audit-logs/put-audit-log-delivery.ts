import { Type } from '@sinclair/typebox';
import { auditDestinationOf } from '../../../audit-logs/destination-arn';
import { requireOrganization } from '../../../directory/guards';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { DestinationArn, LogType } from './shapes';

/**
 * MailwrightService.PutAuditLogDelivery: switches one audit log type on, to a CloudWatch Logs log group, an S3
 * bucket or a Firehose stream (WorkMail does this through CloudWatch vended log delivery, which cannot name
 * Mailwright). WorkMail requires `workmail:AllowVendedLogDeliveryForResource` on the organization; a Mailwright
 * admin key holds every action on the organizations in its scope, so that permission is the key's scope including
 * the organization (dispatch answers OrganizationNotFoundException otherwise). Takes effect within a minute.
 */
export const putAuditLogDelivery = defineOperation({
  name: 'PutAuditLogDelivery',
  service: 'MailwrightService',
  summary:
    "Delivers one of the organization's audit log types (mailbox access, access control, authentication, personal " +
    'access tokens, availability provider) to a CloudWatch Logs log group, an S3 bucket or a Firehose stream.',
  input: Type.Object({ OrganizationId, LogType, DestinationArn }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/audit-log-deliveries/{LogType}' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const reading = auditDestinationOf(input.DestinationArn, input.LogType, deps.settings);
    if (!reading.ok) throw new InvalidParameterException(reading.problem);
    await deps.auditLogDeliveries.put({
      organizationId: input.OrganizationId,
      logType: input.LogType,
      destination: reading.destination,
      updatedAt: deps.clock().getTime(),
    });
    return {};
  },
});

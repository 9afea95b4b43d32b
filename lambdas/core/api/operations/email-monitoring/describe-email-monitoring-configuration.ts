import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { LogGroupArn, RoleArn } from './shapes';

/** DescribeEmailMonitoringConfiguration: where the organization's email events go. */
export const describeEmailMonitoringConfiguration = defineOperation({
  name: 'DescribeEmailMonitoringConfiguration',
  service: 'WorkMailService',
  summary: "Describes the organization's email monitoring configuration.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ RoleArn: Type.Optional(RoleArn), LogGroupArn: Type.Optional(LogGroupArn) }),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/email-monitoring-configuration' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const configuration = await deps.emailMonitoring.get(input.OrganizationId);
    if (!configuration)
      throw new ResourceNotFoundException('The organization has no email monitoring configuration.');
    return {
      ...(configuration.roleArn ? { RoleArn: configuration.roleArn } : {}),
      LogGroupArn: configuration.logGroupArn,
    };
  },
});

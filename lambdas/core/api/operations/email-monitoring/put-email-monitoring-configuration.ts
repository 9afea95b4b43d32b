import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { emailMonitoringConfiguration } from '../../../email-events/configuration';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { LogGroupArn, RoleArn } from './shapes';

const REASONS = {
  malformed: 'is not valid',
  otherRegion: "must be in this deployment's Region",
  otherAccount: "must be in this deployment's account",
} as const;

/**
 * PutEmailMonitoringConfiguration: turns on the organization's email event log, to a CloudWatch Logs log group of
 * this deployment's Region and account, written through the given role (or, without one, the deployment's own,
 * which may write only to `/aws/workmail/emailevents/*` groups). Replaces any earlier configuration; messages pick it
 * up within a minute.
 */
export const putEmailMonitoringConfiguration = defineOperation({
  name: 'PutEmailMonitoringConfiguration',
  service: 'WorkMailService',
  summary:
    "Creates or updates the organization's email monitoring configuration (email event log destination).",
  input: Type.Object({
    OrganizationId,
    RoleArn: Type.Optional(RoleArn),
    LogGroupArn,
  }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/email-monitoring-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const outcome = emailMonitoringConfiguration(
      deps.settings,
      { organizationId: input.OrganizationId, logGroupArn: input.LogGroupArn, roleArn: input.RoleArn },
      deps.clock().getTime(),
    );
    if (!outcome.ok) {
      const { field, reason } = outcome.refusal;
      throw new InvalidParameterException(`${field} ${REASONS[reason]}.`);
    }
    await deps.emailMonitoring.put(outcome.value);
    return {};
  },
});

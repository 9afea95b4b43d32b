import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { journalingConfiguration } from '../../../journaling/configuration';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailAddress, OrganizationId } from '../../shapes';
import { JournalingStatus } from './shapes';

/**
 * MailwrightService.PutJournalingConfiguration: the console's Journaling tab (WorkMail has no API for it). Replaces
 * the organization's configuration; the change applies to the next message.
 */
export const putJournalingConfiguration = defineOperation({
  name: 'PutJournalingConfiguration',
  service: 'MailwrightService',
  summary:
    'Turns journaling on or off and sets the journaling address (which receives one journal record per message) ' +
    'and the report address (which hears of records that could not be delivered).',
  input: Type.Object({
    OrganizationId,
    Status: JournalingStatus,
    JournalingEmailAddress: Type.Optional(EmailAddress),
    ReportEmailAddress: Type.Optional(EmailAddress),
  }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/journaling-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const outcome = journalingConfiguration(
      {
        organizationId: input.OrganizationId,
        status: input.Status,
        journalingAddress: input.JournalingEmailAddress,
        reportAddress: input.ReportEmailAddress,
      },
      deps.clock().getTime(),
    );
    if (!outcome.ok) {
      const { field, reason } = outcome.refusal;
      throw new InvalidParameterException(
        reason === 'missing'
          ? `${field} is required when Status is ENABLED.`
          : `${field} may not use the reserved journaling sender's name.`,
      );
    }
    await deps.journaling.put(outcome.value);
    return {};
  },
});

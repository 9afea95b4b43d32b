import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { journalingSender } from '../../../journaling/sender';
import { defineOperation } from '../../operation';
import { EmailAddress, OrganizationId } from '../../shapes';
import { JournalingStatus } from './shapes';

/** MailwrightService.DescribeJournalingConfiguration: the configuration, DISABLED when none was put. */
export const describeJournalingConfiguration = defineOperation({
  name: 'DescribeJournalingConfiguration',
  service: 'MailwrightService',
  summary:
    'Returns whether journaling is on, its addresses, and the reserved address journal records come from (the ' +
    "organization's test domain).",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({
    Status: JournalingStatus,
    JournalingEmailAddress: Type.Optional(EmailAddress),
    ReportEmailAddress: Type.Optional(EmailAddress),
    JournalingSenderAddress: EmailAddress,
  }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/journaling-configuration' },
  mutating: false,
  handle: async (input, { deps }) => {
    const organization = await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const configuration = await deps.journaling.get(input.OrganizationId);
    return {
      Status: configuration?.status ?? 'DISABLED',
      ...(configuration?.journalingAddress
        ? { JournalingEmailAddress: configuration.journalingAddress }
        : {}),
      ...(configuration?.reportAddress ? { ReportEmailAddress: configuration.reportAddress } : {}),
      JournalingSenderAddress: journalingSender(organization.alias, deps.settings.testDomainSuffix),
    };
  },
});

import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { MailDomainName, OrganizationId } from '../../shapes';
import { requireOrganization, requireUsableDomain } from '../../../directory/guards';

/** UpdateDefaultMailDomain: makes a verified domain the one suggested for new addresses; existing ones stay. */
export const updateDefaultMailDomain = defineOperation({
  name: 'UpdateDefaultMailDomain',
  service: 'WorkMailService',
  summary: 'Makes a verified mail domain the default of the organization.',
  input: Type.Object({ OrganizationId, DomainName: MailDomainName }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'MailDomainNotFoundException',
    'MailDomainStateException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/default-domain' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const domain = await requireUsableDomain(deps, input.OrganizationId, `@${input.DomainName}`);
    await deps.organizations.updateOrganization(input.OrganizationId, {
      defaultMailDomain: domain.domainName,
    });
    return {};
  },
});

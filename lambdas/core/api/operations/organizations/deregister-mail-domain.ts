import { Type } from '@sinclair/typebox';
import {
  InvalidParameterException,
  MailDomainInUseException,
  MailDomainNotFoundException,
} from '../../errors';
import { defineOperation } from '../../operation';
import { MailDomainName, OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';

/** DeregisterMailDomain: removes a custom domain no address uses any more; inbound routing for it stops. */
export const deregisterMailDomain = defineOperation({
  name: 'DeregisterMailDomain',
  service: 'WorkMailService',
  summary: 'Removes a mail domain from an organization.',
  input: Type.Object({ OrganizationId, DomainName: MailDomainName }),
  output: Type.Object({}),
  errors: [
    'InvalidCustomSesConfigurationException',
    'InvalidParameterException',
    'MailDomainInUseException',
    'MailDomainNotFoundException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/domains/{DomainName}' },
  mutating: true,
  handle: async (input, { deps }) => {
    const organization = await requireOrganization(deps, input.OrganizationId);
    const domainName = input.DomainName.toLowerCase();
    const domain = await deps.organizations.getMailDomain(organization.organizationId, domainName);
    if (!domain)
      throw new MailDomainNotFoundException(
        `The domain ${domainName} is not registered to the organization.`,
      );
    if (domain.isTestDomain) throw new InvalidParameterException('The test domain cannot be deregistered.');
    if (organization.defaultMailDomain === domainName) {
      throw new InvalidParameterException(
        'The default domain cannot be deregistered: make another domain the default first.',
      );
    }
    if (await deps.organizations.isMailDomainInUse(organization.organizationId, domainName)) {
      throw new MailDomainInUseException(
        `Addresses in ${domainName} are still in use by users, groups or resources.`,
      );
    }
    await deps.organizations.deleteMailDomain(organization.organizationId, domainName);
    return {};
  },
});

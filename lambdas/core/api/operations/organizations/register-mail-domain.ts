import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { ClientToken, MailDomainName, OrganizationId } from '../../shapes';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';
import { normalizeDomainName, startMailDomain } from '../../../directory/mail-domains';

const input = Type.Object({
  ClientToken: Type.Optional(ClientToken),
  OrganizationId,
  DomainName: MailDomainName,
});

/**
 * RegisterMailDomain: adds a custom domain to an organization and starts its verification. A pending registration
 * claims nothing (other organizations may register the domain too); the first to be seen verified claims it.
 */
export const registerMailDomain = defineOperation({
  name: 'RegisterMailDomain',
  service: 'WorkMailService',
  summary: 'Registers a custom mail domain; registering it again refreshes its verification records.',
  input,
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'MailDomainInUseException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/domains/{DomainName}' },
  mutating: true,
  handle: (request, { deps }) =>
    withClientToken(deps, 'RegisterMailDomain', request, async () => {
      await requireOrganization(deps, request.OrganizationId);
      const domainName = normalizeDomainName(request.DomainName, deps.settings.testDomainSuffix);
      const domain = await startMailDomain(deps, request.OrganizationId, domainName);
      await deps.organizations.putMailDomain(domain, deps.settings.quotas.domainsPerOrganization);
      return {};
    }),
});

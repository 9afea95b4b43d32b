import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';
import { refreshMailDomain } from '../../../directory/mail-domains';

/** ListMailDomains: the organization's domains, flagging the default one. */
export const listMailDomains = defineOperation({
  name: 'ListMailDomains',
  service: 'WorkMailService',
  summary: 'Lists the mail domains of an organization.',
  input: Type.Object({
    OrganizationId,
    MaxResults: Type.Optional(MaxResults),
    NextToken: Type.Optional(NextToken),
  }),
  output: Type.Object({
    MailDomains: Type.Optional(
      Type.Array(
        Type.Object({
          DomainName: Type.Optional(Type.String()),
          DefaultDomain: Type.Optional(Type.Boolean()),
        }),
      ),
    ),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/domains' },
  mutating: false,
  handle: async (input, { deps }) => {
    const organization = await requireOrganization(deps, input.OrganizationId);
    const page = await listPage(
      deps.pageTokens,
      `ListMailDomains|${organization.organizationId}`,
      input,
      (request) => deps.organizations.listMailDomains(organization.organizationId, request),
    );
    // Keeps stored verification state current, as the console's refresh does.
    await Promise.all(page.items.map((domain) => refreshMailDomain(deps, domain)));
    return {
      MailDomains: page.items.map((domain) => ({
        DomainName: domain.domainName,
        DefaultDomain: domain.domainName === organization.defaultMailDomain,
      })),
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

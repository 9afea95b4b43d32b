import { Type } from '@sinclair/typebox';
import { MailDomainNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { MailDomainName, OrganizationId } from '../../shapes';
import { mailDomainRecords } from '../../../directory/dns-records';
import { requireOrganization } from '../../../directory/guards';
import { refreshMailDomain } from '../../../directory/mail-domains';

const Status = Type.Union([Type.Literal('PENDING'), Type.Literal('VERIFIED'), Type.Literal('FAILED')]);
const DnsRecord = Type.Object({
  Type: Type.Optional(Type.String()),
  Hostname: Type.Optional(Type.String()),
  Value: Type.Optional(Type.String()),
});

/** GetMailDomain: the DNS records to publish for a domain and its verification state. */
export const getMailDomain = defineOperation({
  name: 'GetMailDomain',
  service: 'WorkMailService',
  summary: 'Returns the DNS records and verification state of a mail domain.',
  input: Type.Object({ OrganizationId, DomainName: MailDomainName }),
  output: Type.Object({
    Records: Type.Optional(Type.Array(DnsRecord)),
    IsTestDomain: Type.Optional(Type.Boolean()),
    IsDefault: Type.Optional(Type.Boolean()),
    OwnershipVerificationStatus: Type.Optional(Status),
    DkimVerificationStatus: Type.Optional(Status),
  }),
  errors: [
    'InvalidParameterException',
    'MailDomainNotFoundException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/domains/{DomainName}' },
  mutating: false,
  handle: async (input, { deps }) => {
    const organization = await requireOrganization(deps, input.OrganizationId);
    const domainName = input.DomainName.toLowerCase();
    const stored = await deps.organizations.getMailDomain(organization.organizationId, domainName);
    if (!stored)
      throw new MailDomainNotFoundException(
        `The domain ${domainName} is not registered to the organization.`,
      );
    const domain = await refreshMailDomain(deps, stored);
    return {
      Records: mailDomainRecords(domain, deps.settings),
      IsTestDomain: domain.isTestDomain,
      IsDefault: organization.defaultMailDomain === domain.domainName,
      OwnershipVerificationStatus: domain.ownershipVerificationStatus,
      DkimVerificationStatus: domain.dkimVerificationStatus,
    };
  },
});

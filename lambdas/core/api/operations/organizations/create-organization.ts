import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import {
  AccessDeniedException,
  DirectoryUnavailableException,
  InvalidParameterException,
  LimitExceededException,
} from '../../errors';
import { defineOperation, type OperationContext } from '../../operation';
import {
  ClientToken,
  DirectoryId,
  DomainName,
  KmsKeyArn,
  OrganizationAlias,
  OrganizationId,
  list,
} from '../../shapes';
import { withClientToken } from '../../../directory/client-tokens';
import { normalizeDomainName, startMailDomain, testMailDomain } from '../../../directory/mail-domains';
import { organizationArn } from '../../../directory/organization-arn';
import type { Organization } from '../../../directory/types';

const Domain = Type.Object({
  DomainName,
  HostedZoneId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
});

const input = Type.Object({
  Alias: OrganizationAlias,
  DirectoryId: Type.Optional(DirectoryId),
  ClientToken: Type.Optional(ClientToken),
  Domains: Type.Optional(list(Domain, 0, 5)),
  KmsKeyArn: Type.Optional(KmsKeyArn),
  EnableInteroperability: Type.Optional(Type.Boolean()),
});

/** CreateOrganization: a new tenant with its own directory, test domain and (optionally) custom domains and KMS key. */
export const createOrganization = defineOperation({
  name: 'CreateOrganization',
  service: 'WorkMailService',
  summary: 'Creates an organization with a built-in directory and a verified test mail domain.',
  input,
  output: Type.Object({ OrganizationId: Type.Optional(OrganizationId) }),
  errors: [
    'AccessDeniedException',
    'DirectoryUnavailableException',
    'InvalidParameterException',
    'LimitExceededException',
    'MailDomainInUseException',
    'NameAvailabilityException',
  ],
  route: { method: 'POST', path: '/organizations' },
  mutating: true,
  handle: (request, ctx) => {
    // A key scoped to organizations could not see the one it created; only unscoped keys create tenants.
    if (ctx.principal.organizations !== '*') {
      throw new AccessDeniedException('A key limited to organizations cannot create organizations.');
    }
    return withClientToken(ctx.deps, 'CreateOrganization', request, () => create(request, ctx));
  },
});

/**
 * Primary course:
 * 1. Refuse what only external directories offer (DirectoryId, interoperability).
 * 2. Start verification of the custom domains, build the organization (Active at once: nothing to wait for).
 * 3. Store organization, alias claim, test domain and custom domains in one transaction that also counts the
 *    organization against the account quota.
 */
async function create(
  request: typeof input.static,
  { deps }: OperationContext,
): Promise<{ OrganizationId: string }> {
  if (request.DirectoryId !== undefined) {
    throw new DirectoryUnavailableException(
      `The directory ${request.DirectoryId} is not available: Mailwright manages its own directory.`,
    );
  }
  if (request.EnableInteroperability) {
    throw new InvalidParameterException(
      'EnableInteroperability requires an AD Connector directory, which Mailwright does not support.',
    );
  }
  const names = [
    ...new Set(
      (request.Domains ?? []).map((domain) =>
        normalizeDomainName(domain.DomainName, deps.settings.testDomainSuffix),
      ),
    ),
  ];
  if (names.length > deps.settings.quotas.domainsPerOrganization) {
    throw new LimitExceededException(
      `An organization can have at most ${deps.settings.quotas.domainsPerOrganization} mail domains.`,
    );
  }
  const organizationId = `m-${randomBytes(16).toString('hex')}`;
  const testDomain = testMailDomain(deps, organizationId, request.Alias);
  const domains = [
    testDomain,
    ...(await Promise.all(names.map((name) => startMailDomain(deps, organizationId, name)))),
  ];
  const now = deps.clock().getTime();
  const organization: Organization = {
    organizationId,
    alias: request.Alias,
    state: 'Active',
    arn: organizationArn(deps.settings, organizationId),
    ...(request.KmsKeyArn === undefined ? {} : { kmsKeyArn: request.KmsKeyArn }),
    defaultMailDomain: testDomain.domainName,
    directoryId: `d-${randomBytes(5).toString('hex')}`,
    directoryType: 'WorkMailDirectory',
    interoperabilityEnabled: false,
    dmarcEnforced: true,
    tags: [],
    createdAt: now,
    completedAt: now,
  };
  await deps.organizations.createOrganization(organization, domains, {
    organizationLimit: deps.settings.quotas.organizationsPerAccount,
  });
  return { OrganizationId: organizationId };
}

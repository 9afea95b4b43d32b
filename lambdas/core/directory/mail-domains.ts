import { randomBytes } from 'node:crypto';
import type { ApiDeps } from '../api/deps';
import { InvalidParameterException } from '../api/errors';
import type { MailDomain } from './types';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/**
 * Labels a custom domain may have. A claim checks every parent domain in one transaction (DynamoDB takes 100
 * items), and CreateOrganization registers up to five domains at once.
 */
export const MAX_DOMAIN_LABELS = 16;

/**
 * The domain part of an address, lower-cased; empty when there is none.
 * @example
 * domainOfAddress('Ana@Example.COM'); // 'example.com'
 */
export function domainOfAddress(emailAddress: string): string {
  const at = emailAddress.lastIndexOf('@');
  return at < 0 ? '' : emailAddress.slice(at + 1).toLowerCase();
}

/**
 * Normalises a custom domain name (lower case) and refuses what cannot be a DNS name or belongs to test domains.
 * @param domainName - as given in the request (already matched `[a-zA-Z0-9.-]+`)
 * @param testDomainSuffix - the deployment's test domain suffix, which custom domains may not use
 * @throws InvalidParameterException for malformed names or names under the test domain suffix
 * @example
 * normalizeDomainName('Example.COM', 'mailwright.test'); // 'example.com'
 */
export function normalizeDomainName(domainName: string, testDomainSuffix: string): string {
  const name = domainName.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (
    labels.length < 2 ||
    labels.length > MAX_DOMAIN_LABELS ||
    !labels.every((label) => LABEL.test(label)) ||
    /^\d+$/.test(labels.at(-1) ?? '')
  ) {
    throw new InvalidParameterException(`The domain name ${domainName} is not valid.`);
  }
  const suffix = testDomainSuffix.toLowerCase();
  if (name === suffix || name.endsWith(`.${suffix}`)) {
    throw new InvalidParameterException(`Domains under ${suffix} are reserved for test domains.`);
  }
  return name;
}

/**
 * Builds the record of a custom domain and starts its verification with the domain verifier.
 * @param domainName - normalised (see {@link normalizeDomainName})
 * @example
 * const domain = await startMailDomain(deps, organizationId, 'example.com');
 */
export async function startMailDomain(
  deps: ApiDeps,
  organizationId: string,
  domainName: string,
): Promise<MailDomain> {
  const started = await deps.domainVerifier.start(domainName);
  return {
    organizationId,
    domainName,
    isTestDomain: false,
    ownershipVerificationStatus: started.ownership,
    dkimVerificationStatus: started.dkim,
    verificationToken: started.verificationToken ?? randomBytes(32).toString('base64'),
    dkimTokens: started.dkimTokens,
    createdAt: deps.clock().getTime(),
  };
}

/**
 * The verified test domain `<alias>.<testDomainSuffix>` every organization gets.
 * @example
 * const testDomain = testMailDomain(deps, organizationId, 'Acme'); // acme.mailwright.test
 */
export function testMailDomain(deps: ApiDeps, organizationId: string, alias: string): MailDomain {
  return {
    organizationId,
    domainName: `${alias.toLowerCase()}.${deps.settings.testDomainSuffix.toLowerCase()}`,
    isTestDomain: true,
    ownershipVerificationStatus: 'VERIFIED',
    dkimVerificationStatus: 'VERIFIED',
    verificationToken: randomBytes(32).toString('base64'),
    dkimTokens: [0, 1, 2].map(() => randomBytes(16).toString('hex')),
    createdAt: deps.clock().getTime(),
  };
}

/**
 * Re-checks a domain whose verification is still PENDING and stores a changed status; other domains are returned as
 * is. A domain found VERIFIED is claimed in the same write (see OrganizationStore.claimMailDomain); when another
 * organization claimed it first, or a parent domain, this registration is marked FAILED for good (registering the
 * domain again retries once the other organization has let it go).
 * @example
 * const current = await refreshMailDomain(deps, stored);
 */
export async function refreshMailDomain(deps: ApiDeps, domain: MailDomain): Promise<MailDomain> {
  if (domain.isTestDomain) return domain;
  if (domain.ownershipVerificationStatus !== 'PENDING' && domain.dkimVerificationStatus !== 'PENDING')
    return domain;
  const status = await deps.domainVerifier.status(domain.domainName);
  if (
    status.ownership === domain.ownershipVerificationStatus &&
    status.dkim === domain.dkimVerificationStatus
  )
    return domain;
  const { organizationId, domainName } = domain;
  const changes = { ownershipVerificationStatus: status.ownership, dkimVerificationStatus: status.dkim };
  if (status.ownership !== 'VERIFIED') {
    await deps.organizations.updateMailDomain(organizationId, domainName, changes);
    return { ...domain, ...changes };
  }
  const outcome = await deps.organizations.claimMailDomain(organizationId, domainName, changes);
  if (outcome !== 'taken') return { ...domain, ...changes };
  const failed = { ownershipVerificationStatus: 'FAILED', dkimVerificationStatus: 'FAILED' } as const;
  await deps.organizations.updateMailDomain(organizationId, domainName, failed);
  return { ...domain, ...failed };
}

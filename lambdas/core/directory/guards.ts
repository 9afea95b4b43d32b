import type { ApiDeps } from '../api/deps';
import {
  MailDomainNotFoundException,
  MailDomainStateException,
  OrganizationNotFoundException,
  OrganizationStateException,
} from '../api/errors';
import { domainOfAddress, refreshMailDomain } from './mail-domains';
import type { MailDomain, Organization } from './types';

/** Options of {@link requireOrganization}. */
export interface RequireOrganizationOptions {
  /** Refuse organizations that are not `Active` (default true). */
  readonly mustBeActive?: boolean;
}

/**
 * Loads an organization an operation acts on, refusing unknown and deleted ones.
 * @param organizationId - the request's OrganizationId (already checked against the caller's scope by dispatch)
 * @param options - `mustBeActive: false` for read-only calls that also work on impaired organizations
 * @throws OrganizationNotFoundException when unknown or deleted
 * @throws OrganizationStateException when not Active and `mustBeActive` is true (the default)
 * @example
 * const organization = await requireOrganization(ctx.deps, input.OrganizationId);
 */
export async function requireOrganization(
  deps: ApiDeps,
  organizationId: string,
  options: RequireOrganizationOptions = {},
): Promise<Organization> {
  const organization = await deps.organizations.getOrganization(organizationId);
  if (!organization || organization.state === 'Deleted') throw new OrganizationNotFoundException();
  if ((options.mustBeActive ?? true) && organization.state !== 'Active') {
    throw new OrganizationStateException(
      `The organization ${organizationId} is ${organization.state}, not Active.`,
    );
  }
  return organization;
}

/**
 * Loads the mail domain of an address an entity is about to use, refusing unknown and unverified domains.
 * A domain still PENDING is re-checked through the domain verifier first.
 * @param emailAddress - a full address; its domain part is compared case-insensitively
 * @throws MailDomainNotFoundException when the domain is not registered to the organization
 * @throws MailDomainStateException when the domain's ownership is not VERIFIED
 * @example
 * await requireUsableDomain(ctx.deps, input.OrganizationId, input.Email);
 */
export async function requireUsableDomain(
  deps: ApiDeps,
  organizationId: string,
  emailAddress: string,
): Promise<MailDomain> {
  const domainName = domainOfAddress(emailAddress);
  const stored = domainName ? await deps.organizations.getMailDomain(organizationId, domainName) : undefined;
  if (!stored)
    throw new MailDomainNotFoundException(
      `The domain ${domainName || emailAddress} is not registered to the organization.`,
    );
  const domain = await refreshMailDomain(deps, stored);
  if (domain.ownershipVerificationStatus !== 'VERIFIED') {
    throw new MailDomainStateException(`The domain ${domainName} is not verified yet.`);
  }
  return domain;
}

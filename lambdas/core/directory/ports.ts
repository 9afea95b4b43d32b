import type { Page, PageRequest } from '../api/pagination';
import type { MailDomain, Organization } from './types';

/**
 * Organizations, their mail domains and settings. Implementations enforce uniqueness in the database
 * (organization alias, domain ownership across organizations), never by read-then-write.
 */
export interface OrganizationStore {
  /**
   * Stores a new organization together with its test mail domain, atomically.
   * @throws NameAvailabilityException when the alias is taken
   * @throws MailDomainInUseException when the test domain is claimed by another organization
   */
  createOrganization(organization: Organization, testDomain: MailDomain): Promise<void>;
  getOrganization(organizationId: string): Promise<Organization | undefined>;
  listOrganizations(request: PageRequest): Promise<Page<Organization>>;
  /** Replaces the mutable fields given in `changes`. */
  updateOrganization(
    organizationId: string,
    changes: Partial<Pick<Organization, 'state' | 'defaultMailDomain' | 'tags' | 'dmarcEnforced' | 'completedAt'>>,
  ): Promise<void>;
  /**
   * Registers a domain to an organization. A domain belongs to at most one organization.
   * @throws MailDomainInUseException when another organization holds it
   * @throws LimitExceededException when the organization already has `limit` domains
   */
  putMailDomain(domain: MailDomain, limit: number): Promise<void>;
  getMailDomain(organizationId: string, domainName: string): Promise<MailDomain | undefined>;
  listMailDomains(organizationId: string, request: PageRequest): Promise<Page<MailDomain>>;
  deleteMailDomain(organizationId: string, domainName: string): Promise<void>;
  /** The organization a domain is registered to (inbound routing), if any. */
  findDomainOwner(domainName: string): Promise<string | undefined>;
}

/**
 * Gives mailbox-enabled entities their storage and encryption keys, and removes them (crypto-shredding).
 * Called by the directory when users and resources are registered to or deleted from WorkMail.
 */
export interface MailboxLifecycle {
  /** Creates the mailbox (and its key) if it does not exist yet; idempotent. */
  provision(organizationId: string, mailboxId: string): Promise<void>;
  /** Destroys the mailbox key, which makes every copy of its mail unreadable; idempotent. */
  destroy(organizationId: string, mailboxId: string): Promise<void>;
  /** Bytes currently stored in the mailbox (0 when it has none). */
  sizeBytes(organizationId: string, mailboxId: string): Promise<number>;
}

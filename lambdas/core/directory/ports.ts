import type { Page, PageRequest } from '../api/pagination';
import type { MailDomain, Organization, Tag, VerificationStatus } from './types';
import type { Entity, EntityKind, EntityState } from './types';

/** Options of {@link OrganizationStore.createOrganization}. */
export interface CreateOrganizationOptions {
  /** Organizations the account may hold (the counter is checked and raised in the same transaction). */
  readonly organizationLimit: number;
}

/** Fields of a mail domain that change after registration. */
export type MailDomainChanges = Partial<
  Pick<
    MailDomain,
    'ownershipVerificationStatus' | 'dkimVerificationStatus' | 'verificationToken' | 'dkimTokens'
  >
>;

/**
 * What {@link OrganizationStore.claimMailDomain} did: `claimed` (the domain is now the organization's), `taken`
 * (another organization holds it or a parent domain), or `unregistered` (the registration is gone).
 */
export type DomainClaimOutcome = 'claimed' | 'taken' | 'unregistered';

/** Fields of an organization that change after creation (tags change through `updateTags` only). */
export type OrganizationChanges = Partial<
  Pick<Organization, 'state' | 'defaultMailDomain' | 'dmarcEnforced' | 'completedAt'>
>;

/**
 * Organizations, their mail domains and settings. Implementations enforce uniqueness in the database
 * (organization alias, domain ownership across organizations), never by read-then-write.
 *
 * A domain is *registered* to any number of organizations while its verification is pending, and *claimed* by at
 * most one, in the same write that records it verified. Only a claim routes mail ({@link findDomainOwner}). A
 * domain claimed by another organization, or under a parent domain another organization claimed (whose owner
 * controls its DNS), cannot be registered or claimed.
 */
export interface OrganizationStore {
  /**
   * Stores a new organization with its domains (test domain first, then custom ones), atomically, claiming the
   * test domain and the custom domains already VERIFIED. Custom domains count toward the domain quota.
   * @throws NameAvailabilityException when the alias is taken
   * @throws MailDomainInUseException when another organization claimed one of the domains or a parent of one
   * @throws LimitExceededException when the account already has `organizationLimit` organizations
   */
  createOrganization(
    organization: Organization,
    domains: readonly MailDomain[],
    options: CreateOrganizationOptions,
  ): Promise<void>;
  /** The organization, including one in state `Deleted`. */
  getOrganization(organizationId: string): Promise<Organization | undefined>;
  /** Organizations that are not deleted, ordered by id. */
  listOrganizations(request: PageRequest): Promise<Page<Organization>>;
  /** Replaces the mutable fields given in `changes`. */
  updateOrganization(organizationId: string, changes: OrganizationChanges): Promise<void>;
  /**
   * Replaces the tags with `update(current)`, conditional on them not having changed since read (else `update` runs
   * again), so concurrent callers lose nothing. `update` may throw, or return `undefined` to change nothing.
   */
  updateTags(
    organizationId: string,
    update: (current: readonly Tag[]) => readonly Tag[] | undefined,
  ): Promise<void>;
  /**
   * Marks the organization `Deleted`, drops it from listings and the account's count, and releases its alias
   * and domain claims so that other organizations may take them. Idempotent.
   */
  markOrganizationDeleted(organizationId: string): Promise<void>;
  /** True when at least one user of the organization is ENABLED. */
  hasEnabledUsers(organizationId: string): Promise<boolean>;
  /** Ids of the organization's users and resources (entities that may own a mailbox), one page at a time. */
  listMailboxEntityIds(
    organizationId: string,
    kind: 'USER' | 'RESOURCE',
    request: PageRequest,
  ): Promise<Page<string>>;
  /**
   * Registers a domain to an organization, claiming it in the same write when its ownership is VERIFIED.
   * Registering a domain the organization already has replaces its record (refresh) without counting it twice.
   * @throws MailDomainInUseException when another organization claimed it or a parent domain (the message names
   * no organization)
   * @throws LimitExceededException when the organization already has `limit` custom domains
   */
  putMailDomain(domain: MailDomain, limit: number): Promise<void>;
  /**
   * Claims a registered domain for the organization and applies `changes` (its new, VERIFIED status) in one
   * conditional write: of organizations claiming one domain concurrently, exactly one gets `claimed`.
   */
  claimMailDomain(
    organizationId: string,
    domainName: string,
    changes: MailDomainChanges,
  ): Promise<DomainClaimOutcome>;
  getMailDomain(organizationId: string, domainName: string): Promise<MailDomain | undefined>;
  /**
   * Updates verification fields of a registered domain; does nothing when the domain is gone. Never used to record
   * ownership VERIFIED, which only {@link claimMailDomain} does.
   */
  updateMailDomain(organizationId: string, domainName: string, changes: MailDomainChanges): Promise<void>;
  listMailDomains(organizationId: string, request: PageRequest): Promise<Page<MailDomain>>;
  /**
   * Removes the domain and its claim; idempotent.
   * @throws MailDomainInUseException when the domain item counts addresses still using it (`addressCount` > 0)
   */
  deleteMailDomain(organizationId: string, domainName: string): Promise<void>;
  /** True while any primary address or alias of the organization is in the domain. */
  isMailDomainInUse(organizationId: string, domainName: string): Promise<boolean>;
  /** The organization that claimed a domain, i.e. verified it (inbound routing), if any. */
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
  /**
   * Adds a new key version for new messages (older messages stay readable) and returns it.
   * @throws MailboxNotFoundError when the mailbox does not exist or is being destroyed
   */
  rotateMailboxKey(organizationId: string, mailboxId: string): Promise<number>;
}

/** What a ClientToken was first used with, and what the call returned. */
export interface ClientTokenRecord {
  /** Digest of the request's parameters (without the token). */
  readonly fingerprint: string;
  /** The original output; absent while the first call is still running. */
  readonly result?: unknown;
}

/** Remembers ClientTokens for 24 hours so that retries return the original result (api-operations.md §1.1). */
export interface ClientTokenStore {
  /**
   * Claims `token` for `action` until `expiresAt` (epoch seconds). Returns `undefined` when the claim is new, or
   * the record of the earlier, unexpired claim.
   */
  claim(
    action: string,
    token: string,
    fingerprint: string,
    expiresAt: number,
  ): Promise<ClientTokenRecord | undefined>;
  /** Stores the result of a claimed token. */
  complete(action: string, token: string, result: unknown): Promise<void>;
  /** Drops a claim whose call failed, so the token may be used again. */
  release(action: string, token: string): Promise<void>;
}

/** Verification state of a domain as the mail service (SES) sees it. */
export interface DomainVerification {
  readonly ownership: VerificationStatus;
  readonly dkim: VerificationStatus;
}

/** What starting verification of a domain yields: the records to publish and the current state. */
export interface DomainVerificationStart extends DomainVerification {
  /** The `_amazonses` TXT token, when the service issues one. */
  readonly verificationToken?: string;
  /** Easy-DKIM tokens, one CNAME each. */
  readonly dkimTokens: readonly string[];
}

/** Proves ownership of custom mail domains (SES identities in the cloud; trusted locally). */
export interface DomainVerifier {
  /** Starts (or restarts, idempotently) verification of a domain. */
  start(domainName: string): Promise<DomainVerificationStart>;
  /** The current verification state of a domain previously started. */
  status(domainName: string): Promise<DomainVerification>;
}

/** One listing filter of ListUsers / ListGroups / ListResources; prefixes are case-sensitive. */
export type EntityFilter =
  | { readonly by: 'all' }
  | { readonly by: 'namePrefix'; readonly prefix: string }
  | { readonly by: 'displayNamePrefix'; readonly prefix: string }
  | { readonly by: 'primaryEmailPrefix'; readonly prefix: string }
  | { readonly by: 'state'; readonly state: EntityState }
  | { readonly by: 'identityProviderUserIdPrefix'; readonly prefix: string };

/** A direct member of a group (or a delegate of a resource): who, and which kind. */
export interface EntityReference {
  readonly entityId: string;
  readonly kind: EntityKind;
}

/** A group an entity is a direct member of. */
export interface GroupReference {
  readonly groupId: string;
  readonly groupName: string;
}

/** Changes `updateEntity` may apply; `undefined` leaves a field unchanged, `null` removes it. */
export type EntityChanges = {
  readonly [
    K in
      | 'displayName'
      | 'role'
      | 'profile'
      | 'identityProviderUserId'
      | 'hiddenFromGlobalAddressList'
      | 'passwordHash'
      | 'mailboxQuotaMegabytes'
      | 'resourceType'
      | 'description'
      | 'bookingOptions'
  ]?: Entity[K] | null;
};

/**
 * Users, groups and resources, their names, e-mail addresses, memberships and delegates. Implementations enforce
 * every uniqueness rule in the database, atomically (one address → one entity across primaries and aliases; one
 * name → one live entity across users, groups and resources), never by read-then-write. Methods that change
 * state throw the WorkMail exception named in their doc when a condition fails.
 */
export interface EntityStore {
  /**
   * Stores a new DISABLED entity and claims its name. A user also takes one of the organization's `userLimit`
   * seats in the same transaction.
   * @throws NameAvailabilityException when a live entity already has the name (case-insensitive)
   * @throws LimitExceededException when the organization already has `userLimit` users
   */
  createEntity(entity: Entity, userLimit: number): Promise<void>;
  /** The entity with this id (any state, any kind), if any. */
  getEntity(organizationId: string, entityId: string): Promise<Entity | undefined>;
  /** The live entity holding this name (case-insensitive), if any. */
  findByName(organizationId: string, name: string): Promise<Entity | undefined>;
  /**
   * The entity an address routes to, as primary address or alias (case-insensitive), if any. Used by inbound
   * delivery: the result carries `kind`, `state` and `mailboxQuotaMegabytes`.
   */
  findByEmail(organizationId: string, address: string): Promise<Entity | undefined>;
  /** One page of entities of a kind, ordered by the filtered field, served by an index (never a scan). */
  listEntities(
    organizationId: string,
    kind: EntityKind,
    filter: EntityFilter,
    request: PageRequest,
  ): Promise<Page<Entity>>;
  /**
   * Enables a DISABLED entity with `email` as its primary address; `mailbox` records the mailbox as provisioned.
   * @throws EmailAddressInUseException when another entity holds the address
   * @throws EntityStateException when the entity is no longer DISABLED, or the purge job claimed its mailbox
   * @throws MailDomainNotFoundException when the address's domain is no longer registered to the organization
   */
  register(
    organizationId: string,
    entityId: string,
    email: string,
    at: number,
    mailbox: boolean,
  ): Promise<void>;
  /** Disables an ENABLED entity and releases its primary address and aliases. */
  deregister(organizationId: string, entityId: string, at: number): Promise<void>;
  /**
   * Marks a DISABLED entity DELETED, releases its name, frees a user seat and drops its memberships and delegations.
   * @throws EntityStateException when the entity is not DISABLED
   */
  markDeleted(organizationId: string, entityId: string, at: number): Promise<void>;
  /**
   * Claims the mailbox of a DISABLED entity for the purge job: records `mailboxPurgeStartedAt` (kept from an earlier,
   * unfinished claim) only while the entity is DISABLED since `disabledBefore` or earlier and not yet purged. While
   * the claim stands, `register` refuses the entity, so no registration can revive a mailbox being destroyed.
   * @returns false when the entity was re-enabled, disabled again later, deleted or already purged
   */
  beginMailboxPurge(
    organizationId: string,
    entityId: string,
    disabledBefore: number,
    at: number,
  ): Promise<boolean>;
  /**
   * Records that the entity's mailbox is destroyed (`mailboxPurgedAt`), dropping the claim and the provisioning
   * time, for a DELETED entity or one claimed by {@link beginMailboxPurge}.
   * @returns false when it was already recorded (by a concurrent run) or the entity is neither claimed nor deleted
   */
  recordMailboxPurged(organizationId: string, entityId: string, at: number): Promise<boolean>;
  /**
   * Applies attribute changes to an existing entity (EntityStateException when it is gone).
   * @throws InvalidConfigurationException when `AutoAcceptRequests` is turned off on a resource without delegates
   */
  updateEntity(organizationId: string, entityId: string, changes: EntityChanges): Promise<void>;
  /**
   * Renames a live entity, moving its name claim atomically.
   * @throws NameAvailabilityException when the new name is taken
   */
  rename(organizationId: string, entityId: string, newName: string): Promise<void>;
  /**
   * Adds an alias to an ENABLED entity; succeeds unchanged when the entity already has it.
   * @throws EmailAddressInUseException when another address owner holds it
   * @throws LimitExceededException when the entity already has `limit` aliases
   * @throws EntityStateException when the entity is not ENABLED
   * @throws MailDomainNotFoundException when the alias's domain is no longer registered (counted atomically)
   */
  addAlias(organizationId: string, entityId: string, alias: string, limit: number): Promise<void>;
  /** Removes an alias the entity holds (no-op otherwise). */
  removeAlias(organizationId: string, entityId: string, alias: string): Promise<void>;
  /** One page of an entity's aliases in address order. */
  listAliases(organizationId: string, entityId: string, request: PageRequest): Promise<Page<string>>;
  /**
   * Makes `email` the primary address of an ENABLED entity: an alias of the entity is swapped with the primary,
   * a new address is claimed and the old primary becomes an alias.
   * @throws EmailAddressInUseException when another entity holds the address
   * @throws LimitExceededException when demoting the old primary would exceed `aliasLimit`
   * @throws MailDomainNotFoundException when the new address's domain is no longer registered
   */
  setPrimaryEmail(organizationId: string, entityId: string, email: string, aliasLimit: number): Promise<void>;
  /** Adds a direct member to a group (idempotent). */
  addMember(organizationId: string, group: Entity, member: EntityReference): Promise<void>;
  /** Removes a direct member from a group (no-op when absent). */
  removeMember(organizationId: string, groupId: string, memberId: string): Promise<void>;
  /** One page of a group's direct members. */
  listMembersPage(
    organizationId: string,
    groupId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>>;
  /** All direct members of a group, every page (inbound expansion, cycle checks). */
  listMembers(organizationId: string, groupId: string): Promise<EntityReference[]>;
  /** One page of the groups an entity is a direct member of, optionally only names starting with `namePrefix`. */
  listGroupsOf(
    organizationId: string,
    entityId: string,
    request: PageRequest,
    namePrefix?: string,
  ): Promise<Page<GroupReference>>;
  /** Every group an entity is a direct member of (cycle checks). */
  listAllGroupsOf(organizationId: string, entityId: string): Promise<GroupReference[]>;
  /** Adds a user or group as a delegate of a resource (idempotent); EntityStateException when either is deleted. */
  addDelegate(organizationId: string, resourceId: string, delegate: EntityReference): Promise<void>;
  /**
   * Removes a delegate (no-op when absent), checking in the same write that a resource that does not auto-accept
   * requests keeps one (InvalidConfigurationException).
   */
  removeDelegate(organizationId: string, resourceId: string, delegateId: string): Promise<void>;
  /** One page of a resource's delegates. */
  listDelegates(
    organizationId: string,
    resourceId: string,
    request: PageRequest,
  ): Promise<Page<EntityReference>>;
}

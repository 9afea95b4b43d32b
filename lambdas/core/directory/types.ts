/** Records of the directory. Times are epoch milliseconds; the API converts them to epoch seconds. */

/** Organization states as WorkMail reports them (free strings on the wire). */
export type OrganizationState =
  'Requested' | 'Creating' | 'Validating' | 'Active' | 'Impaired' | 'Inactive' | 'Failed' | 'Deleted';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface Organization {
  readonly organizationId: string;
  readonly alias: string;
  readonly state: OrganizationState;
  readonly arn: string;
  /** The customer's KMS key; absent means the deployment's default organization key. */
  readonly kmsKeyArn?: string;
  readonly defaultMailDomain: string;
  readonly directoryId: string;
  readonly directoryType: string;
  readonly interoperabilityEnabled: boolean;
  /** Inbound DMARC enforcement (on by default for new organizations). */
  readonly dmarcEnforced: boolean;
  readonly tags: readonly Tag[];
  readonly createdAt: number;
  readonly completedAt?: number;
}

export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'FAILED';

export interface MailDomain {
  readonly organizationId: string;
  /** Lower-case domain name. */
  readonly domainName: string;
  readonly isTestDomain: boolean;
  readonly ownershipVerificationStatus: VerificationStatus;
  readonly dkimVerificationStatus: VerificationStatus;
  /** The `_amazonses` TXT token. */
  readonly verificationToken: string;
  /** Easy-DKIM tokens, one CNAME each. */
  readonly dkimTokens: readonly string[];
  readonly createdAt: number;
}

export type EntityKind = 'USER' | 'GROUP' | 'RESOURCE';
export type EntityState = 'ENABLED' | 'DISABLED' | 'DELETED';

/** User roles as WorkMail reports them. */
export type UserRole = 'USER' | 'RESOURCE' | 'SYSTEM_USER' | 'REMOTE_USER';
/** Resource types. */
export type ResourceType = 'ROOM' | 'EQUIPMENT';

/** How a resource answers booking requests. */
export interface BookingOptions {
  readonly AutoAcceptRequests: boolean;
  readonly AutoDeclineRecurringRequests: boolean;
  readonly AutoDeclineConflictingRequests: boolean;
}

/** Editable personal fields of a user, by their wire names (all sensitive): what DescribeUser returns and UpdateUser takes. */
export const USER_PROFILE_FIELDS = [
  'FirstName',
  'LastName',
  'Initials',
  'Telephone',
  'Street',
  'JobTitle',
  'City',
  'Company',
  'ZipCode',
  'Department',
  'Country',
  'Office',
] as const;

/** One of {@link USER_PROFILE_FIELDS}. */
export type UserProfileField = (typeof USER_PROFILE_FIELDS)[number];

/**
 * A user, group or resource. Fields that only apply to one kind are absent on the others. Addresses are stored
 * lower-case; `email` is set only while the entity is ENABLED.
 */
export interface Entity {
  readonly organizationId: string;
  readonly entityId: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly state: EntityState;
  readonly email?: string;
  readonly aliases: readonly string[];
  readonly hiddenFromGlobalAddressList: boolean;
  readonly createdAt: number;
  readonly enabledAt?: number;
  readonly disabledAt?: number;
  readonly deletedAt?: number;
  readonly mailboxProvisionedAt?: number;
  readonly mailboxDeprovisionedAt?: number;
  /** Set while the purge job destroys the mailbox of an entity disabled past the retention; blocks registration. */
  readonly mailboxPurgeStartedAt?: number;
  /** When the purge job destroyed the mailbox; a later registration provisions a new, empty one. */
  readonly mailboxPurgedAt?: number;
  /** Users. */
  readonly role?: UserRole;
  readonly displayName?: string;
  readonly profile?: Readonly<Partial<Record<UserProfileField, string>>>;
  readonly identityProviderUserId?: string;
  /** Slow salted hash (see directory/passwords.ts); never the password. */
  readonly passwordHash?: string;
  /** Users and resources: mailbox quota in MB. */
  readonly mailboxQuotaMegabytes?: number;
  /** Resources. */
  readonly resourceType?: ResourceType;
  readonly description?: string;
  readonly bookingOptions?: BookingOptions;
}

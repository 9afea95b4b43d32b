/** Records of the directory. Times are epoch milliseconds; the API converts them to epoch seconds. */

/** Organization states as WorkMail reports them (free strings on the wire). */
export type OrganizationState = 'Requested' | 'Creating' | 'Validating' | 'Active' | 'Impaired' | 'Inactive' | 'Failed' | 'Deleted';

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

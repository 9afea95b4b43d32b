/**
 * Every quota in one place (quotas-and-organizations.md §1). Hard quotas are WorkMail's fixed limits and cannot be
 * raised by configuration; soft ones take an override from the deployment.
 */
export const HARD_QUOTAS = {
  aliasesPerUser: 100,
  mailboxQuotaMaxMegabytes: 51_200,
  senderPatternsPerFlowRule: 250,
  senderPatternsPerOrganization: 1_000,
  messageMimeBytes: 40 * 1024 * 1024,
  messageDecodedBytes: 29 * 1024 * 1024,
  recipientsPerMessage: 500,
  attachmentsPerMessage: 500,
  tagsPerOrganization: 50,
  domainsPerOrganizationMax: 1_000,
} as const;

/** Quotas a deployment may change. */
export interface SoftQuotas {
  readonly organizationsPerAccount: number;
  readonly usersPerOrganization: number;
  /** Domains per organization (at most {@link HARD_QUOTAS.domainsPerOrganizationMax}). */
  readonly domainsPerOrganization: number;
  readonly externalRecipientsPerUserPerDay: number;
  readonly externalRecipientsPerAccountPerDay: number;
  readonly testDomainRecipientsPerAccountPerDay: number;
  /** Quota of a new mailbox, in MB. */
  readonly defaultMailboxQuotaMegabytes: number;
}

export const DEFAULT_SOFT_QUOTAS: SoftQuotas = {
  organizationsPerAccount: 100,
  usersPerOrganization: 1_000,
  domainsPerOrganization: 100,
  externalRecipientsPerUserPerDay: 10_000,
  externalRecipientsPerAccountPerDay: 100_000,
  testDomainRecipientsPerAccountPerDay: 200,
  defaultMailboxQuotaMegabytes: 51_200,
};

/**
 * Merges overrides into the defaults, refusing values that exceed a hard quota.
 * @param overrides - deployment settings, e.g. from CDK context or the local runtime's flags
 */
export function resolveQuotas(overrides: Partial<SoftQuotas> = {}): SoftQuotas {
  const quotas = { ...DEFAULT_SOFT_QUOTAS, ...overrides };
  if (quotas.domainsPerOrganization > HARD_QUOTAS.domainsPerOrganizationMax) {
    throw new RangeError(`domainsPerOrganization cannot exceed ${HARD_QUOTAS.domainsPerOrganizationMax}`);
  }
  if (quotas.defaultMailboxQuotaMegabytes > HARD_QUOTAS.mailboxQuotaMaxMegabytes) {
    throw new RangeError(
      `defaultMailboxQuotaMegabytes cannot exceed ${HARD_QUOTAS.mailboxQuotaMaxMegabytes}`,
    );
  }
  return quotas;
}

/**
 * A mailbox's quota in bytes: its own `MailboxQuota` (MB) when set, else the deployment's default.
 * @example
 * mailboxQuotaBytes(undefined, DEFAULT_SOFT_QUOTAS); // 53_687_091_200
 */
export function mailboxQuotaBytes(
  quotaMegabytes: number | undefined,
  quotas: Pick<SoftQuotas, 'defaultMailboxQuotaMegabytes'>,
): number {
  return (quotaMegabytes ?? quotas.defaultMailboxQuotaMegabytes) * 1024 * 1024;
}

import { DEFAULT_SOFT_QUOTAS, HARD_QUOTAS, resolveQuotas } from '../../../lambdas/core/config/quotas';

// Literal values of quotas-and-organizations.md §1 (1.1–1.4), not read back from the module under test.
describe('Quotas', () => {
  it('holds WorkMail’s hard quotas', () => {
    expect(HARD_QUOTAS).toEqual({
      aliasesPerUser: 100,
      mailboxQuotaMaxMegabytes: 50 * 1024,
      senderPatternsPerFlowRule: 250,
      senderPatternsPerOrganization: 1_000,
      messageMimeBytes: 40 * 1024 * 1024,
      messageDecodedBytes: 29 * 1024 * 1024,
      recipientsPerMessage: 500,
      attachmentsPerMessage: 500,
      tagsPerOrganization: 50,
      domainsPerOrganizationMax: 1_000,
    });
  });

  it('defaults the adjustable quotas to WorkMail’s defaults', () => {
    expect(resolveQuotas()).toEqual({
      organizationsPerAccount: 100,
      usersPerOrganization: 1_000,
      // §1.2 is ambiguous (1,000 in the quota table, "up to 100" on the Adding a domain page): the lower one.
      domainsPerOrganization: 100,
      externalRecipientsPerUserPerDay: 10_000,
      externalRecipientsPerAccountPerDay: 100_000,
      testDomainRecipientsPerAccountPerDay: 200,
      defaultMailboxQuotaMegabytes: 50 * 1024,
    });
  });

  it('applies an override and keeps the other defaults', () => {
    const quotas = resolveQuotas({ usersPerOrganization: 5 });

    expect(quotas).toEqual({ ...resolveQuotas(), usersPerOrganization: 5 });
    expect(DEFAULT_SOFT_QUOTAS.usersPerOrganization).toBe(1_000);
  });

  it('accepts 1,000 domains per organization and refuses 1,001', () => {
    expect(resolveQuotas({ domainsPerOrganization: 1_000 }).domainsPerOrganization).toBe(1_000);
    expect(() => resolveQuotas({ domainsPerOrganization: 1_001 })).toThrow(RangeError);
    expect(() => resolveQuotas({ domainsPerOrganization: 1_001 })).toThrow(
      /domainsPerOrganization cannot exceed 1000/,
    );
  });

  it('accepts a default mailbox quota of 50 GB and refuses one megabyte more', () => {
    expect(resolveQuotas({ defaultMailboxQuotaMegabytes: 51_200 }).defaultMailboxQuotaMegabytes).toBe(51_200);
    expect(() => resolveQuotas({ defaultMailboxQuotaMegabytes: 51_201 })).toThrow(RangeError);
    expect(() => resolveQuotas({ defaultMailboxQuotaMegabytes: 51_201 })).toThrow(
      /defaultMailboxQuotaMegabytes cannot exceed 51200/,
    );
  });
});

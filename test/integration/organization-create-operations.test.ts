import {
  createOrganization,
  deleteOrganization,
  listOrganizations,
} from '../../lambdas/core/api/operations/organizations';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

type Created = { OrganizationId: string };
type Listed = { OrganizationSummaries: Array<{ OrganizationId: string; Alias: string }>; NextToken?: string };

describe('Operation: CreateOrganization', () => {
  let t: TestApiDeps;
  beforeAll(async () => {
    t = await createTestApiDeps();
  });

  it('creates an Active organization with a verified default test domain and DMARC enforced', async () => {
    // Act
    const { OrganizationId } = await t.call<Created>(createOrganization, {
      Alias: 'Acme-Corp',
      KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
    });
    // Assess
    expect(OrganizationId).toMatch(/^m-[0-9a-f]{32}$/);
    const organization = await t.deps.organizations.getOrganization(OrganizationId);
    expect(organization).toMatchObject({
      state: 'Active',
      defaultMailDomain: 'acme-corp.mailwright.test',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
      dmarcEnforced: true,
    });
    const testDomain = await t.deps.organizations.getMailDomain(OrganizationId, 'acme-corp.mailwright.test');
    expect(testDomain).toMatchObject({ isTestDomain: true, ownershipVerificationStatus: 'VERIFIED' });
  });

  it('registers the given domains too', async () => {
    const { OrganizationId } = await t.call<Created>(createOrganization, {
      Alias: 'withdomains',
      Domains: [{ DomainName: 'Withdomains.Example' }],
    });
    expect(await t.deps.organizations.findDomainOwner('withdomains.example')).toBe(OrganizationId);
  });

  it('rejects an alias already taken, whatever its case', async () => {
    await t.call(createOrganization, { Alias: 'taken' });
    await expect(t.call(createOrganization, { Alias: 'TAKEN' })).rejects.toMatchObject({
      name: 'NameAvailabilityException',
    });
  });

  it('rejects a domain another organization holds and leaves nothing behind', async () => {
    const holder = await t.call<Created>(createOrganization, {
      Alias: 'holder',
      Domains: [{ DomainName: 'held.example' }],
    });
    await expect(
      t.call(createOrganization, { Alias: 'grabber', Domains: [{ DomainName: 'held.example' }] }),
    ).rejects.toMatchObject({
      name: 'MailDomainInUseException',
    });
    expect(await t.deps.organizations.findDomainOwner('held.example')).toBe(holder.OrganizationId);
    await expect(t.call(createOrganization, { Alias: 'grabber' })).resolves.toHaveProperty('OrganizationId');
  });

  it('refuses a key scoped to organizations, which could not see what it created', async () => {
    const scoped = {
      accessKeyId: 'AKMWSCOPED0000000001',
      organizations: ['m-00000000000000000000000000000000'],
    };

    await expect(t.call(createOrganization, { Alias: 'scopedmade' }, scoped)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(t.call(createOrganization, { Alias: 'scopedmade' })).resolves.toHaveProperty(
      'OrganizationId',
    );
  });

  it('refuses an external directory and interoperability', async () => {
    await expect(
      t.call(createOrganization, { Alias: 'dir', DirectoryId: 'd-0123456789' }),
    ).rejects.toMatchObject({
      name: 'DirectoryUnavailableException',
    });
    await expect(
      t.call(createOrganization, { Alias: 'interop', EnableInteroperability: true }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('rejects an alias starting with d-', async () => {
    await expect(t.call(createOrganization, { Alias: 'd-bad' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('enforces the organizations-per-account quota, counting deleted organizations out', async () => {
    // Prepare
    const limited = await createTestApiDeps({
      settings: { quotas: resolveQuotas({ organizationsPerAccount: 2 }) },
    });
    const first = await limited.call<Created>(createOrganization, { Alias: 'one' });
    await limited.call(createOrganization, { Alias: 'two' });
    // Act / Assess
    await expect(limited.call(createOrganization, { Alias: 'three' })).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await limited.call(deleteOrganization, { OrganizationId: first.OrganizationId, DeleteDirectory: true });
    await expect(limited.call(createOrganization, { Alias: 'three' })).resolves.toHaveProperty(
      'OrganizationId',
    );
  });

  it('accepts as many domains as the domains quota, counting case variants once, and refuses one more', async () => {
    const limited = await createTestApiDeps({
      settings: { quotas: resolveQuotas({ domainsPerOrganization: 2 }) },
    });
    const domains = (...names: string[]) => names.map((DomainName) => ({ DomainName }));

    await expect(
      limited.call(createOrganization, {
        Alias: 'two',
        Domains: domains('a.example', 'B.example', 'b.example'),
      }),
    ).resolves.toHaveProperty('OrganizationId');
    await expect(
      limited.call(createOrganization, {
        Alias: 'three',
        Domains: domains('c.example', 'd.example', 'e.example'),
      }),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect(await limited.deps.organizations.findDomainOwner('c.example')).toBeUndefined();
  });

  it('lets exactly one of two concurrent creations with one alias win', async () => {
    const results = await Promise.allSettled([
      t.call<Created>(createOrganization, { Alias: 'race' }),
      t.call<Created>(createOrganization, { Alias: 'race' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { name: 'NameAvailabilityException' },
    });
  });

  it('returns the original organization when a ClientToken is replayed, and creates nothing new', async () => {
    const first = await t.call<Created>(createOrganization, { Alias: 'idem', ClientToken: 'token-1' });
    const again = await t.call<Created>(createOrganization, { Alias: 'idem', ClientToken: 'token-1' });
    expect(again).toEqual(first);
  });

  it('rejects a ClientToken reused with other parameters', async () => {
    await t.call(createOrganization, { Alias: 'idem2', ClientToken: 'token-2' });
    await expect(
      t.call(createOrganization, { Alias: 'idem3', ClientToken: 'token-2' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it("lets a failed call's ClientToken be used again", async () => {
    // Prepare
    await t.call(createOrganization, { Alias: 'busy' });
    await expect(t.call(createOrganization, { Alias: 'busy', ClientToken: 'token-3' })).rejects.toMatchObject(
      {
        name: 'NameAvailabilityException',
      },
    );
    // Act
    const retried = await t.call<Created>(createOrganization, { Alias: 'notbusy', ClientToken: 'token-3' });
    // Assess
    expect((await t.deps.organizations.getOrganization(retried.OrganizationId))?.alias).toBe('notbusy');
  });

  it('acts once for two concurrent calls with one ClientToken', async () => {
    const limited = await createTestApiDeps();
    const request = { Alias: 'twins', ClientToken: 'token-4' };
    const [a, b] = await Promise.all([
      limited.call<Created>(createOrganization, request),
      limited.call<Created>(createOrganization, request),
    ]);
    expect(a).toEqual(b);
    const listed = await limited.call<Listed>(listOrganizations, {});
    expect(listed.OrganizationSummaries.map((summary) => summary.OrganizationId)).toEqual([a.OrganizationId]);
  });
});

import {
  createOrganization,
  getMailDomain,
  listMailDomains,
  registerMailDomain,
  updateDefaultMailDomain,
} from '../../lambdas/core/api/operations/organizations';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import { requireUsableDomain } from '../../lambdas/core/directory/guards';
import { ScriptedDomainVerifier, createTestApiDeps, type TestApiDeps } from '../support/api-deps';

type Created = { OrganizationId: string };
type Domains = { MailDomains: Array<{ DomainName: string; DefaultDomain: boolean }>; NextToken?: string };
type Described = {
  Records: Array<{ Type: string; Hostname: string; Value: string }>;
  IsTestDomain: boolean;
  IsDefault: boolean;
  OwnershipVerificationStatus: string;
  DkimVerificationStatus: string;
};

async function organization(t: TestApiDeps, alias: string): Promise<string> {
  return (await t.call<Created>(createOrganization, { Alias: alias })).OrganizationId;
}

describe('Operation: RegisterMailDomain', () => {
  let t: TestApiDeps;
  beforeAll(async () => {
    t = await createTestApiDeps();
  });

  it('registers a domain in lower case', async () => {
    const OrganizationId = await organization(t, 'reg');
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'Example.COM' });
    expect(await t.deps.organizations.findDomainOwner('example.com')).toBe(OrganizationId);
  });

  it('succeeds again for the organization that holds the domain, without counting it twice', async () => {
    const limited = await createTestApiDeps({
      settings: { quotas: resolveQuotas({ domainsPerOrganization: 1 }) },
    });
    const OrganizationId = await organization(limited, 'again');
    await limited.call(registerMailDomain, { OrganizationId, DomainName: 'again.example' });
    await expect(
      limited.call(registerMailDomain, { OrganizationId, DomainName: 'again.example' }),
    ).resolves.toEqual({});
    await expect(
      limited.call(registerMailDomain, { OrganizationId, DomainName: 'other.example' }),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
  });

  it('rejects a domain another organization holds', async () => {
    const first = await organization(t, 'first');
    const second = await organization(t, 'second');
    await t.call(registerMailDomain, { OrganizationId: first, DomainName: 'shared.example' });
    await expect(
      t.call(registerMailDomain, { OrganizationId: second, DomainName: 'shared.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainInUseException',
    });
  });

  it('lets exactly one of two organizations registering one domain concurrently win', async () => {
    const [a, b] = [await organization(t, 'race-a'), await organization(t, 'race-b')];
    const results = await Promise.allSettled([
      t.call(registerMailDomain, { OrganizationId: a, DomainName: 'contested.example' }),
      t.call(registerMailDomain, { OrganizationId: b, DomainName: 'contested.example' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { name: 'MailDomainInUseException' },
    });
    const winner = results[0].status === 'fulfilled' ? a : b;
    expect(await t.deps.organizations.findDomainOwner('contested.example')).toBe(winner);
  });

  it('rejects non-ASCII, malformed and test-suffix names', async () => {
    const OrganizationId = await organization(t, 'names');
    for (const DomainName of ['exämple.com', 'bad..example', '-bad.example', 'sneaky.mailwright.test']) {
      await expect(t.call(registerMailDomain, { OrganizationId, DomainName })).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    }
  });

  it('replays a ClientToken and refuses it with another domain', async () => {
    const OrganizationId = await organization(t, 'tokens');
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'token.example', ClientToken: 'reg-1' });
    await expect(
      t.call(registerMailDomain, { OrganizationId, DomainName: 'token.example', ClientToken: 'reg-1' }),
    ).resolves.toEqual({});
    await expect(
      t.call(registerMailDomain, { OrganizationId, DomainName: 'token2.example', ClientToken: 'reg-1' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it("refuses an organization outside the caller's scope", async () => {
    const OrganizationId = await organization(t, 'scoped');
    const other = { accessKeyId: 'AKIDOTHER', organizations: ['m-00000000000000000000000000000000'] };
    await expect(
      t.call(registerMailDomain, { OrganizationId, DomainName: 'scope.example' }, other),
    ).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });
});

describe('Operation: GetMailDomain', () => {
  it('returns the full record set and refreshes a pending domain through the verifier', async () => {
    // Prepare
    const verifier = new ScriptedDomainVerifier();
    const t = await createTestApiDeps({ domainVerifier: verifier });
    const OrganizationId = await organization(t, 'records');
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'records.example' });
    // Act
    const pending = await t.call<Described>(getMailDomain, { OrganizationId, DomainName: 'records.example' });
    verifier.set('records.example', { ownership: 'VERIFIED', dkim: 'VERIFIED' });
    const verified = await t.call<Described>(getMailDomain, {
      OrganizationId,
      DomainName: 'RECORDS.example',
    });
    // Assess
    expect(pending).toMatchObject({
      IsTestDomain: false,
      IsDefault: false,
      OwnershipVerificationStatus: 'PENDING',
      DkimVerificationStatus: 'PENDING',
    });
    expect(verified).toMatchObject({
      OwnershipVerificationStatus: 'VERIFIED',
      DkimVerificationStatus: 'VERIFIED',
    });
    expect(verified.Records).toEqual([
      { Type: 'TXT', Hostname: '_amazonses.records.example', Value: 'token-records.example' },
      { Type: 'MX', Hostname: 'records.example', Value: '10 inbound-smtp.eu-west-1.amazonaws.com' },
      { Type: 'CNAME', Hostname: 'dkima._domainkey.records.example', Value: 'dkima.dkim.amazonses.com' },
      { Type: 'CNAME', Hostname: 'dkimb._domainkey.records.example', Value: 'dkimb.dkim.amazonses.com' },
      { Type: 'CNAME', Hostname: 'dkimc._domainkey.records.example', Value: 'dkimc.dkim.amazonses.com' },
      { Type: 'TXT', Hostname: 'records.example', Value: 'v=spf1 include:amazonses.com ~all' },
      { Type: 'TXT', Hostname: '_dmarc.records.example', Value: 'v=DMARC1;p=quarantine;pct=100;fo=1' },
      {
        Type: 'CNAME',
        Hostname: 'autodiscover.records.example',
        Value: 'autodiscover.mail.eu-west-1.awsapps.com',
      },
    ]);
    expect(
      (await t.deps.organizations.getMailDomain(OrganizationId, 'records.example'))
        ?.ownershipVerificationStatus,
    ).toBe('VERIFIED');
  });

  it('reports DKIM verified when it completes after the ownership verification', async () => {
    const verifier = new ScriptedDomainVerifier();
    const t = await createTestApiDeps({ domainVerifier: verifier });
    const OrganizationId = await organization(t, 'dkimlater');
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'dkim-later.example' });
    const get = () => t.call<Described>(getMailDomain, { OrganizationId, DomainName: 'dkim-later.example' });

    verifier.set('dkim-later.example', { ownership: 'VERIFIED', dkim: 'PENDING' });
    const ownershipOnly = await get();
    verifier.set('dkim-later.example', { ownership: 'VERIFIED', dkim: 'VERIFIED' });
    const both = await get();

    expect(ownershipOnly).toMatchObject({
      OwnershipVerificationStatus: 'VERIFIED',
      DkimVerificationStatus: 'PENDING',
    });
    expect(both).toMatchObject({
      OwnershipVerificationStatus: 'VERIFIED',
      DkimVerificationStatus: 'VERIFIED',
    });
  });

  it('describes the test domain as the verified default', async () => {
    const t = await createTestApiDeps();
    const OrganizationId = await organization(t, 'Testdom');
    await expect(
      t.call(getMailDomain, { OrganizationId, DomainName: 'testdom.mailwright.test' }),
    ).resolves.toMatchObject({
      IsTestDomain: true,
      IsDefault: true,
      OwnershipVerificationStatus: 'VERIFIED',
    });
  });

  it('reports an unknown domain', async () => {
    const t = await createTestApiDeps();
    const OrganizationId = await organization(t, 'unknown');
    await expect(
      t.call(getMailDomain, { OrganizationId, DomainName: 'nowhere.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
  });
});

describe('Operation: ListMailDomains', () => {
  it('pages through the domains, flagging the default', async () => {
    // Prepare
    const t = await createTestApiDeps();
    const OrganizationId = await organization(t, 'lister');
    for (const name of ['a.example', 'b.example', 'c.example', 'd.example']) {
      await t.call(registerMailDomain, { OrganizationId, DomainName: name });
    }
    // Act
    const first = await t.call<Domains>(listMailDomains, { OrganizationId, MaxResults: 2 });
    const second = await t.call<Domains>(listMailDomains, {
      OrganizationId,
      MaxResults: 2,
      NextToken: first.NextToken,
    });
    const third = await t.call<Domains>(listMailDomains, {
      OrganizationId,
      MaxResults: 2,
      NextToken: second.NextToken,
    });
    // Assess
    const all = [first, second, third].flatMap((page) => page.MailDomains);
    expect(all).toHaveLength(5);
    expect(all.filter((domain) => domain.DefaultDomain)).toEqual([
      { DomainName: 'lister.mailwright.test', DefaultDomain: true },
    ]);
    expect(third).not.toHaveProperty('NextToken');
  });

  it('refuses a NextToken of another organization', async () => {
    const t = await createTestApiDeps();
    const [a, b] = [await organization(t, 'tok-a'), await organization(t, 'tok-b')];
    await t.call(registerMailDomain, { OrganizationId: a, DomainName: 'tok.example' });
    const page = await t.call<Domains>(listMailDomains, { OrganizationId: a, MaxResults: 1 });
    await expect(
      t.call(listMailDomains, { OrganizationId: b, NextToken: page.NextToken }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('Operation: UpdateDefaultMailDomain', () => {
  it('makes a verified domain the default and refuses an unverified one', async () => {
    const verifier = new ScriptedDomainVerifier();
    const t = await createTestApiDeps({ domainVerifier: verifier });
    const OrganizationId = await organization(t, 'defaults');
    await t.call(registerMailDomain, { OrganizationId, DomainName: 'pending.example' });
    await expect(
      t.call(updateDefaultMailDomain, { OrganizationId, DomainName: 'pending.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainStateException',
    });
    await expect(requireUsableDomain(t.deps, OrganizationId, 'ana@pending.example')).rejects.toMatchObject({
      name: 'MailDomainStateException',
    });
    verifier.set('pending.example', { ownership: 'VERIFIED', dkim: 'PENDING' });
    await t.call(updateDefaultMailDomain, { OrganizationId, DomainName: 'Pending.Example' });
    await expect(
      t.call(getMailDomain, { OrganizationId, DomainName: 'pending.example' }),
    ).resolves.toMatchObject({ IsDefault: true });
    await expect(
      t.call(updateDefaultMailDomain, { OrganizationId, DomainName: 'missing.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
  });
});

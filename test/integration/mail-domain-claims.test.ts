import { DynamoDbEntityStore } from '../../lambdas/adapters/aws/dynamodb-entity-store';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { createUser, registerToWorkMail } from '../../lambdas/core/api/operations/entities';
import {
  createOrganization,
  deregisterMailDomain,
  getMailDomain,
  listMailDomains,
  registerMailDomain,
} from '../../lambdas/core/api/operations/organizations';
import { directoryRecipients } from '../../lambdas/core/delivery';
import { requireUsableDomain } from '../../lambdas/core/directory/guards';
import { ScriptedDomainVerifier, createTestApiDeps, type TestApiDeps } from '../support/api-deps';

type Status = { OwnershipVerificationStatus: string; DkimVerificationStatus: string };
const VERIFIED = { ownership: 'VERIFIED', dkim: 'VERIFIED' } as const;

describe('Mail domain claims across organizations', () => {
  let t: TestApiDeps;
  let verifier: ScriptedDomainVerifier;
  let aliases = 0;
  const organization = async (): Promise<string> => {
    aliases += 1;
    const created = await t.call<{ OrganizationId: string }>(createOrganization, {
      Alias: `claims-${aliases}`,
    });
    return created.OrganizationId;
  };
  const register = (OrganizationId: string, DomainName: string) =>
    t.call(registerMailDomain, { OrganizationId, DomainName });
  const status = (OrganizationId: string, DomainName: string) =>
    t.call<Status>(getMailDomain, { OrganizationId, DomainName });
  const owner = (domainName: string) => t.deps.organizations.findDomainOwner(domainName);

  beforeAll(async () => {
    verifier = new ScriptedDomainVerifier();
    t = await createTestApiDeps({ domainVerifier: verifier });
    Object.assign(t.deps as ApiDeps, {
      entities: new DynamoDbEntityStore(t.tables.documents, t.tables.directoryTable),
    });
  });

  it('lets other organizations register a domain still pending verification, which routes no mail', async () => {
    const [squatter, other] = [await organization(), await organization()];

    await register(squatter, 'pending.example');

    await expect(register(other, 'pending.example')).resolves.toEqual({});
    expect(await owner('pending.example')).toBeUndefined();
  });

  it('gives a domain to the organization that verifies it, though another registered it first', async () => {
    // Prepare
    const [squatter, rightful] = [await organization(), await organization()];
    await register(squatter, 'rightful.example');
    await register(rightful, 'rightful.example');
    verifier.set('rightful.example', VERIFIED);
    // Act
    const rightfulStatus = await status(rightful, 'rightful.example');
    const squatterStatus = await status(squatter, 'rightful.example');
    const { UserId } = await t.call<{ UserId: string }>(createUser, {
      OrganizationId: rightful,
      Name: 'ana',
      DisplayName: 'Ana',
    });
    await t.call(registerToWorkMail, {
      OrganizationId: rightful,
      EntityId: UserId,
      Email: 'ana@rightful.example',
    });
    // Assess
    expect(rightfulStatus).toMatchObject({ OwnershipVerificationStatus: 'VERIFIED' });
    expect(squatterStatus).toEqual(
      expect.objectContaining({ OwnershipVerificationStatus: 'FAILED', DkimVerificationStatus: 'FAILED' }),
    );
    expect(await owner('rightful.example')).toBe(rightful);
    const routed = await directoryRecipients(t.deps.organizations, t.deps.entities).resolveAddress(
      'ana@rightful.example',
    );
    expect(routed).toMatchObject({ organizationId: rightful, entityId: UserId });
    await expect(requireUsableDomain(t.deps, squatter, 'eve@rightful.example')).rejects.toMatchObject({
      name: 'MailDomainStateException',
    });
  });

  it('lets exactly one of several organizations seeing the domain verified at once claim it', async () => {
    // Prepare
    const organizations = [await organization(), await organization(), await organization()];
    for (const id of organizations) await register(id, 'race.example');
    verifier.set('race.example', VERIFIED);
    // Act
    const statuses = await Promise.all(organizations.map((id) => status(id, 'race.example')));
    // Assess
    const winners = organizations.filter((_, i) => statuses[i]!.OwnershipVerificationStatus === 'VERIFIED');
    expect(winners).toHaveLength(1);
    expect(statuses.filter((s) => s.OwnershipVerificationStatus === 'FAILED')).toHaveLength(2);
    expect(await owner('race.example')).toBe(winners[0]);
  });

  it('claims a domain found verified by ListMailDomains too', async () => {
    const id = await organization();
    await register(id, 'listed.example');
    verifier.set('listed.example', VERIFIED);

    await t.call(listMailDomains, { OrganizationId: id });

    expect(await owner('listed.example')).toBe(id);
  });

  it('refuses a domain another organization verified, naming no organization', async () => {
    const [holder, other] = [await organization(), await organization()];
    verifier.set('held.example', VERIFIED);
    await register(holder, 'held.example');

    const refusal = register(other, 'held.example');

    await expect(refusal).rejects.toMatchObject({
      name: 'MailDomainInUseException',
      message: 'The domain held.example is already in use.',
    });
    expect(await owner('held.example')).toBe(holder);
  });

  it('hands a domain to a waiting organization that registers it again after the owner let it go', async () => {
    const [holder, waiting] = [await organization(), await organization()];
    await register(holder, 'handover.example');
    await register(waiting, 'handover.example');
    verifier.set('handover.example', VERIFIED);
    await status(holder, 'handover.example');
    await status(waiting, 'handover.example');

    await t.call(deregisterMailDomain, { OrganizationId: holder, DomainName: 'handover.example' });
    await register(waiting, 'handover.example');

    expect(await owner('handover.example')).toBe(waiting);
    await expect(status(waiting, 'handover.example')).resolves.toMatchObject({
      OwnershipVerificationStatus: 'VERIFIED',
    });
  });

  describe('subdomains', () => {
    it("refuses a subdomain of another organization's verified domain, pending or verified", async () => {
      const [parentOwner, other] = [await organization(), await organization()];
      verifier.set('parent.example', VERIFIED);
      await register(parentOwner, 'parent.example');
      verifier.set('verified.deep.parent.example', VERIFIED);

      for (const DomainName of ['mail.parent.example', 'verified.deep.parent.example']) {
        await expect(register(other, DomainName)).rejects.toMatchObject({ name: 'MailDomainInUseException' });
      }
      await expect(register(parentOwner, 'mail.parent.example')).resolves.toEqual({});
    });

    it('marks FAILED a subdomain whose parent another organization verified while it was pending', async () => {
      const [subOwner, parentOwner] = [await organization(), await organization()];
      await register(subOwner, 'sub.later.example');
      verifier.set('later.example', VERIFIED);
      await register(parentOwner, 'later.example');
      verifier.set('sub.later.example', VERIFIED);

      await expect(status(subOwner, 'sub.later.example')).resolves.toMatchObject({
        OwnershipVerificationStatus: 'FAILED',
      });
      expect(await owner('sub.later.example')).toBeUndefined();
    });

    it('keeps a subdomain verified before another organization verified its parent', async () => {
      const [subOwner, parentOwner] = [await organization(), await organization()];
      verifier.set('sub.first.example', VERIFIED);
      await register(subOwner, 'sub.first.example');
      verifier.set('first.example', VERIFIED);

      await register(parentOwner, 'first.example');

      expect(await owner('sub.first.example')).toBe(subOwner);
      expect(await owner('first.example')).toBe(parentOwner);
    });
  });

  describe('CreateOrganization', () => {
    it('registers a pending domain without claiming it', async () => {
      const created = (Alias: string) =>
        t.call<{ OrganizationId: string }>(createOrganization, {
          Alias,
          Domains: [{ DomainName: 'created.example' }],
        });

      await created('with-pending-1');
      await expect(created('with-pending-2')).resolves.toHaveProperty('OrganizationId');
      expect(await owner('created.example')).toBeUndefined();
    });

    it('refuses a domain under a parent another organization verified, naming the domain asked for', async () => {
      verifier.set('org-parent.example', VERIFIED);
      await register(await organization(), 'org-parent.example');

      await expect(
        t.call(createOrganization, {
          Alias: 'under-parent',
          Domains: [{ DomainName: 'free.example' }, { DomainName: 'a.org-parent.example' }],
        }),
      ).rejects.toMatchObject({
        name: 'MailDomainInUseException',
        message: 'The domain a.org-parent.example is already in use.',
      });
    });

    it('registers five domains of the most labels allowed in one transaction', async () => {
      const deep = (n: number) => `${'x.'.repeat(14)}deep${n}.example`;

      const { OrganizationId } = await t.call<{ OrganizationId: string }>(createOrganization, {
        Alias: 'deep',
        Domains: [1, 2, 3, 4, 5].map((n) => ({ DomainName: deep(n) })),
      });

      expect(await t.deps.organizations.getMailDomain(OrganizationId, deep(5))).toBeDefined();
    });

    it('claims a verified domain together with its own verified subdomain', async () => {
      verifier.set('both.example', VERIFIED);
      verifier.set('sub.both.example', VERIFIED);

      const { OrganizationId } = await t.call<{ OrganizationId: string }>(createOrganization, {
        Alias: 'both',
        Domains: [{ DomainName: 'sub.both.example' }, { DomainName: 'both.example' }],
      });

      expect(await owner('both.example')).toBe(OrganizationId);
      expect(await owner('sub.both.example')).toBe(OrganizationId);
    });
  });
});

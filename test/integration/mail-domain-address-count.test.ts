import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import {
  createAlias,
  deleteAlias,
  deregisterFromWorkMail,
  listAliases,
  registerToWorkMail,
  updatePrimaryEmailAddress,
} from '../../lambdas/core/api/operations/entities';
import { deregisterMailDomain, getMailDomain } from '../../lambdas/core/api/operations/organizations';
import type { EntityStore, OrganizationStore } from '../../lambdas/core/directory/ports';
import { addDomain, entityKit, gate, patchStore, type EntityKit } from './entity-kit';

type Aliases = { Aliases: string[] };

describe('Operation: DeregisterMailDomain against concurrent address claims', () => {
  let kit: EntityKit;
  let realOrganizations: OrganizationStore;
  let realEntities: EntityStore;
  beforeAll(async () => {
    kit = await entityKit();
    realOrganizations = kit.deps.organizations;
    realEntities = kit.deps.entities;
  });
  afterEach(() => {
    Object.assign(kit.deps as ApiDeps, { organizations: realOrganizations, entities: realEntities });
  });

  const addressCount = async (domainName: string) => {
    const { Item } = await kit.tables.documents.send(
      new GetCommand({
        TableName: kit.tables.directoryTable,
        Key: { pk: `ORG#${kit.orgId}`, sk: `DOMAIN#${domainName}` },
        ConsistentRead: true,
      }),
    );
    return Item?.addressCount;
  };
  const domainExists = async (DomainName: string) =>
    kit.call(getMailDomain, { OrganizationId: kit.orgId, DomainName }).then(
      () => true,
      (error: Error) => (error.name === 'MailDomainNotFoundException' ? false : Promise.reject(error)),
    );
  const aliasesOf = async (EntityId: string) =>
    (await kit.call<Aliases>(listAliases, { OrganizationId: kit.orgId, EntityId })).Aliases;

  it('counts addresses on the domain through register, aliases, primary change and deregistration', async () => {
    // Prepare
    await addDomain(kit, 'counted.example');
    const id = await kit.user('counted');
    const OrganizationId = kit.orgId;
    // Act & Assess
    await kit.call(registerToWorkMail, { OrganizationId, EntityId: id, Email: 'counted@counted.example' });
    expect(await addressCount('counted.example')).toBe(1);
    await kit.call(createAlias, { OrganizationId, EntityId: id, Alias: 'a1@counted.example' });
    await kit.call(createAlias, { OrganizationId, EntityId: id, Alias: 'a2@counted.example' });
    await kit.call(createAlias, { OrganizationId, EntityId: id, Alias: 'a1@counted.example' });
    expect(await addressCount('counted.example')).toBe(3);
    await kit.call(updatePrimaryEmailAddress, { OrganizationId, EntityId: id, Email: 'a1@counted.example' });
    expect(await addressCount('counted.example')).toBe(3);
    await kit.call(updatePrimaryEmailAddress, { OrganizationId, EntityId: id, Email: 'new@counted.example' });
    expect(await addressCount('counted.example')).toBe(4);
    await kit.call(deleteAlias, { OrganizationId, EntityId: id, Alias: 'a2@counted.example' });
    await kit.call(deleteAlias, { OrganizationId, EntityId: id, Alias: 'a2@counted.example' });
    expect(await addressCount('counted.example')).toBe(3);
    await expect(
      kit.call(deregisterMailDomain, { OrganizationId, DomainName: 'counted.example' }),
    ).rejects.toMatchObject({ name: 'MailDomainInUseException' });
    await kit.call(deregisterFromWorkMail, { OrganizationId, EntityId: id });
    expect(await addressCount('counted.example')).toBe(0);
    await kit.call(deregisterMailDomain, { OrganizationId, DomainName: 'counted.example' });
    expect(await domainExists('counted.example')).toBe(false);
  });

  it('refuses the removal when an alias is claimed after the in-use check', async () => {
    // Prepare: DeregisterMailDomain pauses after finding the domain unused, until CreateAlias has finished.
    await addDomain(kit, 'late-alias.example');
    const id = await kit.enabledUser('late-alias');
    const checked = gate();
    const aliasDone = gate();
    Object.assign(kit.deps as ApiDeps, {
      organizations: patchStore(realOrganizations, {
        isMailDomainInUse: async (organizationId: string, domainName: string) => {
          const inUse = await realOrganizations.isMailDomainInUse(organizationId, domainName);
          checked.open();
          await aliasDone.wait();
          return inUse;
        },
      }),
    });
    // Act
    const deregistering = kit.call(deregisterMailDomain, {
      OrganizationId: kit.orgId,
      DomainName: 'late-alias.example',
    });
    await checked.wait();
    await kit.call(createAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: 'x@late-alias.example' });
    aliasDone.open();
    // Assess
    await expect(deregistering).rejects.toMatchObject({ name: 'MailDomainInUseException' });
    expect(await domainExists('late-alias.example')).toBe(true);
    expect(await aliasesOf(id)).toEqual(['x@late-alias.example']);
  });

  it('refuses an alias whose domain is removed after CreateAlias checked it', async () => {
    // Prepare: CreateAlias pauses after its domain check, until DeregisterMailDomain has finished.
    await addDomain(kit, 'gone.example');
    const id = await kit.enabledUser('gone-alias');
    const checked = gate();
    const domainGone = gate();
    Object.assign(kit.deps as ApiDeps, {
      entities: patchStore(realEntities, {
        addAlias: async (organizationId: string, entityId: string, alias: string, limit: number) => {
          checked.open();
          await domainGone.wait();
          return realEntities.addAlias(organizationId, entityId, alias, limit);
        },
      }),
    });
    // Act
    const aliasing = kit.call(createAlias, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Alias: 'x@gone.example',
    });
    await checked.wait();
    await kit.call(deregisterMailDomain, { OrganizationId: kit.orgId, DomainName: 'gone.example' });
    domainGone.open();
    // Assess
    await expect(aliasing).rejects.toMatchObject({ name: 'MailDomainNotFoundException' });
    expect(await aliasesOf(id)).toEqual([]);
    await expect(kit.deps.entities.findByEmail(kit.orgId, 'x@gone.example')).resolves.toBeUndefined();
  });

  it('never leaves an alias in a deregistered domain when CreateAlias and DeregisterMailDomain race', async () => {
    for (let round = 0; round < 10; round += 1) {
      // Prepare
      const domainName = `race-${round}.example`;
      await addDomain(kit, domainName);
      const id = await kit.enabledUser(`racer-${round}`);
      // Act
      const [aliased, deregistered] = await Promise.allSettled([
        kit.call(createAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: `a@${domainName}` }),
        kit.call(deregisterMailDomain, { OrganizationId: kit.orgId, DomainName: domainName }),
      ]);
      // Assess
      const exists = await domainExists(domainName);
      const aliases = await aliasesOf(id);
      if (aliased.status === 'fulfilled') {
        expect(deregistered).toMatchObject({
          status: 'rejected',
          reason: { name: 'MailDomainInUseException' },
        });
        expect({ exists, aliases }).toEqual({ exists: true, aliases: [`a@${domainName}`] });
        expect(await addressCount(domainName)).toBe(1);
      } else {
        expect(aliased.reason).toMatchObject({ name: 'MailDomainNotFoundException' });
        expect(deregistered.status).toBe('fulfilled');
        expect({ exists, aliases }).toEqual({ exists: false, aliases: [] });
      }
    }
  });
});

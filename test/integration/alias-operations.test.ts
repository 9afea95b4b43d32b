import {
  createAlias,
  deleteAlias,
  deregisterFromWorkMail,
  describeEntity,
  describeUser,
  listAliases,
  registerToWorkMail,
  updatePrimaryEmailAddress,
} from '../../lambdas/core/api/operations/entities';
import { ScriptedDomainVerifier } from '../support/api-deps';
import { addDomain, entityKit, type EntityKit } from './entity-kit';

type Aliases = { Aliases: string[]; NextToken?: string };

describe('Operation: CreateAlias / DeleteAlias / ListAliases', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  const alias = (EntityId: string, Alias: string) =>
    kit.call(createAlias, { OrganizationId: kit.orgId, EntityId, Alias });

  it('adds aliases that route to the entity and lists them', async () => {
    const id = await kit.enabledUser('ali');
    await alias(id, `Sales@${kit.domain}`);
    await alias(id, `sales@${kit.domain}`);
    await alias(id, `info@${kit.domain}`);
    await expect(kit.call(listAliases, { OrganizationId: kit.orgId, EntityId: id })).resolves.toEqual({
      Aliases: [`info@${kit.domain}`, `sales@${kit.domain}`],
    });
    await expect(kit.deps.entities.findByEmail(kit.orgId, `SALES@${kit.domain}`)).resolves.toMatchObject({
      entityId: id,
      kind: 'USER',
    });
  });

  it('rejects an address held by a user, group, resource or alias', async () => {
    const id = await kit.enabledUser('claimer');
    const groupId = await kit.enabledGroup('claimgroup');
    await kit.enabledResource('claimroom');
    await alias(groupId, `held-alias@${kit.domain}`);
    for (const address of ['claimgroup', 'claimroom', 'held-alias']) {
      await expect(alias(id, `${address}@${kit.domain}`)).rejects.toMatchObject({
        name: 'EmailAddressInUseException',
      });
    }
    await expect(alias(id, `claimer@${kit.domain}`)).rejects.toMatchObject({
      name: 'EmailAddressInUseException',
    });
    const newcomer = await kit.user('newcomer');
    await expect(
      kit.call(registerToWorkMail, {
        OrganizationId: kit.orgId,
        EntityId: newcomer,
        Email: `held-alias@${kit.domain}`,
      }),
    ).rejects.toMatchObject({ name: 'EmailAddressInUseException' });
  });

  it('lets exactly one of two concurrent CreateAlias calls for one address win', async () => {
    const [a, b] = [await kit.enabledUser('alias-race-a'), await kit.enabledUser('alias-race-b')];
    const results = await Promise.allSettled([
      alias(a, `contested@${kit.domain}`),
      alias(b, `contested@${kit.domain}`),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { name: 'EmailAddressInUseException' },
    });
  });

  it('refuses the 101st alias, and an alias on a disabled entity', async () => {
    const id = await kit.enabledUser('many');
    for (let i = 0; i < 100; i++) await alias(id, `many${i}@${kit.domain}`);
    await expect(alias(id, `many100@${kit.domain}`)).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    const pages: Aliases[] = [
      await kit.call<Aliases>(listAliases, { OrganizationId: kit.orgId, EntityId: id, MaxResults: 60 }),
    ];
    pages.push(
      await kit.call<Aliases>(listAliases, {
        OrganizationId: kit.orgId,
        EntityId: id,
        MaxResults: 60,
        NextToken: pages[0].NextToken,
      }),
    );
    expect(pages[1]).not.toHaveProperty('NextToken');
    expect(new Set(pages.flatMap((page) => page.Aliases)).size).toBe(100);
    const disabled = await kit.user('sleeper');
    await expect(alias(disabled, `sleeper@${kit.domain}`)).rejects.toMatchObject({
      name: 'EntityStateException',
    });
  });

  it('releases every alias when the entity is disabled', async () => {
    const id = await kit.enabledUser('releaser');
    for (let i = 0; i < 60; i++) await alias(id, `rel${i}@${kit.domain}`);
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    await expect(
      kit.call(describeEntity, { OrganizationId: kit.orgId, Email: `rel59@${kit.domain}` }),
    ).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
    const other = await kit.enabledUser('taker');
    await expect(alias(other, `rel0@${kit.domain}`)).resolves.toEqual({});
  });

  it('deletes an alias and frees the address', async () => {
    const id = await kit.enabledUser('dropper');
    await alias(id, `drop@${kit.domain}`);
    await kit.call(deleteAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: `DROP@${kit.domain}` });
    await expect(kit.call(listAliases, { OrganizationId: kit.orgId, EntityId: id })).resolves.toEqual({
      Aliases: [],
    });
    await expect(kit.deps.entities.findByEmail(kit.orgId, `drop@${kit.domain}`)).resolves.toBeUndefined();
  });

  it('refuses a name in an id-only field, and an unknown id', async () => {
    await kit.enabledUser('idonly-user');
    await expect(alias('idonly-user', `x@${kit.domain}`)).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(alias('00000000-0000-0000-0000-000000000000', `x@${kit.domain}`)).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });
});

describe('Aliases in unverified and unknown domains', () => {
  it('refuses them with MailDomainStateException and MailDomainNotFoundException', async () => {
    const verifier = new ScriptedDomainVerifier();
    const kit = await entityKit({ domainVerifier: verifier, settings: { trustDomainsWithoutDns: false } });
    await addDomain(kit, 'pending.example');
    const id = await kit.enabledUser('domains');
    await expect(
      kit.call(createAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: 'a@pending.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainStateException',
    });
    await expect(
      kit.call(createAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: 'a@nowhere.example' }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
  });
});

describe('Operation: UpdatePrimaryEmailAddress', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('swaps the primary with one of its aliases', async () => {
    const id = await kit.enabledUser('swap');
    await kit.call(createAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: `swap2@${kit.domain}` });
    await kit.call(updatePrimaryEmailAddress, {
      OrganizationId: kit.orgId,
      EntityId: 'swap',
      Email: `swap2@${kit.domain}`,
    });
    await expect(kit.call(describeUser, { OrganizationId: kit.orgId, UserId: id })).resolves.toMatchObject({
      Email: `swap2@${kit.domain}`,
    });
    await expect(kit.call(listAliases, { OrganizationId: kit.orgId, EntityId: id })).resolves.toEqual({
      Aliases: [`swap@${kit.domain}`],
    });
    await kit.call(deleteAlias, { OrganizationId: kit.orgId, EntityId: id, Alias: `swap2@${kit.domain}` });
    await expect(kit.deps.entities.findByEmail(kit.orgId, `swap2@${kit.domain}`)).resolves.toMatchObject({
      entityId: id,
    });
  });

  it('claims a new address and demotes the old primary to an alias', async () => {
    const id = await kit.enabledUser('mover');
    await kit.call(updatePrimaryEmailAddress, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Email: `moved@${kit.domain}`,
    });
    await expect(
      kit.call(describeUser, { OrganizationId: kit.orgId, UserId: `mover@${kit.domain}` }),
    ).resolves.toMatchObject({
      UserId: id,
      Email: `moved@${kit.domain}`,
    });
    await expect(kit.call(listAliases, { OrganizationId: kit.orgId, EntityId: id })).resolves.toEqual({
      Aliases: [`mover@${kit.domain}`],
    });
  });

  it('refuses an address of another entity, and a disabled entity', async () => {
    const id = await kit.enabledUser('wants');
    await kit.enabledUser('has');
    await expect(
      kit.call(updatePrimaryEmailAddress, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Email: `has@${kit.domain}`,
      }),
    ).rejects.toMatchObject({
      name: 'EmailAddressInUseException',
    });
    const disabled = await kit.user('off');
    await expect(
      kit.call(updatePrimaryEmailAddress, {
        OrganizationId: kit.orgId,
        EntityId: disabled,
        Email: `off@${kit.domain}`,
      }),
    ).rejects.toMatchObject({ name: 'EntityStateException' });
  });
});

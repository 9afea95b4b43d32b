import { directoryRecipients, resolveRecipients } from '../../../lambdas/core/delivery';
import type { EntityReference, EntityStore, OrganizationStore } from '../../../lambdas/core/directory/ports';
import type { Entity } from '../../../lambdas/core/directory/types';

/** Domain owners of the organization store, by lower-case domain. */
class InMemoryDomainOwners implements Pick<OrganizationStore, 'findDomainOwner'> {
  readonly lookups: string[] = [];

  constructor(private readonly owners: Readonly<Record<string, string>>) {}

  async findDomainOwner(domainName: string): Promise<string | undefined> {
    this.lookups.push(domainName);
    return this.owners[domainName];
  }
}

/** The entity store's read side that delivery uses: addresses (case-insensitive), ids and group members. */
class InMemoryEntities implements Pick<EntityStore, 'findByEmail' | 'getEntity' | 'listMembers'> {
  private readonly entities = new Map<string, Entity>();
  private readonly members = new Map<string, EntityReference[]>();

  add(fields: Partial<Entity> & Pick<Entity, 'entityId' | 'kind'>): Entity {
    const entity: Entity = {
      organizationId: 'm-1',
      name: fields.entityId,
      state: 'ENABLED',
      aliases: [],
      hiddenFromGlobalAddressList: false,
      createdAt: 0,
      ...fields,
    };
    this.entities.set(`${entity.organizationId}|${entity.entityId}`, entity);
    return entity;
  }

  addMember(group: Entity, member: Entity): void {
    const list = this.members.get(`${group.organizationId}|${group.entityId}`) ?? [];
    list.push({ entityId: member.entityId, kind: member.kind });
    this.members.set(`${group.organizationId}|${group.entityId}`, list);
  }

  async findByEmail(organizationId: string, address: string): Promise<Entity | undefined> {
    const wanted = address.toLowerCase();
    return [...this.entities.values()].find(
      (entity) =>
        entity.organizationId === organizationId &&
        (entity.email === wanted || entity.aliases.includes(wanted)),
    );
  }

  async getEntity(organizationId: string, entityId: string): Promise<Entity | undefined> {
    return this.entities.get(`${organizationId}|${entityId}`);
  }

  async listMembers(organizationId: string, groupId: string): Promise<EntityReference[]> {
    return this.members.get(`${organizationId}|${groupId}`) ?? [];
  }
}

function setup() {
  const organizations = new InMemoryDomainOwners({ 'example.com': 'm-1' });
  const entities = new InMemoryEntities();
  return { organizations, entities, directory: directoryRecipients(organizations, entities) };
}

describe('directoryRecipients', () => {
  it('resolves a primary address or an alias through the organization owning the domain', async () => {
    // Prepare
    const { organizations, entities, directory } = setup();
    entities.add({
      entityId: 'u-1',
      kind: 'USER',
      role: 'USER',
      email: 'alice@example.com',
      aliases: ['al@example.com'],
      mailboxQuotaMegabytes: 2,
    });

    // Act
    const primary = await directory.resolveAddress('Alice@EXAMPLE.com');
    const alias = await directory.resolveAddress('al@example.com');

    // Assess
    const expected = {
      organizationId: 'm-1',
      kind: 'USER',
      entityId: 'u-1',
      state: 'ENABLED',
      email: 'alice@example.com',
      mailboxQuotaBytes: 2 * 1024 * 1024,
    };
    expect(primary).toEqual(expected);
    expect(alias).toEqual(expected);
    expect(organizations.lookups).toEqual(['example.com', 'example.com']);
  });

  it('resolves nothing for a domain no organization owns or an address no entity holds', async () => {
    // Prepare
    const { entities, directory } = setup();
    entities.add({ entityId: 'u-1', kind: 'USER', email: 'alice@example.com' });

    // Act
    const foreign = await directory.resolveAddress('alice@elsewhere.net');
    const unknown = await directory.resolveAddress('nobody@example.com');

    // Assess
    expect(foreign).toBeUndefined();
    expect(unknown).toBeUndefined();
  });

  it('leaves the quota undefined when the entity has none, so the default quota applies', async () => {
    // Prepare
    const { entities, directory } = setup();
    entities.add({ entityId: 'r-1', kind: 'RESOURCE', email: 'room@example.com' });

    // Act
    const room = await directory.resolveAddress('room@example.com');

    // Assess
    expect(room).toMatchObject({ kind: 'RESOURCE', entityId: 'r-1' });
    expect(room?.mailboxQuotaBytes).toBeUndefined();
  });

  it('keeps the state of disabled and deleted entities for the pipeline to bounce', async () => {
    // Prepare
    const { entities, directory } = setup();
    entities.add({ entityId: 'u-off', kind: 'USER', state: 'DISABLED', email: 'off@example.com' });

    // Act
    const disabled = await directory.resolveAddress('off@example.com');

    // Assess
    expect(disabled?.state).toBe('DISABLED');
  });

  it('treats a remote user, who has no mailbox here, as an unknown recipient (5.1.1)', async () => {
    // Prepare
    const { entities, directory } = setup();
    entities.add({ entityId: 'u-remote', kind: 'USER', role: 'REMOTE_USER', email: 'remote@example.com' });

    // Act
    const resolved = await directory.resolveAddress('remote@example.com');
    const { targets, bounces } = await resolveRecipients(['remote@example.com'], directory, {
      defaultQuotaBytes: 1000,
      maxRecipients: 500,
    });

    // Assess
    expect(resolved).toBeUndefined();
    expect(targets).toEqual([]);
    expect(bounces.map((bounce) => [bounce.recipient, bounce.status])).toEqual([
      ['remote@example.com', '5.1.1'],
    ]);
  });

  it('lists direct members with their primary addresses, skipping remote users and vanished entities', async () => {
    // Prepare
    const { entities, directory } = setup();
    const team = entities.add({ entityId: 'g-1', kind: 'GROUP', email: 'team@example.com' });
    const alice = entities.add({ entityId: 'u-1', kind: 'USER', email: 'alice@example.com' });
    const nested = entities.add({ entityId: 'g-2', kind: 'GROUP', email: 'nested@example.com' });
    const remote = entities.add({
      entityId: 'u-r',
      kind: 'USER',
      role: 'REMOTE_USER',
      email: 'r@example.com',
    });
    entities.addMember(team, alice);
    entities.addMember(team, nested);
    entities.addMember(team, remote);
    entities.addMember(team, { ...alice, entityId: 'u-gone' });

    // Act
    const members = await directory.listMembers('m-1', 'g-1');

    // Assess
    expect(members.map((member) => [member.entityId, member.kind, member.email])).toEqual([
      ['u-1', 'USER', 'alice@example.com'],
      ['g-2', 'GROUP', 'nested@example.com'],
    ]);
  });
});

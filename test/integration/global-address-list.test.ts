import { DynamoDbGalChangeLog } from '../../lambdas/adapters/aws/dynamodb-gal-changes';
import {
  createAlias,
  deregisterFromWorkMail,
  updateResource,
  updateUser,
} from '../../lambdas/core/api/operations/entities';
import { GAL_SETTLE_MS, GlobalAddressList } from '../../lambdas/core/gal/global-address-list';
import { entityKit, type EntityKit } from './entity-kit';

describe('GlobalAddressList on the DynamoDB directory', () => {
  let kit: EntityKit;
  let gal: GlobalAddressList;
  let clock: number;

  beforeAll(async () => {
    kit = await entityKit();
  });

  beforeEach(() => {
    clock = Date.now();
    // The list's clock runs a settle period ahead of `clock`, so a position taken at `clock` is that very time.
    gal = new GlobalAddressList({
      directory: kit.deps.entities,
      changes: new DynamoDbGalChangeLog(kit.tables.documents, kit.tables.directoryTable),
      now: () => clock + GAL_SETTLE_MS,
    });
  });

  it('lists exactly the enabled users, groups and resources not hidden from it, with their addresses', async () => {
    // Prepare
    const ana = await kit.enabledUser('gal-ana');
    const group = await kit.enabledGroup('gal-team');
    const room = await kit.enabledResource('gal-room');
    const hidden = await kit.enabledUser('gal-hidden');
    await kit.call(updateUser, {
      OrganizationId: kit.orgId,
      UserId: hidden,
      HiddenFromGlobalAddressList: true,
    });
    const disabled = await kit.user('gal-disabled');
    await kit.call(createAlias, {
      OrganizationId: kit.orgId,
      EntityId: ana,
      Alias: `ana.alias@${kit.domain}`,
    });
    const other = await kit.newOrganization();
    // Act
    const { entries } = await gal.list(kit.orgId);
    const elsewhere = await gal.list(other);
    // Assess
    const ids = entries.map((entry) => entry.entityId);
    expect(ids).toEqual(expect.arrayContaining([ana, group, room]));
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(disabled);
    expect(entries.find((entry) => entry.entityId === ana)).toEqual({
      entityId: ana,
      kind: 'USER',
      displayName: 'gal-ana',
      email: `gal-ana@${kit.domain}`,
      aliases: [`ana.alias@${kit.domain}`],
    });
    expect(entries.find((entry) => entry.entityId === room)).toMatchObject({
      kind: 'RESOURCE',
      resourceType: 'ROOM',
    });
    expect(elsewhere.entries).toEqual([]);
  });

  it('reports what changed after a position: a new user, a hidden one, a disabled one, a renamed room', async () => {
    // Prepare
    const stays = await kit.enabledUser('sync-stays');
    const hides = await kit.enabledUser('sync-hides');
    const leaves = await kit.enabledUser('sync-leaves');
    const room = await kit.enabledResource('sync-room');
    clock = Date.now();
    const { position } = await gal.list(kit.orgId);
    // Act
    const joins = await kit.enabledUser('sync-joins');
    await kit.call(updateUser, {
      OrganizationId: kit.orgId,
      UserId: hides,
      HiddenFromGlobalAddressList: true,
    });
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: leaves });
    await kit.call(updateResource, { OrganizationId: kit.orgId, ResourceId: room, Name: 'sync-room-2' });
    const changes = await gal.changesSince(kit.orgId, position, 100);
    // Assess
    expect(changes!.changed.map((entry) => entry.entityId).sort()).toEqual([joins, room].sort());
    expect(changes!.changed.find((entry) => entry.entityId === room)?.displayName).toBe('sync-room-2');
    expect([...changes!.removed].sort()).toEqual([hides, leaves].sort());
    expect(changes!.removed).not.toContain(stays);
    expect(changes!.truncated).toBe(false);
  });

  it('pages the changes: a truncated answer continues from its last change', async () => {
    // Prepare
    clock = Date.now();
    const { position } = await gal.list(kit.orgId);
    const first = await kit.enabledUser('page-one');
    const second = await kit.enabledUser('page-two');
    // Act
    const page = await gal.changesSince(kit.orgId, position, 1);
    const rest = await gal.changesSince(kit.orgId, page!.position, 10);
    // Assess
    expect(page).toMatchObject({ truncated: true, changed: [{ entityId: first }] });
    expect(rest!.changed.map((entry) => entry.entityId)).toEqual([second]);
  });

  it('never reports another organization’s changes', async () => {
    // Prepare
    const other = await kit.newOrganization();
    const { position } = await gal.list(other);
    // Act
    await kit.enabledUser('elsewhere');
    const changes = await gal.changesSince(other, position, 100);
    // Assess
    expect(changes).toMatchObject({ changed: [], removed: [] });
  });

  it('reads one entry only while it is listed, and only in its own organization', async () => {
    // Prepare
    const shown = await kit.enabledUser('one-shown');
    const hidden = await kit.enabledUser('one-hidden');
    await kit.call(updateUser, {
      OrganizationId: kit.orgId,
      UserId: hidden,
      HiddenFromGlobalAddressList: true,
    });
    const other = await kit.newOrganization();
    // Act
    const [entry, none, elsewhere] = await Promise.all([
      gal.entry(kit.orgId, shown),
      gal.entry(kit.orgId, hidden),
      gal.entry(other, shown),
    ]);
    // Assess
    expect(entry).toMatchObject({ entityId: shown, email: `one-shown@${kit.domain}` });
    expect(none).toBeUndefined();
    expect(elsewhere).toBeUndefined();
  });

  it('refuses a position it never gives', async () => {
    expect(await gal.changesSince(kit.orgId, 'not-a-position', 10)).toBeUndefined();
  });
});

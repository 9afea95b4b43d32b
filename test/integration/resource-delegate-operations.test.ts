import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  associateDelegateToResource,
  deleteGroup,
  deleteUser,
  deregisterFromWorkMail,
  describeResource,
  disassociateDelegateFromResource,
  listResourceDelegates,
  updateResource,
} from '../../lambdas/core/api/operations/entities';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { entityKit, gate, patchStore, type EntityKit } from './entity-kit';

type Delegates = { Delegates: Array<{ Id: string; Type: string }> };

describe('Operation: AssociateDelegateToResource / DisassociateDelegateFromResource', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  const associate = (ResourceId: string, EntityId: string) =>
    kit.call(associateDelegateToResource, { OrganizationId: kit.orgId, ResourceId, EntityId });
  const disassociate = (ResourceId: string, EntityId: string) =>
    kit.call(disassociateDelegateFromResource, { OrganizationId: kit.orgId, ResourceId, EntityId });
  const autoAccept = (ResourceId: string, AutoAcceptRequests: boolean) =>
    kit.call(updateResource, {
      OrganizationId: kit.orgId,
      ResourceId,
      BookingOptions: { AutoAcceptRequests },
    });
  const delegatesOf = async (ResourceId: string) =>
    (
      await kit.call<Delegates>(listResourceDelegates, { OrganizationId: kit.orgId, ResourceId })
    ).Delegates.map((delegate) => delegate.Id);
  const delegationItems = async (prefix: string) => {
    const { Items = [] } = await kit.tables.documents.send(
      new QueryCommand({
        TableName: kit.tables.directoryTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${kit.orgId}`, ':prefix': prefix },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => String(item.sk));
  };

  it('drops the delegations of a deleted user and a deleted group, in both directions', async () => {
    // Prepare
    const room = await kit.enabledResource('deleg-room');
    const user = await kit.enabledUser('deleg-user');
    const group = await kit.enabledGroup('deleg-group');
    await associate(room, user);
    await associate(room, group);
    expect(await delegationItems(`DELEGATEOF#${user}#`)).toEqual([`DELEGATEOF#${user}#${room}`]);
    // Act
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: user });
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: user });
    // Assess
    expect(await delegatesOf(room)).toEqual([group]);
    expect(await delegationItems(`DELEGATEOF#${user}#`)).toEqual([]);
    // Act
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: group });
    await kit.call(deleteGroup, { OrganizationId: kit.orgId, GroupId: group });
    // Assess: no delegate left, and the resource's count agrees (auto-accept cannot be turned off).
    expect(await delegatesOf(room)).toEqual([]);
    expect(await delegationItems(`DELEGATE#${room}#`)).toEqual([]);
    expect(await delegationItems(`DELEGATEOF#${group}#`)).toEqual([]);
    await expect(autoAccept(room, false)).rejects.toMatchObject({ name: 'InvalidConfigurationException' });
  });

  it('counts a delegate added twice once', async () => {
    // Prepare
    const room = await kit.enabledResource('twice-room');
    const first = await kit.enabledUser('twice-a');
    const second = await kit.enabledUser('twice-b');
    await associate(room, first);
    await associate(room, first);
    await associate(room, second);
    await autoAccept(room, false);
    // Act
    await disassociate(room, second);
    // Assess
    await expect(disassociate(room, first)).rejects.toMatchObject({ name: 'InvalidConfigurationException' });
    expect(await delegatesOf(room)).toEqual([first]);
  });

  it('refuses removing the last delegate of a resource that does not auto-accept, also when removals race', async () => {
    // Prepare
    const room = await kit.enabledResource('last-room');
    const first = await kit.enabledUser('last-a');
    const second = await kit.enabledUser('last-b');
    await associate(room, first);
    await associate(room, second);
    await autoAccept(room, false);
    // Act
    const outcomes = await Promise.allSettled([disassociate(room, first), disassociate(room, second)]);
    // Assess
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { name: 'InvalidConfigurationException' },
    });
    expect(await delegatesOf(room)).toHaveLength(1);
    // Removing a non-delegate still succeeds, and auto-accept on frees the last delegate.
    await expect(
      disassociate(room, first === (await delegatesOf(room))[0] ? second : first),
    ).resolves.toEqual({});
    await autoAccept(room, true);
    await disassociate(room, (await delegatesOf(room))[0]!);
    expect(await delegatesOf(room)).toEqual([]);
  });

  it('refuses auto-accept off when the last delegate goes after the UpdateResource check', async () => {
    // Prepare: UpdateResource pauses before its write, after finding a delegate, until the delegate is removed.
    const room = await kit.enabledResource('late-room');
    const user = await kit.enabledUser('late-user');
    await associate(room, user);
    const entities = kit.deps.entities;
    const checked = gate();
    const removed = gate();
    Object.assign(kit.deps as ApiDeps, {
      entities: patchStore(entities, {
        updateEntity: async (...args: Parameters<typeof entities.updateEntity>) => {
          checked.open();
          await removed.wait();
          return entities.updateEntity(...args);
        },
      }),
    });
    try {
      // Act
      const updating = autoAccept(room, false);
      await checked.wait();
      await disassociate(room, user);
      removed.open();
      // Assess
      await expect(updating).rejects.toMatchObject({ name: 'InvalidConfigurationException' });
    } finally {
      Object.assign(kit.deps as ApiDeps, { entities });
    }
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: room }),
    ).resolves.toMatchObject({ BookingOptions: { AutoAcceptRequests: true } });
  });

  it('never leaves auto-accept off without a delegate when UpdateResource races the last removal', async () => {
    for (let round = 0; round < 8; round += 1) {
      // Prepare
      const room = await kit.enabledResource(`race-room-${round}`);
      const user = await kit.enabledUser(`race-user-${round}`);
      await associate(room, user);
      // Act
      const [updated, removed] = await Promise.allSettled([
        autoAccept(room, false),
        disassociate(room, user),
      ]);
      // Assess
      const delegates = await delegatesOf(room);
      const { BookingOptions } = await kit.call<{ BookingOptions: { AutoAcceptRequests: boolean } }>(
        describeResource,
        { OrganizationId: kit.orgId, ResourceId: room },
      );
      if (updated.status === 'fulfilled') {
        expect(removed).toMatchObject({
          status: 'rejected',
          reason: { name: 'InvalidConfigurationException' },
        });
        expect({ delegates, auto: BookingOptions.AutoAcceptRequests }).toEqual({
          delegates: [user],
          auto: false,
        });
      } else {
        expect(updated.reason).toMatchObject({ name: 'InvalidConfigurationException' });
        expect(removed.status).toBe('fulfilled');
        expect({ delegates, auto: BookingOptions.AutoAcceptRequests }).toEqual({ delegates: [], auto: true });
      }
    }
  });
});

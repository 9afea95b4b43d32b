import {
  associateMemberToGroup,
  createGroup,
  deleteGroup,
  deregisterFromWorkMail,
  describeGroup,
  disassociateMemberFromGroup,
  listGroupMembers,
  listGroups,
  listGroupsForEntity,
  updateGroup,
} from '../../lambdas/core/api/operations/entities';
import { entityKit, type EntityKit } from './entity-kit';

type Members = { Members: Array<Record<string, unknown>>; NextToken?: string };
type Groups = { Groups: Array<Record<string, unknown>>; NextToken?: string };

describe('Operation: CreateGroup / DescribeGroup / UpdateGroup / DeleteGroup', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('creates a DISABLED group, enables it without a mailbox and describes it by e-mail', async () => {
    const { GroupId } = await kit.call<{ GroupId: string }>(createGroup, {
      OrganizationId: kit.orgId,
      Name: 'Sales Team',
    });
    expect(GroupId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(kit.call(describeGroup, { OrganizationId: kit.orgId, GroupId })).resolves.toEqual({
      GroupId,
      Name: 'Sales Team',
      State: 'DISABLED',
      HiddenFromGlobalAddressList: false,
    });
    const id = await kit.enabledGroup('sales');
    expect(kit.mailboxes.provisioned).not.toContainEqual([kit.orgId, id]);
    await kit.call(updateGroup, {
      OrganizationId: kit.orgId,
      GroupId: `sales@${kit.domain}`,
      HiddenFromGlobalAddressList: true,
    });
    await expect(
      kit.call(describeGroup, { OrganizationId: kit.orgId, GroupId: `sales@${kit.domain}` }),
    ).resolves.toMatchObject({
      GroupId: id,
      Name: 'sales',
      Email: `sales@${kit.domain}`,
      State: 'ENABLED',
      HiddenFromGlobalAddressList: true,
    });
  });

  it('refuses to delete an enabled group and frees the name of a deleted one', async () => {
    const id = await kit.enabledGroup('temp');
    await expect(kit.call(deleteGroup, { OrganizationId: kit.orgId, GroupId: id })).rejects.toMatchObject({
      name: 'EntityStateException',
    });
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    await kit.call(deleteGroup, { OrganizationId: kit.orgId, GroupId: 'temp' });
    await expect(kit.call(describeGroup, { OrganizationId: kit.orgId, GroupId: id })).resolves.toMatchObject({
      State: 'DELETED',
    });
    await expect(kit.call(createGroup, { OrganizationId: kit.orgId, Name: 'temp' })).resolves.toHaveProperty(
      'GroupId',
    );
  });

  it('rejects a group name taken by a user', async () => {
    await kit.user('clash');
    await expect(kit.call(createGroup, { OrganizationId: kit.orgId, Name: 'Clash' })).rejects.toMatchObject({
      name: 'NameAvailabilityException',
    });
  });
});

describe('Group membership', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  const associate = (GroupId: string, MemberId: string) =>
    kit.call(associateMemberToGroup, { OrganizationId: kit.orgId, GroupId, MemberId });

  it('adds users and nested groups by id, name or e-mail, idempotently', async () => {
    const parent = await kit.enabledGroup('parent');
    const child = await kit.enabledGroup('child');
    const user = await kit.enabledUser('member');
    await associate('parent', `member@${kit.domain}`);
    await associate(parent, user);
    await associate(`parent@${kit.domain}`, 'child');
    const { Members } = await kit.call<Members>(listGroupMembers, {
      OrganizationId: kit.orgId,
      GroupId: parent,
    });
    expect(Members.map((member) => [member.Id, member.Type, member.State]).sort()).toEqual(
      [
        [child, 'GROUP', 'ENABLED'],
        [user, 'USER', 'ENABLED'],
      ].sort(),
    );
    await expect(kit.deps.entities.listMembers(kit.orgId, parent)).resolves.toHaveLength(2);
    await expect(
      kit.call(listGroupsForEntity, { OrganizationId: kit.orgId, EntityId: user }),
    ).resolves.toEqual({
      Groups: [{ GroupId: parent, GroupName: 'parent' }],
    });
  });

  it('rejects a cycle, directly or through nesting', async () => {
    const a = await kit.enabledGroup('cycle-a');
    const b = await kit.enabledGroup('cycle-b');
    const c = await kit.enabledGroup('cycle-c');
    await associate(a, b);
    await associate(b, c);
    for (const [group, member] of [
      [c, a],
      [b, a],
      [a, a],
    ]) {
      await expect(associate(group, member)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    }
  });

  it('refuses unknown and disabled members', async () => {
    const group = await kit.enabledGroup('strict');
    await expect(associate(group, 'nobody')).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    const resource = await kit.enabledResource('room1');
    await expect(associate(group, resource)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    const disabled = await kit.user('dormant');
    await expect(associate(group, disabled)).rejects.toMatchObject({ name: 'EntityStateException' });
  });

  it('removes a member and filters groups of an entity by name prefix', async () => {
    const user = await kit.enabledUser('joiner');
    const groups = [
      await kit.enabledGroup('eng-a'),
      await kit.enabledGroup('eng-b'),
      await kit.enabledGroup('ops'),
    ];
    for (const group of groups) await associate(group, user);
    const filtered = await kit.call<Groups>(listGroupsForEntity, {
      OrganizationId: kit.orgId,
      EntityId: user,
      Filters: { GroupNamePrefix: 'eng' },
    });
    expect(filtered.Groups.map((group) => group.GroupName).sort()).toEqual(['eng-a', 'eng-b']);
    await kit.call(disassociateMemberFromGroup, {
      OrganizationId: kit.orgId,
      GroupId: 'eng-a',
      MemberId: 'joiner',
    });
    const all = await kit.call<Groups>(listGroupsForEntity, { OrganizationId: kit.orgId, EntityId: user });
    expect(all.Groups.map((group) => group.GroupName).sort()).toEqual(['eng-b', 'ops']);
  });

  it('drops the memberships of a deleted user', async () => {
    const group = await kit.enabledGroup('keepers');
    const user = await kit.enabledUser('departing');
    await associate(group, user);
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: user });
    await kit.deps.entities.markDeleted(kit.orgId, user, Date.now());
    await expect(kit.call(listGroupMembers, { OrganizationId: kit.orgId, GroupId: group })).resolves.toEqual({
      Members: [],
    });
  });

  it('refuses to list the members of a deleted group', async () => {
    const group = await kit.enabledGroup('disbanded');
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: group });
    await kit.call(deleteGroup, { OrganizationId: kit.orgId, GroupId: group });

    await expect(
      kit.call(listGroupMembers, { OrganizationId: kit.orgId, GroupId: group }),
    ).rejects.toMatchObject({ name: 'EntityStateException', message: expect.stringMatching(/\S/) });
  });

  it('pages through members', async () => {
    const group = await kit.enabledGroup('big');
    for (let i = 0; i < 5; i++) await associate(group, await kit.enabledUser(`big-${i}`));
    const first = await kit.call<Members>(listGroupMembers, {
      OrganizationId: kit.orgId,
      GroupId: group,
      MaxResults: 3,
    });
    const second = await kit.call<Members>(listGroupMembers, {
      OrganizationId: kit.orgId,
      GroupId: group,
      MaxResults: 3,
      NextToken: first.NextToken,
    });
    expect(first.Members).toHaveLength(3);
    expect(second.Members).toHaveLength(2);
    expect(second).not.toHaveProperty('NextToken');
  });
});

describe('Operation: ListGroups', () => {
  it('lists groups by name prefix, state and primary e-mail prefix, one filter at a time', async () => {
    const kit = await entityKit();
    await kit.enabledGroup('alpha');
    await kit.enabledGroup('alpine');
    await kit.call(createGroup, { OrganizationId: kit.orgId, Name: 'beta' });
    const names = async (Filters?: object) =>
      (
        await kit.call<Groups>(listGroups, { OrganizationId: kit.orgId, ...(Filters ? { Filters } : {}) })
      ).Groups.map((group) => group.Name);
    await expect(names()).resolves.toEqual(['alpha', 'alpine', 'beta']);
    await expect(names({ NamePrefix: 'alp' })).resolves.toEqual(['alpha', 'alpine']);
    await expect(names({ NamePrefix: 'ALP' })).resolves.toEqual([]);
    await expect(names({ State: 'DISABLED' })).resolves.toEqual(['beta']);
    await expect(names({ PrimaryEmailPrefix: 'alpi' })).resolves.toEqual(['alpine']);
    await expect(names({ NamePrefix: 'a', State: 'ENABLED' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

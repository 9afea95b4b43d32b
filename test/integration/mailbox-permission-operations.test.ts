import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  associateMemberToGroup,
  createUser,
  deleteGroup,
  deleteResource,
  deleteUser,
  deregisterFromWorkMail,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import {
  deleteMailboxPermissions,
  listMailboxPermissions,
  putMailboxPermissions,
} from '../../lambdas/core/api/operations/mailbox-permissions';
import { MailboxPermissions } from '../../lambdas/core/permissions/mailbox-permissions';
import { entityKit, type EntityKit } from './entity-kit';
import { updateOrganizationState } from './entity-org-state';

type Listing = {
  Permissions: Array<{ GranteeId: string; GranteeType: string; PermissionValues: string[] }>;
  NextToken?: string;
};

describe('Operation: PutMailboxPermissions / DeleteMailboxPermissions / ListMailboxPermissions', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  const put = (EntityId: string, GranteeId: string, PermissionValues: string[], OrganizationId = kit.orgId) =>
    kit.call(putMailboxPermissions, { OrganizationId, EntityId, GranteeId, PermissionValues });
  const remove = (EntityId: string, GranteeId: string, OrganizationId = kit.orgId) =>
    kit.call(deleteMailboxPermissions, { OrganizationId, EntityId, GranteeId });
  const list = (EntityId: string, extra: Record<string, unknown> = {}, OrganizationId = kit.orgId) =>
    kit.call<Listing>(listMailboxPermissions, { OrganizationId, EntityId, ...extra });
  const deleteDisabled = async (operation: unknown, member: string, id: string) => {
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    await kit.call(operation as typeof deleteUser, { OrganizationId: kit.orgId, [member]: id });
  };
  const permissionItems = async (prefix: string) => {
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

  it('grants users, groups and resources, named by id, name or e-mail, and lists them with their type', async () => {
    // Prepare
    const shared = await kit.enabledUser('perm-shared');
    const ana = await kit.enabledUser('perm-ana');
    const team = await kit.enabledGroup('perm-team');
    const room = await kit.enabledResource('perm-room');
    // Act
    await put(`perm-shared@${kit.domain}`, 'perm-ana', ['SEND_ON_BEHALF', 'FULL_ACCESS', 'SEND_ON_BEHALF']);
    await put('perm-shared', `perm-team@${kit.domain}`, ['SEND_AS']);
    await put(shared, room, ['FULL_ACCESS']);
    // Assess
    const { Permissions, NextToken } = await list(shared);
    expect(NextToken).toBeUndefined();
    expect(Permissions).toEqual(
      expect.arrayContaining([
        { GranteeId: ana, GranteeType: 'USER', PermissionValues: ['FULL_ACCESS', 'SEND_ON_BEHALF'] },
        { GranteeId: team, GranteeType: 'GROUP', PermissionValues: ['SEND_AS'] },
        { GranteeId: room, GranteeType: 'USER', PermissionValues: ['FULL_ACCESS'] },
      ]),
    );
    expect(Permissions).toHaveLength(3);
    expect((await list('perm-shared')).Permissions).toEqual(Permissions);
  });

  it('replaces the grantee’s whole set, and an empty set removes the grantee', async () => {
    // Prepare
    const shared = await kit.enabledUser('repl-shared');
    const ana = await kit.enabledUser('repl-ana');
    const ben = await kit.enabledUser('repl-ben');
    await put(shared, ana, ['FULL_ACCESS', 'SEND_AS']);
    await put(shared, ben, ['SEND_AS']);
    // Act
    await put(shared, ana, ['SEND_ON_BEHALF']);
    // Assess
    expect((await list(shared)).Permissions).toEqual(
      expect.arrayContaining([
        { GranteeId: ana, GranteeType: 'USER', PermissionValues: ['SEND_ON_BEHALF'] },
        { GranteeId: ben, GranteeType: 'USER', PermissionValues: ['SEND_AS'] },
      ]),
    );
    // Act
    await put(shared, ana, []);
    // Assess
    expect((await list(shared)).Permissions.map((p) => p.GranteeId)).toEqual([ben]);
  });

  it('removes a grantee’s permissions, and succeeds again when there are none', async () => {
    // Prepare
    const shared = await kit.enabledUser('del-shared');
    const ana = await kit.enabledUser('del-ana');
    await put(shared, ana, ['FULL_ACCESS']);
    // Act
    await remove(shared, 'del-ana');
    await remove(shared, ana);
    // Assess
    expect((await list(shared)).Permissions).toEqual([]);
    expect(await permissionItems(`PERMOF#${ana}#`)).toEqual([]);
  });

  it('refuses FULL_ACCESS on a group, which has no mailbox, but lets members send as it', async () => {
    // Prepare
    const sales = await kit.enabledGroup('perm-sales');
    const ana = await kit.enabledUser('perm-sales-ana');
    // Act / Assess
    await expect(put(sales, ana, ['SEND_AS', 'FULL_ACCESS'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await put(sales, ana, ['SEND_AS']);
    expect((await list(sales)).Permissions).toEqual([
      { GranteeId: ana, GranteeType: 'USER', PermissionValues: ['SEND_AS'] },
    ]);
  });

  it('refuses FULL_ACCESS on a remote user, whose mailbox lives elsewhere', async () => {
    const remote = await kit.user('perm-remote', { Role: 'REMOTE_USER' });
    const ana = await kit.enabledUser('perm-remote-ana');

    await expect(put(remote, ana, ['FULL_ACCESS'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(put(remote, ana, ['SEND_ON_BEHALF'])).resolves.toEqual({});
  });

  it('refuses a grant of an entity to itself, and unknown permission values', async () => {
    const ana = await kit.enabledUser('perm-self');

    await expect(put(ana, 'perm-self', ['SEND_AS'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(put(ana, await kit.enabledUser('perm-x'), ['READ'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    expect((await list(ana)).Permissions).toEqual([]);
  });

  it('answers EntityNotFoundException for unknown entities and for another organization’s, in every operation', async () => {
    // Prepare: an entity and a grantee of another organization, granted there
    const other = await kit.newOrganization();
    const domain = (await kit.deps.organizations.getOrganization(other))!.defaultMailDomain;
    const create = (Name: string) =>
      kit.call<{ UserId: string }>(createUser, { OrganizationId: other, Name, DisplayName: Name });
    const foreign = await create('foreign');
    const foreignGrantee = await create('foreign-ana');
    await put(foreign.UserId, foreignGrantee.UserId, ['SEND_AS'], other);
    const local = await kit.enabledUser('perm-local');
    const notFound = { name: 'EntityNotFoundException' };
    // Act / Assess
    await expect(put(foreign.UserId, local, ['SEND_AS'])).rejects.toMatchObject(notFound);
    await expect(put(local, foreign.UserId, ['SEND_AS'])).rejects.toMatchObject(notFound);
    await expect(put(local, `foreign@${domain}`, ['SEND_AS'])).rejects.toMatchObject(notFound);
    await expect(remove(foreign.UserId, foreignGrantee.UserId)).rejects.toMatchObject(notFound);
    await expect(list(foreign.UserId)).rejects.toMatchObject(notFound);
    await expect(list('nobody')).rejects.toMatchObject(notFound);
    expect((await list(foreign.UserId, {}, other)).Permissions).toHaveLength(1);
  });

  it('answers EntityStateException for a deleted entity in Put and Delete, and EntityNotFoundException in List', async () => {
    // Prepare
    const gone = await kit.enabledUser('perm-gone');
    const ana = await kit.enabledUser('perm-gone-ana');
    await deleteDisabled(deleteUser, 'UserId', gone);
    // Act / Assess
    await expect(put(gone, ana, ['SEND_AS'])).rejects.toMatchObject({ name: 'EntityStateException' });
    await expect(put(ana, gone, ['SEND_AS'])).rejects.toMatchObject({ name: 'EntityStateException' });
    await expect(remove(gone, ana)).rejects.toMatchObject({ name: 'EntityStateException' });
    await expect(remove(ana, gone)).resolves.toEqual({});
    await expect(list(gone)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('accepts a disabled entity or grantee: the grant waits, inert, until it is enabled again', async () => {
    // Prepare
    const shared = await kit.user('perm-disabled-shared');
    const ana = await kit.enabledUser('perm-disabled-ana');
    // Act
    await put(shared, ana, ['FULL_ACCESS']);
    // Assess
    expect((await list(shared)).Permissions.map((p) => p.GranteeId)).toEqual([ana]);
    const resolver = new MailboxPermissions({
      entities: kit.deps.entities,
      permissions: kit.deps.mailboxPermissions,
    });
    expect((await resolver.mailboxAccess(kit.orgId, ana)).fullAccess).toEqual([]);
    // Act
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: shared,
      Email: `perm-disabled-shared@${kit.domain}`,
    });
    // Assess
    expect((await resolver.mailboxAccess(kit.orgId, ana)).fullAccess).toEqual([shared]);
  });

  it('pages the grantees with MaxResults, and refuses the NextToken for another mailbox', async () => {
    // Prepare
    const shared = await kit.enabledUser('page-shared');
    const other = await kit.enabledUser('page-other');
    const grantees: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) grantees.push(await kit.enabledUser(`page-g${n}`));
    for (const grantee of grantees) await put(shared, grantee, ['SEND_AS']);
    await put(other, grantees[0], ['SEND_AS']);
    // Act
    const seen: string[] = [];
    let page = await list(shared, { MaxResults: 2 });
    const firstToken = page.NextToken!;
    seen.push(...page.Permissions.map((p) => p.GranteeId));
    while (page.NextToken) {
      page = await list(shared, { MaxResults: 2, NextToken: page.NextToken });
      seen.push(...page.Permissions.map((p) => p.GranteeId));
    }
    // Assess
    expect(seen).toEqual([...grantees].sort());
    await expect(list(other, { NextToken: firstToken })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('drops the grants a deleted user, group or resource held and those on its mailbox', async () => {
    // Prepare
    const shared = await kit.enabledUser('drop-shared');
    const room = await kit.enabledResource('drop-room');
    const ana = await kit.enabledUser('drop-ana');
    const ben = await kit.enabledUser('drop-ben');
    const team = await kit.enabledGroup('drop-team');
    await put(shared, ana, ['FULL_ACCESS']);
    await put(shared, team, ['SEND_AS']);
    await put(shared, ben, ['SEND_AS']);
    await put(room, ana, ['FULL_ACCESS']);
    await put(ana, ben, ['SEND_ON_BEHALF']);
    // Act
    await deleteDisabled(deleteUser, 'UserId', ana);
    await deleteDisabled(deleteGroup, 'GroupId', team);
    await deleteDisabled(deleteResource, 'ResourceId', room);
    // Assess
    expect((await list(shared)).Permissions.map((p) => p.GranteeId)).toEqual([ben]);
    expect(await permissionItems(`PERMOF#${ana}#`)).toEqual([]);
    expect(await permissionItems(`PERM#${ana}#`)).toEqual([]);
    expect(await permissionItems(`PERMOF#${team}#`)).toEqual([]);
    expect(await permissionItems(`PERM#${room}#`)).toEqual([]);
    expect(await permissionItems(`PERMOF#${ben}#`)).toEqual([`PERMOF#${ben}#${shared}`]);
  });

  it('gives group members the group’s grants through the resolver, nested groups included', async () => {
    // Prepare: ana ∈ inner ∈ outer; outer may open and send as the shared mailbox
    const shared = await kit.enabledUser('res-shared');
    const ana = await kit.enabledUser('res-ana');
    const inner = await kit.enabledGroup('res-inner');
    const outer = await kit.enabledGroup('res-outer');
    await kit.call(associateMemberToGroup, { OrganizationId: kit.orgId, GroupId: inner, MemberId: ana });
    await kit.call(associateMemberToGroup, { OrganizationId: kit.orgId, GroupId: outer, MemberId: inner });
    await put(shared, outer, ['FULL_ACCESS', 'SEND_AS']);
    const resolver = new MailboxPermissions({
      entities: kit.deps.entities,
      permissions: kit.deps.mailboxPermissions,
    });
    // Act / Assess
    await expect(resolver.mailboxAccess(kit.orgId, ana)).resolves.toEqual({
      fullAccess: [shared],
      sendAs: [shared],
      sendOnBehalf: [],
    });
    await expect(resolver.maySend(kit.orgId, ana, shared)).resolves.toBe('SEND_AS');
  });

  it('refuses changes while the organization is not Active', async () => {
    const shared = await kit.enabledUser('state-shared');
    const ana = await kit.enabledUser('state-ana');
    const other = await kit.newOrganization();
    await updateOrganizationState(kit, other, 'Impaired');

    await expect(put(shared, ana, ['SEND_AS'], other)).rejects.toMatchObject({
      name: 'OrganizationStateException',
    });
    await expect(list(shared, {}, other)).rejects.toMatchObject({ name: 'OrganizationStateException' });
  });
});

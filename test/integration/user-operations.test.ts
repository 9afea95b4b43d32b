import {
  createUser,
  deleteUser,
  describeUser,
  getMailboxDetails,
  resetPassword,
  updateMailboxQuota,
  updateUser,
} from '../../lambdas/core/api/operations/entities';
import { resolveQuotas } from '../../lambdas/core/config/quotas';
import { verifyPassword } from '../../lambdas/core/directory/passwords';
import { entityKit, type EntityKit } from './entity-kit';

type User = Record<string, unknown>;

describe('Operation: CreateUser', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('creates a DISABLED user with role USER and a lower-case GUID id', async () => {
    const id = await kit.user('ana', { DisplayName: 'Ana Lima', FirstName: 'Ana' });
    const user = await kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(user).toEqual({
      UserId: id,
      Name: 'ana',
      DisplayName: 'Ana Lima',
      FirstName: 'Ana',
      State: 'DISABLED',
      UserRole: 'USER',
      HiddenFromGlobalAddressList: false,
    });
  });

  it.each(['SYSTEM_USER', 'RESOURCE'])('rejects role %s', async (Role) => {
    await expect(kit.user(`role-${Role.toLowerCase()}`, { Role })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('accepts REMOTE_USER', async () => {
    const id = await kit.user('remote', { Role: 'REMOTE_USER' });
    await expect(
      kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id }),
    ).resolves.toMatchObject({ UserRole: 'REMOTE_USER' });
  });

  it('rejects a name already used by a user, group or resource, case-insensitively', async () => {
    await kit.user('taken');
    await expect(kit.user('TAKEN')).rejects.toMatchObject({ name: 'NameAvailabilityException' });
    await kit.enabledGroup('team');
    await expect(kit.user('team')).rejects.toMatchObject({ name: 'NameAvailabilityException' });
  });

  it('allows the same name in another organization', async () => {
    await kit.user('shared-name');
    const other = await kit.newOrganization();
    await expect(
      kit.call(createUser, { OrganizationId: other, Name: 'shared-name', DisplayName: 'x' }),
    ).resolves.toHaveProperty('UserId');
  });

  it.each(['postmaster', 'Administrator', 'amazonjournaling'])(
    'rejects the reserved name %s',
    async (name) => {
      await expect(kit.user(name)).rejects.toMatchObject({ name: 'ReservedNameException' });
    },
  );

  it('rejects a weak password and stores a compliant one only as a verifiable hash', async () => {
    await expect(kit.user('weak', { Password: 'password' })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
    });
    const id = await kit.user('strong', { Password: 'Correct-horse1' });
    const stored = await kit.deps.entities.getEntity(kit.orgId, id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain('Correct-horse1');
    await expect(verifyPassword('Correct-horse1', stored!.passwordHash!)).resolves.toBe(true);
  });

  it('rejects a malformed name before anything is stored', async () => {
    await expect(kit.user('bad name')).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('Users quota', () => {
  it('refuses the user past the quota and leaves no partial state', async () => {
    const kit = await entityKit({ settings: { quotas: resolveQuotas({ usersPerOrganization: 2 }) } });
    await kit.user('one');
    await kit.user('two');
    await expect(kit.user('three')).rejects.toMatchObject({ name: 'LimitExceededException' });
    await expect(kit.deps.entities.findByName(kit.orgId, 'three')).resolves.toBeUndefined();
    await expect(kit.user('three')).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('counts users only: groups and resources are still created at the quota', async () => {
    const kit = await entityKit({ settings: { quotas: resolveQuotas({ usersPerOrganization: 1 }) } });
    await kit.user('only');

    await expect(kit.enabledGroup('team')).resolves.toEqual(expect.any(String));
    await expect(kit.enabledResource('room')).resolves.toEqual(expect.any(String));
    await expect(kit.user('second')).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('frees a seat when a user is deleted, and lets exactly the quota win a concurrent burst', async () => {
    const kit = await entityKit({ settings: { quotas: resolveQuotas({ usersPerOrganization: 3 }) } });
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((name) => kit.user(`burst-${name}`)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    const id = (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<string>)
      .value;
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: id });
    await expect(kit.user('after-delete')).resolves.toBeDefined();
  });
});

describe('Operation: UpdateUser / ResetPassword / mailbox', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('replaces the supplied attributes and clears those given as empty strings', async () => {
    const id = await kit.user('edit', { FirstName: 'Old', LastName: 'Name' });
    await kit.call(updateUser, {
      OrganizationId: kit.orgId,
      UserId: 'edit',
      DisplayName: 'New',
      FirstName: '',
      City: 'Lisbon',
      Role: 'REMOTE_USER',
    });
    const user = await kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id });
    expect(user).toMatchObject({
      DisplayName: 'New',
      LastName: 'Name',
      City: 'Lisbon',
      UserRole: 'REMOTE_USER',
    });
    expect(user).not.toHaveProperty('FirstName');
    await expect(
      kit.call(updateUser, { OrganizationId: kit.orgId, UserId: id, Role: 'SYSTEM_USER' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('resets a password by id only, enforcing the policy', async () => {
    const id = await kit.user('reset');
    await expect(
      kit.call(resetPassword, { OrganizationId: kit.orgId, UserId: 'reset', Password: 'Correct-horse1' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      kit.call(resetPassword, { OrganizationId: kit.orgId, UserId: id, Password: 'short1A' }),
    ).rejects.toMatchObject({
      name: 'InvalidPasswordException',
    });
    await kit.call(resetPassword, { OrganizationId: kit.orgId, UserId: id, Password: 'Brand-new-pass9' });
    const stored = await kit.deps.entities.getEntity(kit.orgId, id);
    await expect(verifyPassword('Brand-new-pass9', stored!.passwordHash!)).resolves.toBe(true);
  });

  it('reports and updates the mailbox quota in MB, from 1 to 51,200', async () => {
    const id = await kit.enabledUser('quota');
    await expect(kit.call(getMailboxDetails, { OrganizationId: kit.orgId, UserId: id })).resolves.toEqual({
      MailboxQuota: 51200,
      MailboxSize: 0,
    });
    await kit.call(updateMailboxQuota, { OrganizationId: kit.orgId, UserId: 'quota', MailboxQuota: 2048 });
    await expect(
      kit.call(getMailboxDetails, { OrganizationId: kit.orgId, UserId: id }),
    ).resolves.toMatchObject({ MailboxQuota: 2048 });
    for (const MailboxQuota of [1, 51200]) {
      await kit.call(updateMailboxQuota, { OrganizationId: kit.orgId, UserId: id, MailboxQuota });
      await expect(
        kit.call(getMailboxDetails, { OrganizationId: kit.orgId, UserId: id }),
      ).resolves.toMatchObject({ MailboxQuota });
    }
    for (const MailboxQuota of [0, 51201]) {
      await expect(
        kit.call(updateMailboxQuota, { OrganizationId: kit.orgId, UserId: id, MailboxQuota }),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    }
  });
});

import {
  createUser,
  deleteUser,
  deregisterFromWorkMail,
  describeEntity,
  describeUser,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import { entityKit, type EntityKit } from './entity-kit';
import { updateOrganizationState } from './entity-org-state';

type User = Record<string, unknown>;

describe('Operation: RegisterToWorkMail / DeregisterFromWorkMail / DeleteUser', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('enables a user with its primary address and provisions its mailbox', async () => {
    const id = await kit.user('reg');
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: 'reg',
      Email: `Reg@${kit.domain.toUpperCase()}`,
    });
    const user = await kit.call<User>(describeUser, {
      OrganizationId: kit.orgId,
      UserId: `reg@${kit.domain}`,
    });
    expect(user).toMatchObject({ UserId: id, State: 'ENABLED', Email: `reg@${kit.domain}` });
    expect(typeof user.EnabledDate).toBe('number');
    expect(typeof user.MailboxProvisionedDate).toBe('number');
    expect(kit.mailboxes.provisioned).toContainEqual([kit.orgId, id]);
  });

  it('gives a REMOTE_USER no mailbox', async () => {
    const id = await kit.user('far', { Role: 'REMOTE_USER' });
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Email: `far@${kit.domain}`,
    });
    expect(kit.mailboxes.provisioned).not.toContainEqual([kit.orgId, id]);
  });

  it('is a no-op for the same address and refuses another one once enabled', async () => {
    const id = await kit.enabledUser('twice');
    await expect(
      kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId: id, Email: `twice@${kit.domain}` }),
    ).resolves.toEqual({});
    await expect(
      kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId: id, Email: `other@${kit.domain}` }),
    ).rejects.toMatchObject({
      name: 'EntityAlreadyRegisteredException',
    });
  });

  it('refuses an address held by another entity, and an unregistered domain', async () => {
    await kit.enabledUser('holder');
    const id = await kit.user('second');
    await expect(
      kit.call(registerToWorkMail, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Email: `holder@${kit.domain}`,
      }),
    ).rejects.toMatchObject({
      name: 'EmailAddressInUseException',
    });
    await expect(
      kit.call(registerToWorkMail, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Email: 'second@unknown.example',
      }),
    ).rejects.toMatchObject({
      name: 'MailDomainNotFoundException',
    });
  });

  it('lets exactly one of two entities registering one address concurrently win', async () => {
    const [a, b] = [await kit.user('race-a'), await kit.user('race-b')];
    const results = await Promise.allSettled(
      [a, b].map((EntityId) =>
        kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId, Email: `race@${kit.domain}` }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { name: 'EmailAddressInUseException' },
    });
  });

  it('disables a user, releases its address and keeps its mailbox until deletion', async () => {
    const id = await kit.enabledUser('leaver');
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: `leaver@${kit.domain}` });
    const user = await kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id });
    expect(user).toMatchObject({ State: 'DISABLED' });
    expect(user).not.toHaveProperty('Email');
    expect(typeof user.DisabledDate).toBe('number');
    expect(typeof user.MailboxDeprovisionedDate).toBe('number');
    expect(kit.mailboxes.destroyed).not.toContainEqual([kit.orgId, id]);
    const next = await kit.user('newcomer');
    await expect(
      kit.call(registerToWorkMail, {
        OrganizationId: kit.orgId,
        EntityId: next,
        Email: `leaver@${kit.domain}`,
      }),
    ).resolves.toEqual({});
  });

  it('refuses to delete an enabled user, deletes a disabled one and frees its name', async () => {
    const id = await kit.enabledUser('gone');
    await expect(kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: id })).rejects.toMatchObject({
      name: 'EntityStateException',
    });
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: 'gone' });
    await expect(
      kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id }),
    ).resolves.toMatchObject({ State: 'DELETED' });
    expect(kit.mailboxes.destroyed).toContainEqual([kit.orgId, id]);
    await expect(
      kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId: id, Email: `gone@${kit.domain}` }),
    ).rejects.toMatchObject({
      name: 'EntityStateException',
    });
    const reused = await kit.user('gone');
    expect(reused).not.toBe(id);
  });

  it('destroys the mailbox on a DeleteUser retried after the first one failed to destroy it', async () => {
    const id = await kit.enabledUser('half-gone');
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    const destroy = kit.mailboxes.destroy.bind(kit.mailboxes);
    kit.mailboxes.destroy = async () => {
      throw new Error('KMS unavailable');
    };
    await expect(kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: id })).rejects.toThrow();
    kit.mailboxes.destroy = destroy;
    expect(kit.mailboxes.destroyed).not.toContainEqual([kit.orgId, id]);

    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: id });

    expect(kit.mailboxes.destroyed).toContainEqual([kit.orgId, id]);
    await expect(
      kit.call<User>(describeUser, { OrganizationId: kit.orgId, UserId: id }),
    ).resolves.toMatchObject({ State: 'DELETED' });
  });

  it('does not resolve an e-mail address in DeleteUser.UserId', async () => {
    await kit.enabledUser('mailonly');
    await expect(
      kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: `mailonly@${kit.domain}` }),
    ).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });
});

describe('Operation: DescribeUser / DescribeEntity', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('reports an unknown user, a group id and a user of another organization as not found', async () => {
    const groupId = await kit.enabledGroup('crew');
    const other = await kit.newOrganization();
    const id = await kit.user('mine');
    for (const [OrganizationId, UserId] of [
      [kit.orgId, 'nobody'],
      [kit.orgId, groupId],
      [other, id],
    ]) {
      await expect(kit.call(describeUser, { OrganizationId, UserId })).rejects.toMatchObject({
        name: 'EntityNotFoundException',
      });
    }
  });

  it('resolves an address to its entity, case-insensitively', async () => {
    const id = await kit.enabledUser('found');
    await expect(
      kit.call(describeEntity, { OrganizationId: kit.orgId, Email: `FOUND@${kit.domain}` }),
    ).resolves.toEqual({
      EntityId: id,
      Name: 'found',
      Type: 'USER',
    });
    await expect(
      kit.call(describeEntity, { OrganizationId: kit.orgId, Email: `lost@${kit.domain}` }),
    ).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });

  it('refuses an organization that is not Active', async () => {
    const other = await kit.newOrganization();
    await updateOrganizationState(kit, other, 'Impaired');
    await expect(
      kit.call(createUser, { OrganizationId: other, Name: 'x', DisplayName: 'x' }),
    ).rejects.toMatchObject({
      name: 'OrganizationStateException',
    });
  });
});

import {
  createGroup,
  deleteUser,
  deregisterFromWorkMail,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import { rotateMailboxKey } from '../../lambdas/core/api/operations/mailboxes';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { entityKit, patchStore, type EntityKit } from './entity-kit';

describe('Operation: RotateMailboxKey', () => {
  let kit: EntityKit;
  const rotate = (entityId: string) =>
    kit.call<{ KeyVersion: number }>(rotateMailboxKey, { OrganizationId: kit.orgId, EntityId: entityId });

  beforeAll(async () => {
    kit = await entityKit();
  });

  it('adds a key version on each call: 2, then 3', async () => {
    const id = await kit.enabledUser('rotating');

    const first = await rotate(id);
    const second = await rotate(`rotating@${kit.domain}`);

    expect(first).toEqual({ KeyVersion: 2 });
    expect(second).toEqual({ KeyVersion: 3 });
  });

  it('rotates the key of a resource named by its name', async () => {
    await kit.enabledResource('room-keys');

    await expect(rotate('room-keys')).resolves.toEqual({ KeyVersion: 2 });
  });

  it('rotates the kept mailbox of a deregistered user', async () => {
    const id = await kit.enabledUser('kept');
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });

    await expect(rotate(id)).resolves.toEqual({ KeyVersion: 2 });
  });

  it('answers EntityNotFoundException for an unknown entity and for a group (groups have no mailbox)', async () => {
    const group = await kit.call<{ GroupId: string }>(createGroup, {
      OrganizationId: kit.orgId,
      Name: 'crew',
    });

    await expect(rotate('nobody')).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(rotate(group.GroupId)).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('answers EntityStateException for a user without a mailbox: never registered, remote or deleted', async () => {
    const fresh = await kit.user('fresh');
    const remote = await kit.user('remote', { Role: 'REMOTE_USER' });
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: remote,
      Email: `remote@${kit.domain}`,
    });
    const gone = await kit.enabledUser('gone');
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: gone });
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: gone });

    for (const id of [fresh, remote, gone])
      await expect(rotate(id)).rejects.toMatchObject({ name: 'EntityStateException' });
  });

  it('lets an infrastructure failure through untouched', async () => {
    const id = await kit.enabledUser('kms-down');
    const failure = new Error('KMS unavailable');
    const original = kit.deps.mailboxes;
    Object.assign(kit.deps as ApiDeps, {
      mailboxes: patchStore(original, {
        rotateMailboxKey: async () => {
          throw failure;
        },
      }),
    });

    const outcome = rotate(id);

    await expect(outcome).rejects.toBe(failure);
    Object.assign(kit.deps as ApiDeps, { mailboxes: original });
  });

  it('answers OrganizationNotFoundException for an unknown organization', async () => {
    await expect(
      kit.call(rotateMailboxKey, { OrganizationId: `m-${'0'.repeat(32)}`, EntityId: 'anyone' }),
    ).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
  });
});

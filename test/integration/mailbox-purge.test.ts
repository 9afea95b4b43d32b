import { randomBytes } from 'node:crypto';
import {
  createResource,
  deleteUser,
  deregisterFromWorkMail,
  describeUser,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import { rotateMailboxKey } from '../../lambdas/core/api/operations/mailboxes';
import {
  MAILBOX_RETENTION_DAYS,
  MailboxPurgeIncompleteError,
  purgeDeregisteredMailboxes,
} from '../../lambdas/core/directory/purge-mailboxes';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { MessageNotFoundError } from '../../lambdas/core/mailbox/errors';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';
import { entityKit, patchStore, type EntityKit } from './entity-kit';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Job: purgeDeregisteredMailboxes', () => {
  let kit: EntityKit;
  /** The API's clock: deregistrations are recorded at this time. */
  let clock = Date.now();
  const now = () => new Date(Date.now());
  const destroyedCount = (id: string) =>
    kit.mailboxes.destroyed.filter(([org, entity]) => org === kit.orgId && entity === id).length;
  const purge = (options: { retentionDays?: number } = {}) =>
    purgeDeregisteredMailboxes(kit.deps, { now: now(), ...options });

  /** An enabled user deregistered `daysAgo` days ago. */
  const deregisteredUser = async (daysAgo: number) => {
    const name = `u${randomBytes(4).toString('hex')}`;
    const id = await kit.enabledUser(name);
    clock = Date.now() - daysAgo * DAY_MS;
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    clock = Date.now();
    return { id, name };
  };

  beforeEach(async () => {
    clock = Date.now();
    kit = await entityKit({ clock: () => new Date(clock) });
  });

  it('keeps the 30-day retention in one constant', () => {
    expect(MAILBOX_RETENTION_DAYS).toBe(30);
  });

  it('destroys the mailbox of a user deregistered 31 days ago, once, and records it', async () => {
    const { id } = await deregisteredUser(31);

    const result = await purge();
    const again = await purge();

    expect(result).toEqual({ organizations: 1, purged: 1, failed: 0 });
    expect(again).toEqual({ organizations: 1, purged: 0, failed: 0 });
    expect(destroyedCount(id)).toBe(1);
    const user = await kit.deps.entities.getEntity(kit.orgId, id);
    expect(user).toMatchObject({ state: 'DISABLED', mailboxPurgedAt: expect.any(Number) });
    expect(user?.mailboxProvisionedAt).toBeUndefined();
    expect(user?.mailboxPurgeStartedAt).toBeUndefined();
  });

  it('keeps the mailboxes of a user deregistered 29 days ago and of an enabled user', async () => {
    const recent = await deregisteredUser(29);
    const enabled = await kit.enabledUser('still-here');

    const result = await purge();

    expect(result.purged).toBe(0);
    expect(destroyedCount(recent.id)).toBe(0);
    expect(destroyedCount(enabled)).toBe(0);
  });

  it('restores the same mailbox when the user re-registers within 30 days', async () => {
    const { id, name } = await deregisteredUser(29);
    const before = await kit.deps.entities.getEntity(kit.orgId, id);

    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Email: `${name}@${kit.domain}`,
    });
    await purge({ retentionDays: 0 });

    const after = await kit.deps.entities.getEntity(kit.orgId, id);
    expect(after).toMatchObject({ state: 'ENABLED', mailboxProvisionedAt: before?.mailboxProvisionedAt });
    expect(destroyedCount(id)).toBe(0);
  });

  it('gives a user re-registered after the purge a new, empty mailbox', async () => {
    const { id, name } = await deregisteredUser(31);
    await purge();

    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Email: `${name}@${kit.domain}`,
    });

    const user = await kit.call<Record<string, unknown>>(describeUser, {
      OrganizationId: kit.orgId,
      UserId: id,
    });
    expect(user).toMatchObject({ State: 'ENABLED', MailboxProvisionedDate: expect.any(Number) });
    const stored = await kit.deps.entities.getEntity(kit.orgId, id);
    expect(stored?.mailboxPurgedAt).toBeUndefined();
    // A fresh mailbox starts at key version 1, so its first rotation gives 2.
    await expect(kit.call(rotateMailboxKey, { OrganizationId: kit.orgId, EntityId: id })).resolves.toEqual({
      KeyVersion: 2,
    });
  });

  it('refuses registration while a purge holds the mailbox, and allows it once the purge finished', async () => {
    const { id, name } = await deregisteredUser(31);
    const cutoff = Date.now() - MAILBOX_RETENTION_DAYS * DAY_MS;
    await kit.deps.entities.beginMailboxPurge(kit.orgId, id, cutoff, Date.now());
    const register = () =>
      kit.call(registerToWorkMail, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Email: `${name}@${kit.domain}`,
      });

    await expect(register()).rejects.toMatchObject({ name: 'EntityStateException' });
    // The store refuses too, for a registration that read the entity before the claim.
    await expect(
      kit.deps.entities.register(kit.orgId, id, `${name}@${kit.domain}`, Date.now(), true),
    ).rejects.toMatchObject({ name: 'EntityStateException', message: expect.stringContaining('purged') });
    const result = await purge();
    await expect(register()).resolves.toEqual({});

    expect(result.purged).toBe(1);
    expect(destroyedCount(id)).toBe(1);
  });

  it('does not claim a user deregistered again after the cut-off', async () => {
    const { id } = await deregisteredUser(1);
    const cutoff = Date.now() - MAILBOX_RETENTION_DAYS * DAY_MS;

    await expect(kit.deps.entities.beginMailboxPurge(kit.orgId, id, cutoff, Date.now())).resolves.toBe(false);
  });

  it('purges resources, and leaves REMOTE_USERs (no mailbox) alone', async () => {
    const resource = (
      await kit.call<{ ResourceId: string }>(createResource, {
        OrganizationId: kit.orgId,
        Name: 'room-old',
        Type: 'ROOM',
      })
    ).ResourceId;
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: resource,
      Email: `room-old@${kit.domain}`,
    });
    const remote = await kit.user('remote-old', { Role: 'REMOTE_USER' });
    await kit.call(registerToWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: remote,
      Email: `remote-old@${kit.domain}`,
    });
    clock = Date.now() - 40 * DAY_MS;
    for (const id of [resource, remote])
      await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });

    const result = await purge();

    expect(result.purged).toBe(1);
    expect(destroyedCount(resource)).toBe(1);
    expect(destroyedCount(remote)).toBe(0);
  });

  it('sweeps deleted users once, so a mailbox a crash left behind is destroyed', async () => {
    const { id } = await deregisteredUser(2);
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: id });

    const first = await purge();
    const second = await purge();

    expect(first.purged).toBe(1);
    expect(second.purged).toBe(0);
    // Once by DeleteUser, once by the sweep (a no-op on a destroyed mailbox), never again.
    expect(destroyedCount(id)).toBe(2);
  });

  it('goes on after a failure, reports it, and finishes the job on the next run', async () => {
    const failing = await deregisteredUser(31);
    const healthy = await deregisteredUser(32);
    const mailboxes = patchStore(kit.mailboxes, {
      destroy: async (organizationId: string, mailboxId: string) => {
        if (mailboxId === failing.id) throw new Error('blob store unavailable');
        await kit.mailboxes.destroy(organizationId, mailboxId);
      },
    });

    const error = await purgeDeregisteredMailboxes({ ...kit.deps, mailboxes }, { now: now() }).catch(
      (caught: unknown) => caught,
    );
    const retried = await purge();

    expect(error).toBeInstanceOf(MailboxPurgeIncompleteError);
    expect((error as Error).name).toBe('MailboxPurgeIncompleteError');
    expect((error as MailboxPurgeIncompleteError).result).toEqual({ organizations: 1, purged: 1, failed: 1 });
    expect((error as Error).cause).toBeInstanceOf(AggregateError);
    expect(retried.purged).toBe(1);
    expect(destroyedCount(healthy.id)).toBe(1);
    expect(destroyedCount(failing.id)).toBe(1);
  });

  it('counts each mailbox once when two runs race', async () => {
    const users = [await deregisteredUser(31), await deregisteredUser(35), await deregisteredUser(60)];

    const results = await Promise.all([purge(), purge()]);

    expect(results[0].purged + results[1].purged).toBe(3);
    for (const { id } of users) expect(destroyedCount(id)).toBeGreaterThanOrEqual(1);
    await expect(purge()).resolves.toMatchObject({ purged: 0 });
  });

  it('visits every organization, though the store returns fewer per page than asked for', async () => {
    await kit.newOrganization();
    const { id } = await deregisteredUser(31);
    const organizations = patchStore(kit.deps.organizations, {
      listOrganizations: (request) => kit.deps.organizations.listOrganizations({ ...request, limit: 1 }),
    });

    const result = await purgeDeregisteredMailboxes({ ...kit.deps, organizations }, { now: now() });

    expect(result).toMatchObject({ organizations: 2, purged: 1 });
    expect(destroyedCount(id)).toBe(1);
  });
});

describe('Job: purgeDeregisteredMailboxes with the encrypted mail store', () => {
  let kit: EntityKit;
  let mailboxes: MailboxService;
  let blobs: InMemoryBlobStore;
  let clock = Date.now();

  beforeEach(async () => {
    clock = Date.now();
    blobs = new InMemoryBlobStore();
    kit = await entityKit((tables) => {
      mailboxes = new MailboxService({
        store: new DynamoDbMailboxStore(tables.documents, tables),
        blobs,
        keyWrapper: new CountingKeyWrapper(),
        organizationKey: async (organizationId) => ({
          arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
        }),
      });
      return { mailboxes, clock: () => new Date(clock) };
    });
  });

  /** A user with one delivered message, deregistered `daysAgo` days ago. */
  const userWithMail = async (name: string, daysAgo: number) => {
    const id = await kit.enabledUser(name);
    await mailboxes.deliver({
      organizationId: kit.orgId,
      mailboxId: id,
      messageId: 'm-1',
      folder: 'INBOX',
      raw: Buffer.from('Subject: kept\r\n\r\nhello'),
      receivedAt: Date.now(),
      summary: { subject: 'kept' },
      quotaBytes: 1024 * 1024,
    });
    clock = Date.now() - daysAgo * DAY_MS;
    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: id });
    clock = Date.now();
    return id;
  };
  const register = (id: string, name: string) =>
    kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId: id, Email: `${name}@${kit.domain}` });

  it('restores the same mailbox, mail included, on re-registration within 30 days', async () => {
    const id = await userWithMail('back-soon', 29);

    await purgeDeregisteredMailboxes(kit.deps, { now: new Date() });
    await register(id, 'back-soon');

    const raw = await mailboxes.readMessage(kit.orgId, id, 'm-1');
    expect(raw.toString()).toContain('hello');
  });

  it('shreds the mailbox after 30 days, and re-registration gives a new, empty one', async () => {
    const id = await userWithMail('long-gone', 31);

    const result = await purgeDeregisteredMailboxes(kit.deps, { now: new Date() });
    await register(id, 'long-gone');

    expect(result.purged).toBe(1);
    expect(blobs.objects.size).toBe(0);
    expect(await mailboxes.sizeBytes(kit.orgId, id)).toBe(0);
    await expect(mailboxes.readMessage(kit.orgId, id, 'm-1')).rejects.toBeInstanceOf(MessageNotFoundError);
    await expect(mailboxes.rotateMailboxKey(kit.orgId, id)).resolves.toBe(2);
  });
});

import { MailboxPermissions } from '../../../lambdas/core/permissions/mailbox-permissions';
import type { PermissionValue } from '../../../lambdas/core/permissions/types';
import type { EntityKind } from '../../../lambdas/core/directory/types';
import { MemoryDirectory, MemoryMailboxPermissionStore, ORG, OTHER_ORG } from './doubles';

describe('MailboxPermissions', () => {
  let directory: MemoryDirectory;
  let store: MemoryMailboxPermissionStore;
  let permissions: MailboxPermissions;
  let sequence = 0;

  const entity = (kind: EntityKind, extra = {}, organizationId = ORG) =>
    directory.add(organizationId, `${kind.toLowerCase()}-${(sequence += 1)}`, kind, extra);
  const grant = async (
    mailboxId: string,
    granteeId: string,
    values: PermissionValue[],
    organizationId = ORG,
  ) => {
    const granteeKind = directory.entities.get(`${organizationId}/${granteeId}`)!.kind;
    await store.putPermissions({ organizationId, mailboxId, granteeId, granteeKind, values });
  };

  beforeEach(() => {
    directory = new MemoryDirectory();
    store = new MemoryMailboxPermissionStore(directory);
    permissions = new MailboxPermissions({ entities: directory, permissions: store });
  });

  describe('mailboxAccess', () => {
    it('lists the mailboxes granted to the user, per permission, sorted', async () => {
      // Prepare
      const ana = entity('USER');
      const [shared, room, other] = [entity('USER'), entity('RESOURCE'), entity('USER')];
      await grant(shared, ana, ['FULL_ACCESS', 'SEND_ON_BEHALF']);
      await grant(room, ana, ['FULL_ACCESS', 'SEND_AS']);
      await grant(other, ana, ['SEND_AS']);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access).toEqual({
        fullAccess: [room, shared].sort(),
        sendAs: [room, other].sort(),
        sendOnBehalf: [shared],
      });
    });

    it('gives every member of a group, through nested groups, what the group was granted', async () => {
      // Prepare: ana ∈ team ∈ department ∈ company
      const ana = entity('USER');
      const [team, department, company] = [entity('GROUP'), entity('GROUP'), entity('GROUP')];
      directory.addMember(ORG, team, ana);
      directory.addMember(ORG, department, team);
      directory.addMember(ORG, company, department);
      const [sales, support] = [entity('USER'), entity('RESOURCE')];
      await grant(sales, department, ['FULL_ACCESS']);
      await grant(support, company, ['SEND_AS']);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access).toEqual({ fullAccess: [sales], sendAs: [support], sendOnBehalf: [] });
    });

    it('ends on cyclic group nesting and still counts every group of the cycle', async () => {
      // Prepare: ana ∈ a ∈ b ∈ a
      const ana = entity('USER');
      const [a, b] = [entity('GROUP'), entity('GROUP')];
      directory.addMember(ORG, a, ana);
      directory.addMember(ORG, b, a);
      directory.addMember(ORG, a, b);
      const [first, second] = [entity('USER'), entity('USER')];
      await grant(first, a, ['FULL_ACCESS']);
      await grant(second, b, ['FULL_ACCESS']);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access.fullAccess).toEqual([first, second].sort());
    });

    it('takes nothing from a disabled or deleted group, nor from the groups above a disabled one', async () => {
      // Prepare: ana ∈ disabled ∈ parent; ana ∈ deleted
      const ana = entity('USER');
      const disabled = entity('GROUP', { state: 'DISABLED' });
      const parent = entity('GROUP');
      const deleted = entity('GROUP');
      directory.addMember(ORG, disabled, ana);
      directory.addMember(ORG, parent, disabled);
      directory.addMember(ORG, deleted, ana);
      const [m1, m2, m3] = [entity('USER'), entity('USER'), entity('USER')];
      await grant(m1, disabled, ['FULL_ACCESS']);
      await grant(m2, parent, ['SEND_AS']);
      await grant(m3, deleted, ['SEND_ON_BEHALF']);
      directory.setState(ORG, deleted, 'DELETED');
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access).toEqual({ fullAccess: [], sendAs: [], sendOnBehalf: [] });
    });

    it('gives a disabled or deleted user nothing', async () => {
      // Prepare
      const [disabled, deleted] = [entity('USER'), entity('USER')];
      const shared = entity('USER');
      await grant(shared, disabled, ['FULL_ACCESS', 'SEND_AS']);
      await grant(shared, deleted, ['FULL_ACCESS', 'SEND_AS']);
      directory.setState(ORG, disabled, 'DISABLED');
      directory.setState(ORG, deleted, 'DELETED');
      // Act / Assess
      await expect(permissions.mailboxAccess(ORG, disabled)).resolves.toEqual({
        fullAccess: [],
        sendAs: [],
        sendOnBehalf: [],
      });
      await expect(permissions.mailboxAccess(ORG, deleted)).resolves.toEqual({
        fullAccess: [],
        sendAs: [],
        sendOnBehalf: [],
      });
      await expect(permissions.mailboxAccess(ORG, 'nobody')).resolves.toEqual({
        fullAccess: [],
        sendAs: [],
        sendOnBehalf: [],
      });
    });

    it('leaves out mailboxes that are disabled, and the user’s own mailbox granted through a group', async () => {
      // Prepare
      const ana = entity('USER');
      const team = entity('GROUP');
      directory.addMember(ORG, team, ana);
      const [disabledMailbox, shared] = [entity('USER'), entity('USER')];
      await grant(disabledMailbox, ana, ['FULL_ACCESS', 'SEND_AS']);
      await grant(ana, team, ['FULL_ACCESS', 'SEND_AS']);
      await grant(shared, team, ['FULL_ACCESS']);
      directory.setState(ORG, disabledMailbox, 'DISABLED');
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access).toEqual({ fullAccess: [shared], sendAs: [], sendOnBehalf: [] });
    });

    it('lists a group only as an address to send from, never as a mailbox to open', async () => {
      // Prepare
      const ana = entity('USER');
      const [sales, remote] = [entity('GROUP'), entity('USER', { role: 'REMOTE_USER' })];
      await grant(sales, ana, ['FULL_ACCESS', 'SEND_AS', 'SEND_ON_BEHALF']);
      await grant(remote, ana, ['FULL_ACCESS']);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access).toEqual({ fullAccess: [], sendAs: [sales], sendOnBehalf: [sales] });
    });

    it('never counts grants of another organization', async () => {
      // Prepare: the same ids exist in both organizations; the grant is in the other one.
      const ana = entity('USER');
      const shared = entity('USER');
      directory.add(OTHER_ORG, ana, 'USER');
      directory.add(OTHER_ORG, shared, 'USER');
      await grant(shared, ana, ['FULL_ACCESS'], OTHER_ORG);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access.fullAccess).toEqual([]);
    });

    it('reads every page of a user’s grants', async () => {
      // Prepare: more grants than one page of the store holds
      const ana = entity('USER');
      const mailboxes = Array.from({ length: 130 }, () => entity('USER'));
      for (const mailbox of mailboxes) await grant(mailbox, ana, ['SEND_AS']);
      // Act
      const access = await permissions.mailboxAccess(ORG, ana);
      // Assess
      expect(access.sendAs).toEqual([...mailboxes].sort());
    });

    it('reads only the grants the user and their groups hold, however many others there are', async () => {
      // Prepare
      const ana = entity('USER');
      const team = entity('GROUP');
      directory.addMember(ORG, team, ana);
      const shared = entity('USER');
      await grant(shared, team, ['FULL_ACCESS']);
      for (let i = 0; i < 50; i += 1) await grant(entity('USER'), entity('USER'), ['FULL_ACCESS']);
      store.queries = 0;
      directory.reads = 0;
      // Act
      await permissions.mailboxAccess(ORG, ana);
      // Assess: one grants query per principal; user, memberships of ana and team, the group, the one mailbox
      expect(store.queries).toBe(2);
      expect(directory.reads).toBe(5);
    });

    it('sees a change at the next call (nothing is cached)', async () => {
      // Prepare
      const ana = entity('USER');
      const shared = entity('USER');
      await grant(shared, ana, ['FULL_ACCESS']);
      expect((await permissions.mailboxAccess(ORG, ana)).fullAccess).toEqual([shared]);
      // Act
      await store.deletePermissions(ORG, shared, ana);
      // Assess
      expect((await permissions.mailboxAccess(ORG, ana)).fullAccess).toEqual([]);
    });
  });

  describe('maySend', () => {
    it('answers OWNER for the user’s own mailbox', async () => {
      const ana = entity('USER');

      await expect(permissions.maySend(ORG, ana, ana)).resolves.toBe('OWNER');
    });

    it('answers SEND_AS or SEND_ON_BEHALF as granted, SEND_AS when both are', async () => {
      // Prepare
      const ana = entity('USER');
      const [asOnly, behalfOnly, both] = [entity('USER'), entity('RESOURCE'), entity('GROUP')];
      await grant(asOnly, ana, ['SEND_AS']);
      await grant(behalfOnly, ana, ['SEND_ON_BEHALF']);
      await grant(both, ana, ['SEND_ON_BEHALF', 'SEND_AS']);
      // Act / Assess
      await expect(permissions.maySend(ORG, ana, asOnly)).resolves.toBe('SEND_AS');
      await expect(permissions.maySend(ORG, ana, behalfOnly)).resolves.toBe('SEND_ON_BEHALF');
      await expect(permissions.maySend(ORG, ana, both)).resolves.toBe('SEND_AS');
    });

    it('answers through nested groups, combining what the user and each group hold', async () => {
      // Prepare: ana ∈ team ∈ department
      const ana = entity('USER');
      const [team, department] = [entity('GROUP'), entity('GROUP')];
      directory.addMember(ORG, team, ana);
      directory.addMember(ORG, department, team);
      const shared = entity('USER');
      await grant(shared, ana, ['FULL_ACCESS']);
      await grant(shared, team, ['SEND_ON_BEHALF']);
      await grant(shared, department, ['SEND_AS']);
      // Act / Assess
      await expect(permissions.maySend(ORG, ana, shared)).resolves.toBe('SEND_AS');
    });

    it('refuses FULL_ACCESS alone, no grant, and grants to others', async () => {
      // Prepare
      const [ana, ben] = [entity('USER'), entity('USER')];
      const [opened, othersOnly, unrelated] = [entity('USER'), entity('USER'), entity('USER')];
      await grant(opened, ana, ['FULL_ACCESS']);
      await grant(othersOnly, ben, ['SEND_AS']);
      // Act / Assess
      await expect(permissions.maySend(ORG, ana, opened)).resolves.toBeUndefined();
      await expect(permissions.maySend(ORG, ana, othersOnly)).resolves.toBeUndefined();
      await expect(permissions.maySend(ORG, ana, unrelated)).resolves.toBeUndefined();
      await expect(permissions.maySend(ORG, ana, 'unknown')).resolves.toBeUndefined();
    });

    it('refuses a disabled sender, even for their own mailbox, and a disabled mailbox', async () => {
      // Prepare
      const [ana, ben] = [entity('USER'), entity('USER')];
      const shared = entity('USER');
      await grant(shared, ana, ['SEND_AS']);
      await grant(shared, ben, ['SEND_AS']);
      directory.setState(ORG, ana, 'DISABLED');
      // Act / Assess
      await expect(permissions.maySend(ORG, ana, ana)).resolves.toBeUndefined();
      await expect(permissions.maySend(ORG, ana, shared)).resolves.toBeUndefined();
      await expect(permissions.maySend(ORG, ben, shared)).resolves.toBe('SEND_AS');
      directory.setState(ORG, shared, 'DISABLED');
      await expect(permissions.maySend(ORG, ben, shared)).resolves.toBeUndefined();
    });

    it('takes nothing from a disabled group', async () => {
      // Prepare
      const ana = entity('USER');
      const team = entity('GROUP');
      directory.addMember(ORG, team, ana);
      const shared = entity('USER');
      await grant(shared, team, ['SEND_AS']);
      directory.setState(ORG, team, 'DISABLED');
      // Act / Assess
      await expect(permissions.maySend(ORG, ana, shared)).resolves.toBeUndefined();
    });
  });
});

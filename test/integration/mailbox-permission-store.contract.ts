import { randomUUID } from 'node:crypto';
import type { EntityKind } from '../../lambdas/core/directory/types';
import type { MailboxPermissionStore, PermissionPage } from '../../lambdas/core/permissions/ports';
import type { MailboxPermission, PermissionValue } from '../../lambdas/core/permissions/types';

export const ORG = `m-${'1'.repeat(32)}`;
export const OTHER_ORG = `m-${'2'.repeat(32)}`;

/** A store under test with the entity writes its liveness checks depend on. */
export interface PermissionStoreFixture {
  readonly store: MailboxPermissionStore;
  /** Stores a DISABLED entity (not deleted: grants may name it). */
  addEntity(organizationId: string, entityId: string, kind: EntityKind): Promise<void>;
  /** Marks a stored entity DELETED. */
  deleteEntity(organizationId: string, entityId: string): Promise<void>;
}

/**
 * The MailboxPermissionStore contract, run against every adapter.
 * @param create - a fresh, empty store per test
 */
export function mailboxPermissionStoreContract(
  name: string,
  create: () => Promise<PermissionStoreFixture>,
): void {
  describe(`MailboxPermissionStore contract: ${name}`, () => {
    let fixture: PermissionStoreFixture;
    let store: MailboxPermissionStore;

    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
    });

    const entity = async (kind: EntityKind = 'USER', organizationId = ORG, id = randomUUID()) => {
      await fixture.addEntity(organizationId, id, kind);
      return id;
    };
    const grant = (
      mailboxId: string,
      granteeId: string,
      values: PermissionValue[],
      granteeKind: EntityKind = 'USER',
      organizationId = ORG,
    ): MailboxPermission => ({ organizationId, mailboxId, granteeId, granteeKind, values });
    const onMailbox = async (mailboxId: string, organizationId = ORG) =>
      (await store.listPermissions(organizationId, mailboxId, { limit: 100 })).items;
    const heldBy = async (granteeId: string, organizationId = ORG) =>
      (await store.listGrantsHeld(organizationId, granteeId, { limit: 100 })).items;

    it('reads a grant back from the mailbox’s side and from the grantee’s', async () => {
      // Prepare
      const [mailbox, grantee] = [await entity(), await entity('GROUP')];
      const stored = grant(mailbox, grantee, ['FULL_ACCESS', 'SEND_AS'], 'GROUP');
      // Act
      await expect(store.putPermissions(stored)).resolves.toBe(true);
      // Assess
      expect(await onMailbox(mailbox)).toEqual([stored]);
      expect(await heldBy(grantee)).toEqual([stored]);
    });

    it('replaces what a grantee holds, leaving other grantees alone', async () => {
      // Prepare
      const [mailbox, ana, ben] = [await entity(), await entity(), await entity()];
      await store.putPermissions(grant(mailbox, ana, ['FULL_ACCESS', 'SEND_AS']));
      await store.putPermissions(grant(mailbox, ben, ['SEND_ON_BEHALF']));
      // Act
      await store.putPermissions(grant(mailbox, ana, ['SEND_ON_BEHALF']));
      // Assess
      expect(await heldBy(ana)).toEqual([grant(mailbox, ana, ['SEND_ON_BEHALF'])]);
      expect(await heldBy(ben)).toEqual([grant(mailbox, ben, ['SEND_ON_BEHALF'])]);
      expect(await onMailbox(mailbox)).toHaveLength(2);
    });

    it('removes a grant from both sides when given no values, or when deleted (twice is fine)', async () => {
      // Prepare
      const [mailbox, ana, ben] = [await entity(), await entity(), await entity()];
      await store.putPermissions(grant(mailbox, ana, ['SEND_AS']));
      await store.putPermissions(grant(mailbox, ben, ['SEND_AS']));
      // Act
      await expect(store.putPermissions(grant(mailbox, ana, []))).resolves.toBe(true);
      await store.deletePermissions(ORG, mailbox, ben);
      await store.deletePermissions(ORG, mailbox, ben);
      // Assess
      expect(await onMailbox(mailbox)).toEqual([]);
      expect(await heldBy(ana)).toEqual([]);
      expect(await heldBy(ben)).toEqual([]);
    });

    it('pages both sides in id order until the last page, which has no cursor', async () => {
      // Prepare
      const mailbox = await entity();
      const grantees = (await Promise.all([1, 2, 3, 4, 5].map(() => entity()))).sort();
      for (const grantee of grantees) await store.putPermissions(grant(mailbox, grantee, ['SEND_AS']));
      const mailboxes = (await Promise.all([1, 2, 3].map(() => entity()))).sort();
      for (const owner of mailboxes) await store.putPermissions(grant(owner, grantees[0], ['FULL_ACCESS']));
      // Act
      const pages: PermissionPage[] = [];
      let page = await store.listPermissions(ORG, mailbox, { limit: 2 });
      pages.push(page);
      while (page.cursor) {
        page = await store.listPermissions(ORG, mailbox, { limit: 2, cursor: page.cursor });
        pages.push(page);
      }
      const first = await store.listGrantsHeld(ORG, grantees[0], { limit: 3 });
      // Assess
      expect(pages.flatMap((p) => p.items.map((item) => item.granteeId))).toEqual(grantees);
      expect(pages.at(-1)!.cursor).toBeUndefined();
      expect(first.items.map((item) => item.mailboxId)).toEqual([mailbox, ...mailboxes].sort().slice(0, 3));
    });

    it('refuses, writing nothing, a grant on or to a deleted or unknown entity', async () => {
      // Prepare
      const [mailbox, live, deleted] = [await entity(), await entity(), await entity()];
      await fixture.deleteEntity(ORG, deleted);
      // Act / Assess
      await expect(store.putPermissions(grant(mailbox, deleted, ['SEND_AS']))).resolves.toBe(false);
      await expect(store.putPermissions(grant(deleted, live, ['SEND_AS']))).resolves.toBe(false);
      await expect(store.putPermissions(grant(mailbox, randomUUID(), ['SEND_AS']))).resolves.toBe(false);
      expect(await onMailbox(mailbox)).toEqual([]);
      expect(await heldBy(live)).toEqual([]);
      expect(await heldBy(deleted)).toEqual([]);
    });

    it('drops every grant on an entity’s mailbox and every grant it holds, and nothing else', async () => {
      // Prepare
      const [gone, shared, ana, ben] = [await entity(), await entity(), await entity(), await entity()];
      await store.putPermissions(grant(gone, ana, ['FULL_ACCESS']));
      await store.putPermissions(grant(shared, gone, ['SEND_AS']));
      await store.putPermissions(grant(shared, ben, ['SEND_AS']));
      // Act
      await store.deleteEntityPermissions(ORG, gone);
      // Assess
      expect(await onMailbox(gone)).toEqual([]);
      expect(await heldBy(gone)).toEqual([]);
      expect(await heldBy(ana)).toEqual([]);
      expect(await onMailbox(shared)).toEqual([grant(shared, ben, ['SEND_AS'])]);
    });

    it('keeps organizations apart, even for equal ids', async () => {
      // Prepare
      const [mailbox, grantee] = [await entity(), await entity()];
      await entity('USER', OTHER_ORG, mailbox);
      await entity('USER', OTHER_ORG, grantee);
      await store.putPermissions(grant(mailbox, grantee, ['FULL_ACCESS'], 'USER', OTHER_ORG));
      // Act / Assess
      expect(await onMailbox(mailbox)).toEqual([]);
      expect(await heldBy(grantee)).toEqual([]);
      await store.deleteEntityPermissions(ORG, mailbox);
      expect(await onMailbox(mailbox, OTHER_ORG)).toHaveLength(1);
    });
  });
}

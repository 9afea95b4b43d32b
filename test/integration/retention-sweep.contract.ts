import { randomBytes } from 'node:crypto';
import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import type { MailboxStore } from '../../lambdas/core/mailbox/ports';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import type { RetentionIndex, RetentionPolicyStore } from '../../lambdas/core/retention/ports';
import { sweepAll, sweepOrganization, type SweepDeps } from '../../lambdas/core/retention/sweep';
import type { RetentionAction, RetentionFolder } from '../../lambdas/core/retention/types';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';

/** The stores a retention sweep runs on. */
export interface RetentionStores {
  readonly store: MailboxStore;
  readonly index: RetentionIndex;
  readonly policies: RetentionPolicyStore;
}

const DAY = 86_400_000;
const FOLDERS: RetentionFolder[] = ['INBOX', 'DELETED_ITEMS', 'SENT_ITEMS', 'DRAFTS', 'JUNK_EMAIL'];

/**
 * What a retention sweep must do on any mailbox store and age index: the behaviours issue 10 asks to see, on a
 * controllable clock.
 */
export function retentionSweepContract(name: string, makeStores: () => Promise<RetentionStores>): void {
  describe(`Retention sweep (${name})`, () => {
    let stores: RetentionStores;
    let clock: number;
    let blobs: InMemoryBlobStore;
    let service: MailboxService;
    let model: MailboxModel;
    let deps: SweepDeps;
    let org: string;

    beforeAll(async () => {
      stores = await makeStores();
    });

    beforeEach(async () => {
      clock = Date.UTC(2026, 0, 1);
      blobs = new InMemoryBlobStore();
      const now = () => clock;
      service = new MailboxService({
        store: stores.store,
        blobs,
        keyWrapper: new CountingKeyWrapper(),
        organizationKey: async (id) => ({
          arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${id}`,
        }),
        now,
      });
      model = new MailboxModel({ store: stores.store, blobs, now });
      deps = { policies: stores.policies, index: stores.index, model, now, recoverableDays: 30, pageSize: 4 };
      org = newOrganizationId();
      await service.provision(org, 'S-1-a');
      await service.provision(org, 'S-1-b');
    });

    const policy = (rules: Array<[RetentionFolder, RetentionAction, number?]>, organizationId = org) =>
      stores.policies.put(organizationId, {
        id: 'p1',
        name: 'default',
        folderConfigurations: rules.map(([folderName, action, periodDays]) => ({
          name: folderName,
          action,
          ...(periodDays === undefined ? {} : { periodDays }),
        })),
      });
    const deliver = async (
      messageId: string,
      folder = 'INBOX',
      mailboxId = 'S-1-a',
      organizationId = org,
    ) => {
      await service.deliver({
        organizationId,
        mailboxId,
        messageId,
        folder,
        raw: Buffer.from(`Subject: ${messageId}\r\n\r\nbody ${messageId}`),
        receivedAt: clock,
        summary: { subject: messageId },
        quotaBytes: 10_000_000,
      });
    };
    const folderOf = async (messageId: string, mailboxId = 'S-1-a', organizationId = org) =>
      (await stores.store.getMessage(organizationId, mailboxId, messageId))?.folder;
    const usage = async (mailboxId = 'S-1-a') => {
      const mailbox = await stores.store.getMailbox(org, mailboxId);
      return { bytes: mailbox?.usedBytes, messages: mailbox?.messageCount };
    };
    const counted = (result: { counts: readonly { folder: string; action: string; messages: number }[] }) =>
      Object.fromEntries(result.counts.map((count) => [`${count.folder} ${count.action}`, count.messages]));

    describe.each(FOLDERS)('in %s', (folder) => {
      it('DELETE moves a message older than the period to Recoverable Items, keeping its quota', async () => {
        await policy([[folder, 'DELETE', 10]]);
        await deliver('old', folder);
        const before = await usage();
        clock += 10 * DAY + 1;

        const result = await sweepOrganization(deps, org);

        expect(counted(result)[`${folder} DELETE`]).toBe(1);
        expect(await folderOf('old')).toBe('RECOVERABLE_ITEMS');
        expect(await usage()).toEqual(before);
      });

      it('PERMANENTLY_DELETE destroys the entry and the blob and releases the quota', async () => {
        await policy([[folder, 'PERMANENTLY_DELETE', 10]]);
        await deliver('keep', folder);
        clock += 5 * DAY;
        await deliver('old', folder, 'S-1-b');
        const before = await usage('S-1-b');
        const blobCount = blobs.objects.size;
        clock += 10 * DAY + 1;

        const result = await sweepOrganization(deps, org);

        expect(counted(result)[`${folder} PERMANENTLY_DELETE`]).toBe(2);
        expect(await folderOf('old', 'S-1-b')).toBeUndefined();
        expect(blobs.objects.size).toBe(blobCount - 2);
        expect(await usage('S-1-b')).toEqual({ bytes: 0, messages: 0 });
        expect(before.messages).toBe(1);
      });
    });

    it('leaves user folders, the Outbox and folders whose action is NONE alone', async () => {
      await policy([
        ['INBOX', 'PERMANENTLY_DELETE', 1],
        ['DRAFTS', 'NONE'],
      ]);
      const created = await model.createFolder(org, 'S-1-a', { name: 'Projects' });
      const projects = created.ok ? created.value.folderId : '';
      await deliver('in-projects', projects);
      await deliver('in-outbox', 'OUTBOX');
      await deliver('in-drafts', 'DRAFTS');
      clock += 100 * DAY;

      await sweepOrganization(deps, org);

      expect(await folderOf('in-projects')).toBe(projects);
      expect(await folderOf('in-outbox')).toBe('OUTBOX');
      expect(await folderOf('in-drafts')).toBe('DRAFTS');
    });

    it('keeps a message exactly the period old and takes it one millisecond later', async () => {
      await policy([['INBOX', 'PERMANENTLY_DELETE', 7]]);
      await deliver('edge');
      clock += 7 * DAY;

      expect(counted(await sweepOrganization(deps, org))['INBOX PERMANENTLY_DELETE']).toBe(0);
      expect(await folderOf('edge')).toBe('INBOX');

      clock += 1;
      expect(counted(await sweepOrganization(deps, org))['INBOX PERMANENTLY_DELETE']).toBe(1);
      expect(await folderOf('edge')).toBeUndefined();
    });

    it('restarts the age of a message that is moved or changed', async () => {
      await policy([['INBOX', 'DELETE', 30]]);
      await deliver('untouched');
      await deliver('moved');
      await deliver('flagged');
      clock += 20 * DAY;
      const created = await model.createFolder(org, 'S-1-a', { name: 'Later' });
      const later = created.ok ? created.value.folderId : '';
      await model.updateMessages(org, 'S-1-a', [{ messageId: 'moved', folderId: later }]);
      await model.updateMessages(org, 'S-1-a', [{ messageId: 'moved', folderId: 'INBOX' }]);
      await model.updateMessages(org, 'S-1-a', [{ messageId: 'flagged', keywords: { add: ['$flagged'] } }]);
      clock += 10 * DAY + 1;

      await sweepOrganization(deps, org);
      expect(await folderOf('untouched')).toBe('RECOVERABLE_ITEMS');
      expect(await folderOf('moved')).toBe('INBOX');
      expect(await folderOf('flagged')).toBe('INBOX');

      clock += 20 * DAY;
      await sweepOrganization(deps, org);
      expect(await folderOf('moved')).toBe('RECOVERABLE_ITEMS');
      expect(await folderOf('flagged')).toBe('RECOVERABLE_ITEMS');
    });

    it('skips a message a user moved or flagged after the index listed it', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      await deliver('moved');
      await deliver('flagged');
      await deliver('untouched');
      clock += 2 * DAY;
      const stale = await stores.index.aged(org, 'INBOX', clock - DAY, 10);
      const created = await model.createFolder(org, 'S-1-a', { name: 'Elsewhere' });
      const elsewhere = created.ok ? created.value.folderId : '';
      await model.updateMessages(org, 'S-1-a', [{ messageId: 'moved', folderId: elsewhere }]);
      await model.updateMessages(org, 'S-1-a', [{ messageId: 'flagged', keywords: { add: ['$flagged'] } }]);
      const index = stores.index;
      const frozen: SweepDeps = {
        ...deps,
        index: { aged: async (...args) => (args[1] === 'INBOX' ? stale : index.aged(...args)) },
      };

      const result = await sweepOrganization(frozen, org);

      expect(stale.items).toHaveLength(3);
      expect(counted(result)['INBOX DELETE']).toBe(1);
      expect(await folderOf('moved')).toBe(elsewhere);
      expect(await folderOf('flagged')).toBe('INBOX');
      expect(await folderOf('untouched')).toBe('RECOVERABLE_ITEMS');
    });

    it('lets the user restore a deleted message, then expires Recoverable Items after their window', async () => {
      await policy([['INBOX', 'DELETE', 5]]);
      await deliver('restored');
      await deliver('expiring');
      clock += 5 * DAY + 1;
      await sweepOrganization(deps, org);
      expect(await folderOf('restored')).toBe('RECOVERABLE_ITEMS');

      const restored = await model.updateMessages(org, 'S-1-a', [
        { messageId: 'restored', folderId: 'INBOX' },
      ]);
      expect(restored.get('restored')?.ok).toBe(true);
      await sweepOrganization(deps, org);
      expect(await folderOf('restored')).toBe('INBOX');

      clock += 30 * DAY;
      expect(counted(await sweepOrganization(deps, org))['RECOVERABLE_ITEMS PERMANENTLY_DELETE']).toBe(0);
      clock += 1;
      const result = await sweepOrganization(deps, org);

      expect(counted(result)['RECOVERABLE_ITEMS PERMANENTLY_DELETE']).toBe(1);
      expect(await folderOf('expiring')).toBeUndefined();
      expect(await folderOf('restored')).toBe('RECOVERABLE_ITEMS');
      expect(await usage()).toMatchObject({ messages: 1 });
    });

    it('refuses a user moving a message into Recoverable Items', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      await deliver('first');
      await deliver('second');
      clock += 2 * DAY;
      await sweepOrganization(deps, org);
      await deliver('third');

      const moved = await model.updateMessages(org, 'S-1-a', [
        { messageId: 'third', folderId: 'RECOVERABLE_ITEMS' },
      ]);

      expect(moved.get('third')).toEqual({ ok: false, refusal: { type: 'retentionFolder' } });
      expect(await folderOf('third')).toBe('INBOX');
    });

    it('changes nothing twice when two sweeps run at once', async () => {
      await policy([['INBOX', 'PERMANENTLY_DELETE', 1]]);
      for (let index = 0; index < 6; index++) {
        await deliver(`a${index}`, 'INBOX', 'S-1-a');
        await deliver(`b${index}`, 'INBOX', 'S-1-b');
      }
      clock += 2 * DAY;

      const results = await Promise.all([sweepOrganization(deps, org), sweepOrganization(deps, org)]);

      const total = results.reduce((sum, result) => sum + counted(result)['INBOX PERMANENTLY_DELETE'], 0);
      expect(total).toBe(12);
      expect(await usage('S-1-a')).toEqual({ bytes: 0, messages: 0 });
      expect(await usage('S-1-b')).toEqual({ bytes: 0, messages: 0 });
      expect(blobs.objects.size).toBe(0);
    });

    it('moves each message to Recoverable Items once when two DELETE sweeps run at once', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      for (let index = 0; index < 8; index++) await deliver(`d${index}`);
      clock += 2 * DAY;

      const results = await Promise.all([sweepOrganization(deps, org), sweepOrganization(deps, org)]);

      const total = results.reduce((sum, result) => sum + counted(result)['INBOX DELETE'], 0);
      const folders = await model.folders(org, 'S-1-a');
      expect(total).toBe(8);
      expect(folders.find((folder) => folder.folderId === 'RECOVERABLE_ITEMS')?.totalEmails).toBe(8);
      expect(folders.find((folder) => folder.folderId === 'INBOX')?.totalEmails).toBe(0);
    });

    it('finishes the work of a sweep that died midway, without repeating what it did', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      for (let index = 0; index < 10; index++) await deliver(`m${index}`);
      clock += 2 * DAY;
      let batches = 0;
      const dying: SweepDeps = {
        ...deps,
        apply: async (batch) => {
          if (++batches === 2) throw new Error('worker killed');
          const { retireBatch } = await import('../../lambdas/core/retention/retire');
          return retireBatch(model, batch);
        },
      };
      await expect(sweepOrganization(dying, org)).rejects.toThrow('worker killed');
      const afterCrash = (await model.folders(org, 'S-1-a')).find((f) => f.folderId === 'RECOVERABLE_ITEMS');
      expect(afterCrash?.totalEmails).toBe(4);

      const resumed = await sweepOrganization(deps, org);

      expect(counted(resumed)['INBOX DELETE']).toBe(6);
      const folders = await model.folders(org, 'S-1-a');
      expect(folders.find((f) => f.folderId === 'RECOVERABLE_ITEMS')?.totalEmails).toBe(10);
      expect(folders.find((f) => f.folderId === 'INBOX')?.totalEmails).toBe(0);
    });

    it('stops at maxMessages and says so; the next run continues', async () => {
      await policy([['JUNK_EMAIL', 'PERMANENTLY_DELETE', 1]]);
      for (let index = 0; index < 9; index++) await deliver(`j${index}`, 'JUNK_EMAIL');
      clock += 2 * DAY;

      const first = await sweepOrganization(deps, org, { maxMessages: 4 });
      const second = await sweepOrganization(deps, org);

      expect(first.complete).toBe(false);
      expect(counted(first)['JUNK_EMAIL PERMANENTLY_DELETE']).toBe(4);
      expect(second.complete).toBe(true);
      expect(counted(second)['JUNK_EMAIL PERMANENTLY_DELETE']).toBe(5);
    });

    it('starts no page once past its deadline, and sweepAll stops at that organization', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      await deliver('late');
      clock += 2 * DAY;

      const bounded = await sweepOrganization(deps, org, { until: clock });
      const all = await sweepAll(deps, { until: clock });

      expect(bounded.complete).toBe(false);
      expect(all.at(-1)?.complete).toBe(false);
      expect(await folderOf('late')).toBe('INBOX');
    });

    it('counts without changing anything in a dry run', async () => {
      await policy([
        ['SENT_ITEMS', 'DELETE', 3],
        ['DRAFTS', 'PERMANENTLY_DELETE', 3],
      ]);
      await deliver('sent', 'SENT_ITEMS');
      await deliver('draft', 'DRAFTS');
      clock += 4 * DAY;

      const result = await sweepOrganization(deps, org, { dryRun: true });

      expect(counted(result)).toEqual({
        'SENT_ITEMS DELETE': 1,
        'DRAFTS PERMANENTLY_DELETE': 1,
        'RECOVERABLE_ITEMS PERMANENTLY_DELETE': 0,
      });
      expect(await folderOf('sent')).toBe('SENT_ITEMS');
      expect(await folderOf('draft')).toBe('DRAFTS');
    });

    it("never touches another organization's mail", async () => {
      const other = newOrganizationId();
      await service.provision(other, 'S-1-a');
      await policy([['INBOX', 'PERMANENTLY_DELETE', 1]]);
      await deliver('mine');
      await deliver('theirs', 'INBOX', 'S-1-a', other);
      clock += 2 * DAY;

      await sweepOrganization(deps, org);

      expect(await folderOf('mine')).toBeUndefined();
      expect(await folderOf('theirs', 'S-1-a', other)).toBe('INBOX');
    });

    it('sweeps every organization with a policy, and expires Recoverable Items after the policy is gone', async () => {
      await policy([['INBOX', 'DELETE', 1]]);
      await deliver('gone-later');
      clock += 2 * DAY;
      const results = await sweepAll(deps);
      expect(results.find((result) => result.organizationId === org)?.complete).toBe(true);
      expect(await folderOf('gone-later')).toBe('RECOVERABLE_ITEMS');

      await stores.policies.delete(org, 'p1');
      clock += 31 * DAY;
      await sweepAll(deps);

      expect(await folderOf('gone-later')).toBeUndefined();
    });
  });
}

function newOrganizationId(): string {
  return `m-${randomBytes(16).toString('hex')}`;
}

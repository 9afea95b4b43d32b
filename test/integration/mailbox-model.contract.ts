import { MailboxModel } from '../../lambdas/core/mailbox/mailbox-model';
import type { BlobStore, MailboxStore } from '../../lambdas/core/mailbox/ports';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import type { DeliverInput, ThreadHeaders } from '../../lambdas/core/mailbox/types';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';

const ORG = 'm-00000000000000000000000000000042';
const MBX = 'S-1-5-42';
const OTHER = 'S-1-5-43';

/**
 * The mailbox model's behaviour — folders, UIDs, keywords, moves, threads, destruction and the change log — run
 * through the real MailboxService and MailboxModel over each MailboxStore (the DynamoDB adapter and the double).
 * @param create - a fresh, empty store per test
 */
export function mailboxModelContract(name: string, create: () => Promise<MailboxStore>): void {
  describe(`Mailbox model: ${name}`, () => {
    let store: MailboxStore;
    let blobs: InMemoryBlobStore;
    let service: MailboxService;
    let model: MailboxModel;
    let clock = 1_800_000_000_000;

    beforeEach(async () => {
      store = await create();
      blobs = new InMemoryBlobStore();
      const deps = { store, blobs: blobs as BlobStore, now: () => clock };
      service = new MailboxService({
        ...deps,
        keyWrapper: new CountingKeyWrapper(),
        organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
      });
      model = new MailboxModel(deps);
      await service.provision(ORG, MBX);
      await service.provision(ORG, OTHER);
    });

    const deliver = async (
      messageId: string,
      threading?: ThreadHeaders,
      patch: Partial<DeliverInput> = {},
    ) => {
      clock += 1000;
      const raw = Buffer.from(`Subject: s ${messageId}\r\n\r\nbody ${messageId}`);
      await service.deliver({
        organizationId: ORG,
        mailboxId: MBX,
        messageId,
        folder: 'INBOX',
        raw,
        receivedAt: clock,
        summary: { subject: `s ${messageId}` },
        quotaBytes: 1e9,
        ...(threading ? { threading } : {}),
        ...patch,
      });
    };
    const message = async (messageId: string, mailboxId = MBX) => store.getMessage(ORG, mailboxId, messageId);
    const folder = async (folderId: string) =>
      (await model.folders(ORG, MBX)).find((candidate) => candidate.folderId === folderId);
    const modseq = async () => (await store.getMailbox(ORG, MBX))?.modseq ?? -1;

    it('gives a mailbox the six system folders once, with their roles', async () => {
      const first = await model.folders(ORG, MBX);
      const second = await model.folders(ORG, MBX);

      expect(first.map((f) => [f.folderId, f.name, f.role])).toEqual([
        ['INBOX', 'Inbox', 'inbox'],
        ['DRAFTS', 'Drafts', 'drafts'],
        ['SENT_ITEMS', 'Sent Items', 'sent'],
        ['DELETED_ITEMS', 'Deleted Items', 'trash'],
        ['JUNK_EMAIL', 'Junk Email', 'junk'],
        ['OUTBOX', 'Outbox', undefined],
      ]);
      expect(second).toEqual(first);
    });

    it('numbers delivered messages 1, 2, 3 per folder, counts them unread and advances the modseq', async () => {
      await deliver('a');
      await deliver('b');
      await deliver('j', undefined, { folder: 'JUNK_EMAIL' });
      await deliver('c');

      expect([(await message('a'))?.uid, (await message('b'))?.uid, (await message('c'))?.uid]).toEqual([
        1, 2, 3,
      ]);
      expect((await message('j'))?.uid).toBe(1);
      expect(await modseq()).toBe(4);
      expect(await folder('INBOX')).toMatchObject({
        uidNext: 4,
        totalEmails: 3,
        unreadEmails: 3,
        totalThreads: 3,
      });
    });

    it('keeps UIDs unique when deliveries race', async () => {
      await Promise.all(Array.from({ length: 6 }, (_, index) => deliver(`race-${index}`)));

      const uids = await Promise.all(
        Array.from({ length: 6 }, async (_, index) => (await message(`race-${index}`))?.uid),
      );
      expect([...uids].sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await folder('INBOX')).toMatchObject({ uidNext: 7, totalEmails: 6 });
    });

    it('threads a reply with its original, and an original that arrives after its reply', async () => {
      await deliver('orig', { messageId: '<orig@example.com>' });
      await deliver('reply', {
        messageId: '<reply@example.org>',
        inReplyTo: '<orig@example.com>',
        references: '<orig@example.com>',
      });
      await deliver('late-reply', { messageId: '<r2@example.org>', references: '<late@example.com>' });
      await deliver('late', { messageId: '<late@example.com>' });
      await deliver('other', { messageId: '<other@example.com>' });
      await deliver('child', { messageId: '<child@x>', inReplyTo: '<reply@example.org>' });

      const thread = async (id: string) => (await message(id))?.threadId;
      expect(await thread('reply')).toBe(await thread('orig'));
      expect(await thread('child')).toBe(await thread('orig'));
      expect(await thread('late')).toBe(await thread('late-reply'));
      expect(await thread('other')).not.toBe(await thread('orig'));
      expect(await thread('late')).not.toBe(await thread('orig'));
      expect(await folder('INBOX')).toMatchObject({ totalEmails: 6, totalThreads: 3, unreadThreads: 3 });
    });

    it('creates, renames, nests and destroys user folders, refusing what Exchange refuses', async () => {
      const projects = await model.createFolder(ORG, MBX, { name: 'Projects' });
      if (!projects.ok) throw new Error('create failed');
      const alpha = await model.createFolder(ORG, MBX, { name: 'Alpha', parentId: projects.value.folderId });
      if (!alpha.ok) throw new Error('create failed');

      expect(await model.createFolder(ORG, MBX, { name: 'projects' })).toEqual({
        ok: false,
        refusal: { type: 'nameTaken' },
      });
      expect(await model.createFolder(ORG, MBX, { name: 'X', parentId: 'nope' })).toEqual({
        ok: false,
        refusal: { type: 'parentNotFound' },
      });
      expect(await model.updateFolder(ORG, MBX, 'INBOX', { name: 'Mine' })).toEqual({
        ok: false,
        refusal: { type: 'systemFolder' },
      });
      expect(
        await model.updateFolder(ORG, MBX, projects.value.folderId, { parentId: alpha.value.folderId }),
      ).toEqual({
        ok: false,
        refusal: { type: 'cycle' },
      });
      expect(await model.destroyFolder(ORG, MBX, projects.value.folderId)).toEqual({
        ok: false,
        refusal: { type: 'folderHasChildren' },
      });

      const moved = await model.updateFolder(ORG, MBX, alpha.value.folderId, {
        name: 'Beta',
        parentId: null,
      });
      expect(moved).toMatchObject({ ok: true, value: { name: 'Beta' } });
      expect(moved.ok && moved.value.parentId).toBeUndefined();
      expect(await model.destroyFolder(ORG, MBX, projects.value.folderId)).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await model.destroyFolder(ORG, MBX, 'DRAFTS')).toEqual({
        ok: false,
        refusal: { type: 'systemFolder' },
      });
      expect((await model.folders(ORG, MBX)).map((f) => f.name)).toContain('Beta');
      expect((await model.folders(ORG, MBX)).map((f) => f.name)).not.toContain('Projects');
    });

    it('changes keywords per message, refusing only the invalid items', async () => {
      await deliver('a');
      await deliver('b');

      const results = await model.updateMessages(ORG, MBX, [
        { messageId: 'a', keywords: { add: ['$seen', '$Flagged'] } },
        { messageId: 'b', keywords: { add: ['bad keyword'] } },
        { messageId: 'missing', keywords: { add: ['$seen'] } },
      ]);

      expect(results.get('a')).toMatchObject({
        ok: true,
        value: { keywords: ['$flagged', '$seen'], uid: 1 },
      });
      expect(results.get('b')).toEqual({
        ok: false,
        refusal: { type: 'invalidKeyword', keyword: 'bad keyword' },
      });
      expect(results.get('missing')).toEqual({ ok: false, refusal: { type: 'notFound' } });
      expect((await message('a'))?.keywords).toEqual(['$flagged', '$seen']);
      expect((await message('b'))?.keywords).toEqual([]);
      expect(await folder('INBOX')).toMatchObject({ totalEmails: 2, unreadEmails: 1 });
    });

    it('moves a message to the next UID of its new folder; an unknown folder refuses', async () => {
      await deliver('a');
      const archive = await model.createFolder(ORG, MBX, { name: 'Archive' });
      if (!archive.ok) throw new Error('create failed');

      const moved = await model.updateMessages(ORG, MBX, [
        { messageId: 'a', folderId: archive.value.folderId },
      ]);
      const nowhere = await model.updateMessages(ORG, MBX, [{ messageId: 'a', folderId: 'nowhere' }]);

      expect(moved.get('a')).toMatchObject({ ok: true, value: { folder: archive.value.folderId, uid: 1 } });
      expect(nowhere.get('a')).toEqual({ ok: false, refusal: { type: 'folderNotFound' } });
      expect(await folder('INBOX')).toMatchObject({ totalEmails: 0, uidNext: 2 });
      expect(await folder(archive.value.folderId)).toMatchObject({ totalEmails: 1, uidNext: 2 });
      const listed = await store.listMessages(ORG, MBX, archive.value.folderId, { limit: 10 });
      expect(listed.items.map((item) => item.messageId)).toEqual(['a']);
      expect((await store.listMessages(ORG, MBX, 'INBOX', { limit: 10 })).items).toEqual([]);
    });

    it('lists a folder in UID order a page at a time, a moved message under its new folder and UID', async () => {
      for (const id of ['a', 'b', 'c', 'd']) await deliver(id);
      await model.updateMessages(ORG, MBX, [{ messageId: 'a', keywords: { add: ['$seen'] } }]);
      const archive = await model.createFolder(ORG, MBX, { name: 'Archive' });
      if (!archive.ok) throw new Error('create failed');
      await model.updateMessages(ORG, MBX, [{ messageId: 'b', folderId: archive.value.folderId }]);
      await model.updateMessages(ORG, MBX, [{ messageId: 'b', folderId: 'INBOX' }]);

      const first = await store.listFolderUids(ORG, MBX, 'INBOX', { afterUid: 0, limit: 2 });
      const rest = await store.listFolderUids(ORG, MBX, 'INBOX', { afterUid: first.items[1].uid, limit: 10 });

      expect(first.items.map((item) => [item.messageId, item.uid])).toEqual([
        ['a', 1],
        ['c', 3],
      ]);
      expect(first.more).toBe(true);
      expect(rest.items.map((item) => [item.messageId, item.uid])).toEqual([
        ['d', 4],
        ['b', 5],
      ]);
      expect(rest.more).toBe(false);
      expect(first.items[0]).toEqual({
        messageId: 'a',
        uid: 1,
        keywords: ['$seen'],
        modseq: (await message('a'))?.modseq,
        sizeBytes: (await message('a'))?.sizeBytes,
        receivedAt: (await message('a'))?.receivedAt,
      });
      expect(
        (await store.listFolderUids(ORG, MBX, archive.value.folderId, { afterUid: 0, limit: 10 })).items,
      ).toEqual([]);
      expect((await store.listFolderUids(ORG, OTHER, 'INBOX', { afterUid: 0, limit: 10 })).items).toEqual([]);
    });

    it('destroys messages with their blobs and gives their size back', async () => {
      await deliver('a');
      await deliver('b');
      const before = await store.getMailbox(ORG, MBX);
      const blobKey = (await message('a'))?.blobKey as string;

      const { results, blobFailures } = await model.destroyMessages(ORG, MBX, ['a', 'missing']);

      expect(results.get('a')).toEqual({ ok: true, value: undefined });
      expect(results.get('missing')).toEqual({ ok: false, refusal: { type: 'notFound' } });
      expect(blobFailures).toEqual([]);
      expect(await message('a')).toBeUndefined();
      expect(blobs.objects.has(blobKey)).toBe(false);
      expect(await store.getMailbox(ORG, MBX)).toMatchObject({
        messageCount: (before?.messageCount ?? 0) - 1,
        usedBytes: (before?.usedBytes ?? 0) - Buffer.byteLength('Subject: s a\r\n\r\nbody a'),
      });
      expect(await folder('INBOX')).toMatchObject({ totalEmails: 1, totalThreads: 1 });
    });

    it('reports exactly what changed since a state: created, updated, destroyed', async () => {
      await deliver('a');
      await deliver('b');
      const state = await modseq();
      await deliver('c');
      await model.updateMessages(ORG, MBX, [{ messageId: 'a', keywords: { add: ['$seen'] } }]);
      await model.destroyMessages(ORG, MBX, ['b']);
      await deliver('d');
      await model.destroyMessages(ORG, MBX, ['d']);

      const changes = await model.changes(ORG, MBX, 'EMAIL', state, 100);

      expect(changes).toEqual({
        ok: true,
        value: { created: ['c'], updated: ['a'], destroyed: ['b'], modseq: await modseq(), hasMore: false },
      });
      expect(await model.changes(ORG, MBX, 'EMAIL', await modseq(), 100)).toMatchObject({
        ok: true,
        value: { created: [], updated: [], destroyed: [], hasMore: false },
      });
      const folders = await model.changes(ORG, MBX, 'FOLDER', state, 100);
      expect(folders.ok && folders.value.updated).toEqual(['INBOX']);
      const threads = await model.changes(ORG, MBX, 'THREAD', state, 100);
      expect(
        threads.ok && [...threads.value.created, ...threads.value.updated, ...threads.value.destroyed].length,
      ).toBe(3);
    });

    it('pages changes at commit boundaries until there are no more', async () => {
      for (const id of ['a', 'b', 'c', 'd', 'e']) await deliver(id);

      const first = await model.changes(ORG, MBX, 'EMAIL', 0, 2);
      if (!first.ok) throw new Error('changes failed');
      const second = await model.changes(ORG, MBX, 'EMAIL', first.value.modseq, 2);
      if (!second.ok) throw new Error('changes failed');
      const third = await model.changes(ORG, MBX, 'EMAIL', second.value.modseq, 2);

      expect(first.value).toMatchObject({ created: ['a', 'b'], hasMore: true });
      expect(second.value).toMatchObject({ created: ['c', 'd'], hasMore: true });
      expect(third).toMatchObject({
        ok: true,
        value: { created: ['e'], hasMore: false, modseq: await modseq() },
      });
    });

    it('refuses to split one commit across pages of changes', async () => {
      await deliver('a');
      await deliver('b');
      const state = await modseq();
      await model.updateMessages(ORG, MBX, [
        { messageId: 'a', keywords: { add: ['$seen'] } },
        { messageId: 'b', keywords: { add: ['$seen'] } },
      ]);

      expect(await model.changes(ORG, MBX, 'EMAIL', state, 1)).toEqual({
        ok: false,
        refusal: { type: 'tooManyChanges' },
      });
    });

    it('revives a thread whose messages were all destroyed without listing it as both created and destroyed', async () => {
      await deliver('root', { messageId: '<root@x>' });
      const beforeDestroy = await modseq();
      await model.destroyMessages(ORG, MBX, ['root']);
      const afterDestroy = await modseq();
      await deliver('reply', { messageId: '<reply@x>', references: '<root@x>' });

      const fromBefore = await model.changes(ORG, MBX, 'THREAD', beforeDestroy, 10);
      const fromAfter = await model.changes(ORG, MBX, 'THREAD', afterDestroy, 10);

      if (!fromBefore.ok || !fromAfter.ok) throw new Error('changes failed');
      const listed = [
        ...fromBefore.value.created,
        ...fromBefore.value.updated,
        ...fromBefore.value.destroyed,
      ];
      expect(listed).toEqual([(await message('reply'))?.threadId]);
      expect(fromAfter.value.created).toEqual([(await message('reply'))?.threadId]);
    });

    it('moves six messages, each between its own two folders, in one batch within the transaction limit', async () => {
      const folders: string[] = [];
      for (let index = 0; index < 12; index++) {
        const created = await model.createFolder(ORG, MBX, { name: `F${index}` });
        if (!created.ok) throw new Error('create failed');
        folders.push(created.value.folderId);
      }
      for (let index = 0; index < 6; index++) {
        await deliver(`m${index}`, { messageId: `<m${index}@x>` });
        await model.updateMessages(ORG, MBX, [{ messageId: `m${index}`, folderId: folders[index] }]);
      }

      const results = await model.updateMessages(
        ORG,
        MBX,
        Array.from({ length: 6 }, (_, index) => ({ messageId: `m${index}`, folderId: folders[index + 6] })),
      );

      expect([...results.values()].every((result) => result.ok)).toBe(true);
      expect((await message('m5'))?.folder).toBe(folders[11]);
    });

    it("never lets one mailbox see or change another's messages", async () => {
      await deliver('a');

      const results = await model.updateMessages(ORG, OTHER, [
        { messageId: 'a', keywords: { add: ['$seen'] } },
      ]);
      const destroyed = await model.destroyMessages(ORG, OTHER, ['a']);
      const changes = await model.changes(ORG, OTHER, 'EMAIL', 0, 10);

      expect(results.get('a')).toEqual({ ok: false, refusal: { type: 'notFound' } });
      expect(destroyed.results.get('a')).toEqual({ ok: false, refusal: { type: 'notFound' } });
      expect(changes).toMatchObject({ ok: true, value: { created: [], updated: [], destroyed: [] } });
      expect((await message('a'))?.keywords).toEqual([]);
    });

    it('leaves no folder, thread or change behind when the mailbox is destroyed', async () => {
      await deliver('a', { messageId: '<a@x>' });
      await model.createFolder(ORG, MBX, { name: 'Private matters' });

      await service.destroy(ORG, MBX);
      await service.provision(ORG, MBX);

      expect((await model.folders(ORG, MBX)).map((f) => f.name)).not.toContain('Private matters');
      expect(await model.changes(ORG, MBX, 'THREAD', 0, 10)).toMatchObject({
        ok: true,
        value: { created: [] },
      });
      expect(await store.read(ORG, MBX, { references: [] })).toMatchObject({ threads: [], messages: [] });
    });
  });
}

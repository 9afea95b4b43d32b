import { jest } from '@jest/globals';
import type { FolderUidPage } from '../../../lambdas/core/mailbox';
import { SelectedFolder } from '../../../lambdas/imap/selected-folder';
import { MBX, ORG } from '../mailbox/setup';
import { sessionWorld } from './session-world';

describe('SelectedFolder', () => {
  const inbox = async (world: Awaited<ReturnType<typeof sessionWorld>>) =>
    (await world.model.folders(ORG, MBX)).find((folder) => folder.folderId === 'INBOX')!;

  it('corrects a listing the UID index serves late from the change log: moved, flagged, new, destroyed', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3', 'm4']) await world.deliver(id, `Subject: ${id}\n\nx\n`);
    const stale: FolderUidPage = await world.store.listFolderUids(ORG, MBX, 'INBOX', {
      afterUid: 0,
      limit: 100,
    });
    const archive = await world.model.createFolder(ORG, MBX, { name: 'Archive' });
    if (!archive.ok) throw new Error('create failed');
    await world.model.updateMessages(ORG, MBX, [
      { messageId: 'm2', folderId: archive.value.folderId },
      { messageId: 'm1', keywords: { add: ['$flagged'] } },
    ]);
    await world.model.destroyMessages(ORG, MBX, ['m3']);
    await world.deliver('m5', 'Subject: m5\n\nx\n');
    jest.spyOn(world.store, 'listFolderUids').mockResolvedValue(stale);

    const view = await SelectedFolder.open(world.deps.mail, ORG, MBX, await inbox(world), false);

    expect(view.all.map((message) => [message.messageId, message.keywords])).toEqual([
      ['m1', ['$flagged']],
      ['m4', []],
      ['m5', []],
    ]);
    expect(view.modseq).toBe((await world.store.getMailbox(ORG, MBX))!.modseq);
    expect(view.hasUpdates()).toBe(false);
  });

  it('reads no message entry when the listing is current: one listing and one change-log query', async () => {
    const world = await sessionWorld();
    for (const id of ['m1', 'm2', 'm3']) await world.deliver(id, `Subject: ${id}\n\nx\n`);
    await world.model.updateMessages(ORG, MBX, [{ messageId: 'm2', keywords: { add: ['$seen'] } }]);
    const reads = jest.spyOn(world.store, 'read');

    const view = await SelectedFolder.open(world.deps.mail, ORG, MBX, await inbox(world), false);

    expect(view.all.map((message) => message.uid)).toEqual([1, 2, 3]);
    expect(reads.mock.calls.filter(([, , keys]) => (keys.messages ?? []).length > 0)).toEqual([]);
  });
});

import { MessageSearch, SearchIndexer, type MessageFilter } from '../../../lambdas/core/search';
import { ANY_FIELD, SearchField } from '../../../lambdas/core/search';
import { MailboxModel } from '../../../lambdas/core/mailbox/mailbox-model';
import { MBX, ORG, setup } from '../mailbox/setup';
import { InMemorySearchIndex } from './memory-search-index';

const words = (text: string, fields = ANY_FIELD): MessageFilter => ({ kind: 'words', text, fields });

async function searchSetup() {
  const base = setup();
  const index = new InMemorySearchIndex();
  const indexer = new SearchIndexer({ index, model: base.store, mailboxes: base.service });
  const search = new MessageSearch({ index, store: base.store, keys: base.service });
  await base.service.provision(ORG, MBX);
  const deliver = async (messageId: string, text: string, folder = 'INBOX') => {
    base.advance(1000);
    await base.service.deliver({
      ...base.message(messageId, Buffer.from(text.replace(/\n/g, '\r\n'))),
      folder,
    });
  };
  const ids = async (filter: MessageFilter) => {
    const result = await search.search(ORG, MBX, filter);
    if (!result.ok) throw new Error(result.refusal.type);
    return result.matches.map((entry) => entry.messageId);
  };
  return { ...base, index, indexer, search, deliver, ids };
}

describe('SearchIndexer', () => {
  it('indexes what arrived since its last run, one segment per run, and nothing twice', async () => {
    const { indexer, index, deliver } = await searchSetup();
    await deliver('m1', 'Subject: alpha\n\nbeta');
    await deliver('m2', 'Subject: alpha\n\ngamma');
    const first = await indexer.catchUp(ORG, MBX);
    expect(first).toEqual({ messages: 2, items: 3, indexedModseq: 2, caughtUp: true });
    expect(await indexer.catchUp(ORG, MBX)).toEqual({
      messages: 0,
      items: 0,
      indexedModseq: 2,
      caughtUp: true,
    });
    await deliver('m3', 'Subject: delta\n\n');
    expect(await indexer.catchUp(ORG, MBX)).toEqual({
      messages: 1,
      items: 1,
      indexedModseq: 3,
      caughtUp: true,
    });
    expect(index.writes.map((write) => write.segment)).toEqual([2, 3]);
  });

  it('stores no word in clear: term keys are MACs under the mailbox index key', async () => {
    const { indexer, index, deliver } = await searchSetup();
    await deliver('m1', 'Subject: confidential merger\n\nproject nightingale');
    await indexer.catchUp(ORG, MBX);
    const stored = JSON.stringify([...index.segments.keys()]);
    for (const word of ['confidential', 'merger', 'project', 'nightingale'])
      expect(stored).not.toContain(word);
  });

  it('skips keyword changes and moves (the words did not change) and messages destroyed before the run', async () => {
    const { indexer, index, deliver, store, blobs } = await searchSetup();
    const model = new MailboxModel({ store, blobs });
    await deliver('m1', 'Subject: one\n\n');
    await deliver('m2', 'Subject: two\n\n');
    await indexer.catchUp(ORG, MBX);
    await model.updateMessages(ORG, MBX, [
      { messageId: 'm1', keywords: { add: ['$seen'] }, folderId: 'DRAFTS' },
    ]);
    await model.destroyMessages(ORG, MBX, ['m2']);
    await deliver('m3', 'Subject: three\n\n');
    await model.destroyMessages(ORG, MBX, ['m3']);
    const run = await indexer.catchUp(ORG, MBX);
    expect(run.items).toBe(0);
    expect(index.writes).toHaveLength(1);
  });

  it('indexes a message whose change-log entry moved past a later page of the same pass', async () => {
    const { indexer, deliver, store, blobs, ids } = await searchSetup();
    for (let index = 1; index <= 60; index++) await deliver(`m${index}`, `Subject: word${index}\n\n`);
    // m10 is read after arriving: its entry now sits after m60's, in the second page of the first pass.
    await new MailboxModel({ store, blobs }).updateMessages(ORG, MBX, [
      { messageId: 'm10', keywords: { add: ['$seen'] } },
    ]);

    const run = await indexer.catchUp(ORG, MBX);

    expect(run).toMatchObject({ messages: 60, indexedModseq: 61 });
    expect(await ids(words('word10'))).toEqual(['m10']);
    expect(await ids(words('word60'))).toEqual(['m60']);
  });

  it('stops a run after 500 changes and says it is not caught up; the next run finishes', async () => {
    const { indexer, deliver, ids } = await searchSetup();
    for (let index = 1; index <= 520; index++) await deliver(`m${index}`, `Subject: word${index}\n\n`);

    const first = await indexer.catchUp(ORG, MBX);
    const second = await indexer.catchUp(ORG, MBX);

    expect(first).toMatchObject({ messages: 500, caughtUp: false });
    expect(second).toMatchObject({ messages: 20, caughtUp: true, indexedModseq: 520 });
    expect(await ids(words('word520'))).toEqual(['m520']);
  }, 30_000);

  it('skips a message whose blob is gone, so the rest of the mailbox stays searchable', async () => {
    const { indexer, deliver, store, blobs, ids } = await searchSetup();
    await deliver('m1', 'Subject: budget one\n\n');
    await deliver('m2', 'Subject: budget two\n\n');
    await blobs.delete((await store.getMessage(ORG, MBX, 'm1'))!.blobKey);

    const run = await indexer.catchUp(ORG, MBX);

    expect(run.indexedModseq).toBe(2);
    expect(await ids(words('budget'))).toEqual(['m2']);
  });

  it('loses no message to a racing run: the run that lost the watermark stops, the winner covered it', async () => {
    const { indexer, index, deliver } = await searchSetup();
    await deliver('m1', 'Subject: one\n\n');
    const runs = await Promise.all([indexer.catchUp(ORG, MBX), indexer.catchUp(ORG, MBX)]);
    // Both read watermark 0 and wrote the same segment; one moved the watermark, the other found it moved.
    expect(runs).toEqual(
      expect.arrayContaining([
        { messages: 1, items: 1, indexedModseq: 1, caughtUp: true },
        { messages: 0, items: 1, indexedModseq: 0, caughtUp: true },
      ]),
    );
    expect(index.writes.map((write) => write.segment)).toEqual([1, 1]);
    expect(await index.progress(ORG, MBX)).toEqual({ base: 1, cursor: 1 });
  });
});

describe('MessageSearch', () => {
  it('finds messages containing every word, in the fields asked for, newest first', async () => {
    const { indexer, deliver, ids } = await searchSetup();
    await deliver('m1', 'From: Alice <alice@example.com>\nSubject: Budget 2027\n\nPlease review the budget.');
    await deliver('m2', 'From: Bob <bob@example.com>\nSubject: Lunch\n\nAlice said the budget is fine.');
    await deliver('m3', 'From: Carol <carol@example.com>\nSubject: Budget draft\n\nNothing else.');
    await indexer.catchUp(ORG, MBX);
    expect(await ids(words('budget'))).toEqual(['m3', 'm2', 'm1']);
    expect(await ids(words('alice budget'))).toEqual(['m2', 'm1']);
    expect(await ids(words('ALICE', SearchField.FROM))).toEqual(['m1']);
    expect(await ids(words('budget', SearchField.SUBJECT))).toEqual(['m3', 'm1']);
    expect(await ids(words('review', SearchField.SUBJECT))).toEqual([]);
    expect(await ids(words('nowhere'))).toEqual([]);
    expect(await ids(words('!!!'))).toEqual([]);
  });

  it('orders matches received at the same time by message id, descending, as the folder index does', async () => {
    const { indexer, ids, service, message } = await searchSetup();
    for (const messageId of ['m-b', 'm-c', 'm-a'])
      await service.deliver(message(messageId, Buffer.from('Subject: same time\r\n\r\n')));
    await indexer.catchUp(ORG, MBX);
    expect(await ids(words('same'))).toEqual(['m-c', 'm-b', 'm-a']);
  });

  it('combines words with folder, keyword, date and size conditions and with AND, OR and NOT', async () => {
    const { indexer, deliver, ids, store, blobs } = await searchSetup();
    await deliver('m1', 'Subject: report one\n\n');
    await deliver('m2', 'Subject: report two\n\n', 'JUNK_EMAIL');
    await deliver('m3', 'Subject: report three\n\nlonger body text here');
    await indexer.catchUp(ORG, MBX);
    await new MailboxModel({ store, blobs }).updateMessages(ORG, MBX, [
      { messageId: 'm1', keywords: { add: ['$flagged'] } },
    ]);
    const report = words('report', SearchField.SUBJECT);
    const and = (...conditions: MessageFilter[]): MessageFilter => ({ kind: 'and', conditions });
    expect(await ids(and(report, { kind: 'inFolder', folderId: 'INBOX' }))).toEqual(['m3', 'm1']);
    expect(await ids(and(report, { kind: 'notInFolders', folderIds: ['INBOX'] }))).toEqual(['m2']);
    expect(await ids(and(report, { kind: 'hasKeyword', keyword: '$flagged' }))).toEqual(['m1']);
    expect(await ids(and(report, { kind: 'notKeyword', keyword: '$flagged' }))).toEqual(['m3', 'm2']);
    expect(await ids(and(report, { kind: 'not', conditions: [words('two'), words('three')] }))).toEqual([
      'm1',
    ]);
    expect(await ids(and(report, { kind: 'or', conditions: [words('one'), words('three')] }))).toEqual([
      'm3',
      'm1',
    ]);
    const [, second] = await ids(report);
    expect(second).toBe('m2');
    const { found } = await (
      await import('../../../lambdas/core/mailbox/model-reads')
    ).readMessages(store, ORG, MBX, ['m2', 'm3']);
    const m2 = found.find((entry) => entry.messageId === 'm2')!;
    const m3 = found.find((entry) => entry.messageId === 'm3')!;
    expect(await ids(and(report, { kind: 'after', time: m2.receivedAt }))).toEqual(['m3', 'm2']);
    expect(await ids(and(report, { kind: 'before', time: m2.receivedAt }))).toEqual(['m1']);
    expect(await ids(and(report, { kind: 'minSize', bytes: m3.sizeBytes }))).toEqual(['m3']);
    expect(await ids(and(report, { kind: 'maxSize', bytes: m3.sizeBytes }))).toEqual(['m2', 'm1']);
  });

  it('walks the named folder when no words must match, and refuses a filter that names neither', async () => {
    const { indexer, deliver, ids, search } = await searchSetup();
    await deliver('m1', 'Subject: a\n\n');
    await deliver('m2', 'Subject: b\n\n', 'JUNK_EMAIL');
    await indexer.catchUp(ORG, MBX);
    expect(
      await ids({
        kind: 'and',
        conditions: [
          { kind: 'inFolder', folderId: 'INBOX' },
          { kind: 'not', conditions: [words('zzz')] },
        ],
      }),
    ).toEqual(['m1']);
    expect(await search.search(ORG, MBX, { kind: 'hasKeyword', keyword: '$seen' })).toEqual({
      ok: false,
      refusal: { type: 'unsearchable' },
    });
    expect(await search.search(ORG, MBX, { kind: 'or', conditions: [words('a'), words('b')] })).toEqual({
      ok: false,
      refusal: { type: 'unsearchable' },
    });
    const many = Array.from({ length: 65 }, (_, index) => `w${index}`).join(' ');
    expect(await search.search(ORG, MBX, words(many))).toEqual({
      ok: false,
      refusal: { type: 'tooManyWords' },
    });
  });

  it('walks a folder only as far as the matches asked for, newest first', async () => {
    const { deliver, search, store } = await searchSetup();
    for (let index = 1; index <= 150; index++) await deliver(`m${index}`, 'Subject: x\n\n');
    let pages = 0;
    const listMessages = store.listMessages.bind(store);
    store.listMessages = (...args) => {
      pages++;
      return listMessages(...args);
    };
    const unread: MessageFilter = {
      kind: 'and',
      conditions: [
        { kind: 'inFolder', folderId: 'INBOX' },
        { kind: 'notKeyword', keyword: '$seen' },
      ],
    };

    const two = await search.search(ORG, MBX, unread, 2);
    const pagesForTwo = pages;
    const all = await search.search(ORG, MBX, unread);

    expect(two.ok && two.matches.map((entry) => entry.messageId)).toEqual(['m150', 'm149']);
    expect(pagesForTwo).toBe(1);
    expect(all.ok && all.matches).toHaveLength(150);
    expect(pages - pagesForTwo).toBe(2);
  });

  it('drops messages destroyed since they were indexed, and finds a moved message in its new folder', async () => {
    const { indexer, deliver, ids, store, blobs } = await searchSetup();
    const model = new MailboxModel({ store, blobs });
    await deliver('m1', 'Subject: invoice\n\n');
    await deliver('m2', 'Subject: invoice\n\n');
    await indexer.catchUp(ORG, MBX);
    await model.destroyMessages(ORG, MBX, ['m1']);
    await model.updateMessages(ORG, MBX, [{ messageId: 'm2', folderId: 'DELETED_ITEMS' }]);
    expect(await ids(words('invoice'))).toEqual(['m2']);
    expect(
      await ids({
        kind: 'and',
        conditions: [words('invoice'), { kind: 'inFolder', folderId: 'DELETED_ITEMS' }],
      }),
    ).toEqual(['m2']);
  });

  it("never finds another mailbox's messages, even with the same word", async () => {
    const { indexer, deliver, search, service, advance } = await searchSetup();
    await deliver('mine', 'Subject: secret plans\n\n');
    await service.provision(ORG, 'S-1-2');
    advance(1000);
    await service.deliver({
      organizationId: ORG,
      mailboxId: 'S-1-2',
      messageId: 'theirs',
      folder: 'INBOX',
      raw: Buffer.from('Subject: secret plans\r\n\r\n'),
      receivedAt: 1,
      summary: {},
      quotaBytes: 1e9,
    });
    await indexer.catchUp(ORG, MBX);
    await indexer.catchUp(ORG, 'S-1-2');

    const mine = await search.search(ORG, MBX, words('secret'));
    const theirs = await search.search(ORG, 'S-1-2', words('secret'));

    expect(mine.ok && mine.matches.map((entry) => entry.messageId)).toEqual(['mine']);
    expect(theirs.ok && theirs.matches.map((entry) => entry.messageId)).toEqual(['theirs']);
  });
});

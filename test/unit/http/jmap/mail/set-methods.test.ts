import { mailFixture } from './fixture';

describe('JMAP Email/set and Mailbox/set', () => {
  it('moves a message into a mailbox created earlier in the same request', async () => {
    const { request, deliver } = await mailFixture();
    await deliver('m1');

    const responses = await request([
      ['Mailbox/set', { accountId: 'S-1-5-7', create: { new: { name: 'Receipts' } } }, 'a'],
      ['Email/set', { accountId: 'S-1-5-7', update: { m1: { mailboxIds: { '#new': true } } } }, 'b'],
      ['Email/get', { accountId: 'S-1-5-7', ids: ['m1'], properties: ['mailboxIds'] }, 'c'],
    ]);

    const created = responses[0][1].created.new.id;
    expect(responses[1][1].updated).toEqual({ m1: null });
    expect(responses[2][1].list).toEqual([{ id: 'm1', mailboxIds: { [created]: true } }]);
  });

  it.each([
    [{ mailboxIds: { INBOX: true, DRAFTS: true } }, { type: 'tooManyMailboxes' }],
    [{ 'mailboxIds/DRAFTS': true }, { type: 'tooManyMailboxes' }],
    [{ mailboxIds: {} }, { type: 'invalidProperties', properties: ['mailboxIds'] }],
    [{ mailboxIds: { nowhere: true } }, { type: 'invalidProperties', properties: ['mailboxIds'] }],
    [{ keywords: { $seen: true }, 'keywords/$flagged': true }, { type: 'invalidPatch' }],
    [{ 'keywords/not valid': true }, { type: 'invalidProperties', properties: ['keywords'] }],
    [{ 'keywords/$seen': false }, { type: 'invalidProperties', properties: ['keywords/$seen'] }],
    [{ subject: 'new' }, { type: 'invalidProperties', properties: ['subject'] }],
    ['not an object', { type: 'invalidPatch' }],
  ])('refuses the update %j, changing nothing', async (patch, error) => {
    const { call, deliver, store } = await mailFixture();
    await deliver('m1');

    const [, result] = await call('Email/set', { update: { m1: patch } });

    expect(result.notUpdated.m1).toMatchObject(error);
    expect(await store.getMessage('m-0000000000000000000000000000000a', 'S-1-5-7', 'm1')).toMatchObject({
      folder: 'INBOX',
      keywords: [],
    });
  });

  it('refuses an Email/set create without a mailbox, creating nothing', async () => {
    const { call } = await mailFixture();

    const [, result] = await call('Email/set', { create: { k: { subject: 'x' } } });

    expect(result.notCreated.k).toMatchObject({ type: 'invalidProperties', properties: ['mailboxIds'] });
    expect(result.created).toEqual({});
  });

  it('checks ifInState before changing anything', async () => {
    const { call, deliver, store } = await mailFixture();
    await deliver('m1');
    const [, { state }] = await call('Email/get', { ids: [], properties: ['id'] });
    await deliver('m2');

    const [name, error] = await call('Email/set', {
      ifInState: state,
      update: { m1: { 'keywords/$seen': true } },
    });

    expect([name, error.type]).toEqual(['error', 'stateMismatch']);
    expect((await store.getMessage('m-0000000000000000000000000000000a', 'S-1-5-7', 'm1'))?.keywords).toEqual(
      [],
    );
  });

  it('refuses to rename, move or destroy system mailboxes, and to destroy a mailbox with mail unless asked', async () => {
    const { call, deliver } = await mailFixture();
    await deliver('m1');
    const [, created] = await call('Mailbox/set', {
      create: { p: { name: 'Projects' }, c: { name: 'Child', parentId: '#p' } },
    });
    const projects = created.created.p.id;
    await call('Email/set', { update: { m1: { mailboxIds: { [projects]: true } } } });

    const [, refused] = await call('Mailbox/set', {
      update: { INBOX: { name: 'Mine' }, [projects]: { role: 'archive' } },
      destroy: ['DRAFTS', projects],
    });
    const [, withChild] = await call('Mailbox/set', { destroy: [created.created.c.id] });
    const [, emptied] = await call('Mailbox/set', { destroy: [projects], onDestroyRemoveEmails: true });
    const [, gone] = await call('Email/get', { ids: ['m1'], properties: ['id'] });

    expect(refused.notUpdated).toEqual({
      INBOX: expect.objectContaining({ type: 'forbidden' }),
      [projects]: { type: 'invalidProperties', properties: ['role'] },
    });
    expect(refused.notDestroyed).toEqual({
      DRAFTS: expect.objectContaining({ type: 'forbidden' }),
      [projects]: { type: 'mailboxHasChild' },
    });
    expect(withChild.destroyed).toEqual([created.created.c.id]);
    expect(emptied.destroyed).toEqual([projects]);
    expect(gone.notFound).toEqual(['m1']);
  });

  it('refuses a duplicate sibling name and a missing parent as invalid properties', async () => {
    const { call } = await mailFixture();

    const [, result] = await call('Mailbox/set', {
      create: { a: { name: 'inbox' }, b: { name: 'X', parentId: 'nope' }, c: {} },
    });

    expect(result.notCreated).toEqual({
      a: expect.objectContaining({ type: 'invalidProperties', properties: ['name'] }),
      b: expect.objectContaining({ type: 'invalidProperties', properties: ['parentId'] }),
      c: { type: 'invalidProperties', properties: ['name'] },
    });
  });

  it('reports a state it cannot calculate changes from', async () => {
    const { call } = await mailFixture();
    const old = (await mailFixture(() => 1_800_000_000_000 - 100 * 86_400_000)).call;
    const [, { state }] = await old('Email/get', { ids: [] });

    for (const sinceState of ['garbage', 's1', state]) {
      const [name, error] = await call('Email/changes', { sinceState });
      expect([name, error.type]).toEqual(['error', 'cannotCalculateChanges']);
    }
  });
});

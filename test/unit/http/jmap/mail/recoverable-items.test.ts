import { retireBatch } from '../../../../../lambdas/core/retention/retire';
import { ACCOUNT, mailFixture, ORG } from './fixture';

/** Puts messages into Recoverable Items the only way there is: a retention sweep's DELETE. */
async function retire(model: Parameters<typeof retireBatch>[0], messageIds: string[]) {
  await retireBatch(model, {
    organizationId: ORG,
    mailboxId: ACCOUNT,
    folder: 'INBOX',
    action: 'DELETE',
    agedBefore: Number.MAX_SAFE_INTEGER,
    messageIds,
  });
}

describe('JMAP: Recoverable Items', () => {
  it('lists Recoverable Items after the system folders, as a mailbox users cannot add to', async () => {
    const { call, deliver, model } = await mailFixture();
    await deliver('m1');
    await retire(model, ['m1']);

    const [, result] = await call('Mailbox/get', { ids: null });

    const recoverable = result.list.find((mailbox) => mailbox.id === 'RECOVERABLE_ITEMS');
    expect(recoverable).toMatchObject({
      name: 'Recoverable Items',
      role: null,
      sortOrder: 7,
      totalEmails: 1,
      myRights: {
        mayAddItems: false,
        mayReadItems: true,
        mayRemoveItems: true,
        mayRename: false,
        mayDelete: false,
      },
    });
  });

  it('restores a message when Email/set moves it out', async () => {
    const { call, deliver, model, store } = await mailFixture();
    await deliver('m1');
    await retire(model, ['m1']);

    const [, result] = await call('Email/set', { update: { m1: { mailboxIds: { INBOX: true } } } });

    expect(result.updated).toEqual({ m1: null });
    expect((await store.getMessage(ORG, ACCOUNT, 'm1'))?.folder).toBe('INBOX');
  });

  it('refuses moving or creating a message in Recoverable Items', async () => {
    const { call, deliver, model, store } = await mailFixture();
    await deliver('m1');
    await deliver('m2');
    await retire(model, ['m1']);

    const [, moved] = await call('Email/set', {
      update: { m2: { mailboxIds: { RECOVERABLE_ITEMS: true } } },
    });
    const [, created] = await call('Email/set', {
      create: { k: { mailboxIds: { RECOVERABLE_ITEMS: true }, subject: 'hand-made' } },
    });

    expect(moved.notUpdated.m2).toMatchObject({ type: 'invalidProperties', properties: ['mailboxIds'] });
    expect(created.notCreated.k).toMatchObject({ type: 'invalidProperties', properties: ['mailboxIds'] });
    expect((await store.getMessage(ORG, ACCOUNT, 'm2'))?.folder).toBe('INBOX');
  });
});

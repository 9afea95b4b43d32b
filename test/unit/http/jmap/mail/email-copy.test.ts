import { ACCOUNT, mailFixture, ORG } from './fixture';

describe('JMAP Email/copy and Blob/copy refusals', () => {
  it.each([
    ['Email/copy', { create: {} }, 'invalidArguments'],
    ['Email/copy', { fromAccountId: ACCOUNT, create: {} }, 'invalidArguments'],
    ['Email/copy', { fromAccountId: 'S-someone-else', create: {} }, 'fromAccountNotFound'],
    ['Blob/copy', { blobIds: [] }, 'invalidArguments'],
    ['Blob/copy', { fromAccountId: 'S-someone-else', blobIds: [] }, 'fromAccountNotFound'],
  ])('%s with %j is %s', async (method, args, type) => {
    const { call } = await mailFixture();

    const [name, error] = await call(method, args);

    expect([name, error.type]).toEqual(['error', type]);
  });
});

describe('JMAP Email/copy from a shared account', () => {
  const SHARED = 'S-1-5-shared';

  async function withShared() {
    const fixture = await mailFixture(undefined, undefined, {
      sharedMailboxes: async () => [{ mailboxId: SHARED, name: 'team@example.com' }],
    });
    await fixture.service.provision(ORG, SHARED);
    await fixture.service.deliver({
      organizationId: ORG,
      mailboxId: SHARED,
      messageId: 'orig',
      folder: 'INBOX',
      keywords: ['$flagged'],
      raw: Buffer.from('Subject: team news\r\n\r\nhello team'),
      receivedAt: 1_700_000_000_000,
      summary: {},
      quotaBytes: 1e9,
    });
    return fixture;
  }

  it("keeps the original's keywords and received time unless given", async () => {
    const { call } = await withShared();

    const [, copy] = await call('Email/copy', {
      fromAccountId: SHARED,
      create: { c: { id: 'orig', mailboxIds: { INBOX: true } } },
    });
    const [, got] = await call('Email/get', {
      ids: [copy.created.c.id],
      properties: ['keywords', 'receivedAt'],
    });

    expect(got.list[0]).toMatchObject({ keywords: { $flagged: true }, receivedAt: '2023-11-14T22:13:20Z' });
  });

  it('still reports the copies when destroying the originals is refused, in an error response after it', async () => {
    const { request } = await withShared();

    const responses = await request([
      [
        'Email/copy',
        {
          accountId: ACCOUNT,
          fromAccountId: SHARED,
          create: { c: { id: 'orig', mailboxIds: { INBOX: true } } },
          onSuccessDestroyOriginal: true,
          destroyFromIfInState: 'sz9.0',
        },
        'x',
      ],
    ]);

    expect(responses.map(([name]) => name)).toEqual(['Email/copy', 'error']);
    expect(Object.keys(responses[0][1].created)).toEqual(['c']);
    expect(responses[1][1].type).toBe('stateMismatch');
  });
});

describe('JMAP Blob/copy from a shared account', () => {
  it('copies what exists and answers notFound for the rest, null where nothing is listed', async () => {
    const SHARED = 'S-1-5-shared';
    const { call, service, upload } = await mailFixture(undefined, undefined, {
      sharedMailboxes: async () => [{ mailboxId: SHARED, name: 'team@example.com' }],
    });
    await service.provision(ORG, SHARED);
    const { body: own } = await upload(Buffer.from('x'));
    const uploaded = await service.storeUpload(ORG, SHARED, Buffer.from('shared bytes'));

    const [, some] = await call('Blob/copy', {
      fromAccountId: SHARED,
      blobIds: [`U${uploaded}`, own.blobId],
    });
    const [, none] = await call('Blob/copy', { fromAccountId: SHARED, blobIds: ['Unope'] });

    expect(Object.keys(some.copied)).toEqual([`U${uploaded}`]);
    expect(some.notCopied).toEqual({ [own.blobId]: { type: 'notFound' } });
    expect(none).toMatchObject({ copied: null, notCopied: { Unope: { type: 'notFound' } } });
  });
});

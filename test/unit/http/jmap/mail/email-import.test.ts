import { mailFixture } from './fixture';

const message = (id: string, extra = '') =>
  Buffer.from(`Message-ID: <${id}@example.com>\r\nSubject: ${id}\r\n${extra}\r\nBody of ${id}\r\n`);

describe('JMAP upload and Email/import', () => {
  it('uploads a message and imports it into a mailbox with keywords and a received time', async () => {
    const { call, upload } = await mailFixture();
    const raw = message('draft-1');

    const uploaded = await upload(raw);
    const [, imported] = await call('Email/import', {
      emails: {
        k1: {
          blobId: uploaded.body.blobId,
          mailboxIds: { DRAFTS: true },
          keywords: { $draft: true, $Seen: true },
          receivedAt: '2026-11-30T08:00:00Z',
        },
      },
    });
    const id = imported.created.k1.id;
    const [, got] = await call('Email/get', {
      ids: [id],
      properties: ['mailboxIds', 'keywords', 'receivedAt', 'size', 'threadId'],
    });

    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ accountId: 'S-1-5-7', type: 'message/rfc822', size: raw.length });
    expect(imported.created.k1).toMatchObject({ blobId: `M${id}`, size: raw.length });
    expect(got.list[0]).toEqual({
      id,
      mailboxIds: { DRAFTS: true },
      keywords: { $draft: true, $seen: true },
      receivedAt: '2026-11-30T08:00:00Z',
      size: raw.length,
      threadId: imported.created.k1.threadId,
    });
  });

  it('threads an imported reply with its delivered original', async () => {
    const { call, upload, deliver } = await mailFixture();
    await deliver('orig', { messageId: '<orig@example.com>' });
    const reply = await upload(
      message('reply', 'In-Reply-To: <orig@example.com>\r\nReferences: <orig@example.com>\r\n'),
    );

    const [, imported] = await call('Email/import', {
      emails: { r: { blobId: reply.body.blobId, mailboxIds: { SENT_ITEMS: true } } },
    });
    const [, original] = await call('Email/get', { ids: ['orig'], properties: ['threadId'] });

    expect(imported.created.r.threadId).toBe(original.list[0].threadId);
  });

  it('refuses each bad import on its own and stores nothing for it', async () => {
    const { call, upload } = await mailFixture(undefined, 200);
    const small = await upload(message('small'));
    const big = await upload(Buffer.concat([message('big'), Buffer.alloc(300, 65)]));

    const [, result] = await call('Email/import', {
      emails: {
        nowhere: { blobId: small.body.blobId, mailboxIds: { nope: true } },
        two: { blobId: small.body.blobId, mailboxIds: { INBOX: true, DRAFTS: true } },
        missing: { blobId: 'Udoesnotexistatall0000', mailboxIds: { INBOX: true } },
        garbage: { blobId: 'xyz', mailboxIds: { INBOX: true } },
        keyword: { blobId: small.body.blobId, mailboxIds: { INBOX: true }, keywords: { 'bad word': true } },
        date: { blobId: small.body.blobId, mailboxIds: { INBOX: true }, receivedAt: 'yesterday' },
        full: { blobId: big.body.blobId, mailboxIds: { INBOX: true } },
      },
    });
    const [, inbox] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, calculateTotal: true });

    expect(result.created).toEqual({});
    expect(result.notCreated).toEqual({
      nowhere: expect.objectContaining({ type: 'invalidProperties', properties: ['mailboxIds'] }),
      two: expect.objectContaining({ type: 'tooManyMailboxes' }),
      missing: expect.objectContaining({ type: 'blobNotFound' }),
      garbage: expect.objectContaining({ type: 'blobNotFound' }),
      keyword: expect.objectContaining({ type: 'invalidProperties', properties: ['keywords'] }),
      date: expect.objectContaining({ type: 'invalidProperties', properties: ['receivedAt'] }),
      full: { type: 'overQuota' },
    });
    expect(inbox.total).toBe(0);
  });

  it('refuses an upload to another account as not found, and one over the size limit with 413', async () => {
    const { upload } = await mailFixture();

    const foreign = await upload(message('x'), 'S-1-5-99');
    const tooBig = await upload(Buffer.alloc(40 * 1024 * 1024 + 1));

    expect(foreign.status).toBe(404);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxSizeUpload' });
  });

  it('imports a copy of a stored message from its blob id', async () => {
    const { call, deliver } = await mailFixture();
    await deliver('orig');

    const [, imported] = await call('Email/import', {
      emails: { copy: { blobId: 'Morig', mailboxIds: { DELETED_ITEMS: true } } },
    });

    expect(imported.created.copy.id).toMatch(/^I[0-9a-f]{32}$/);
  });
});

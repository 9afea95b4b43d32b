import { ACCOUNT, mailFixture, ORG } from './fixture';

describe('JMAP Email/set create', () => {
  const draft = {
    mailboxIds: { DRAFTS: true },
    keywords: { $draft: true, $seen: true },
    from: [{ name: 'Ana Lima', email: 'ana@example.com' }],
    to: [{ name: 'Bruno', email: 'bruno@example.net' }],
    bcc: [{ email: 'hidden@example.net' }],
    subject: 'Budget — draft',
    inReplyTo: ['orig@example.net'],
    references: ['root@example.net', 'orig@example.net'],
    'header:X-Priority:asText': '1',
    textBody: [{ partId: 't', type: 'text/plain' }],
    htmlBody: [{ partId: 'h', type: 'text/html' }],
    bodyValues: {
      t: { value: 'Hello Bruno,\nsee the plan.' },
      h: { value: '<p>Hello Bruno, see the plan.</p>' },
    },
  };

  it('composes the message from its properties and reads back the same Email, Bcc kept', async () => {
    const { call, upload } = await mailFixture();
    const { body: attachment } = await upload(Buffer.from('a,b\n1,2\n'));

    const [, set] = await call('Email/set', {
      create: {
        d1: {
          ...draft,
          attachments: [{ blobId: attachment.blobId, type: 'text/csv', name: 'plan.csv' }],
        },
      },
    });
    const [, got] = await call('Email/get', {
      ids: [set.created.d1.id],
      properties: [
        'mailboxIds',
        'keywords',
        'from',
        'to',
        'bcc',
        'subject',
        'inReplyTo',
        'references',
        'header:X-Priority:asText',
        'textBody',
        'attachments',
        'bodyValues',
        'threadId',
        'size',
      ],
      fetchTextBodyValues: true,
    });
    const email = got.list[0];

    expect(set.created.d1).toEqual({
      id: expect.any(String),
      blobId: `M${set.created.d1.id}`,
      threadId: email.threadId,
      size: email.size,
    });
    expect(email).toMatchObject({
      mailboxIds: { DRAFTS: true },
      keywords: { $draft: true, $seen: true },
      from: draft.from,
      to: draft.to,
      bcc: [{ name: null, email: 'hidden@example.net' }],
      subject: draft.subject,
      inReplyTo: ['orig@example.net'],
      references: ['root@example.net', 'orig@example.net'],
      'header:X-Priority:asText': '1',
    });
    expect(email.bodyValues[email.textBody[0].partId].value).toBe('Hello Bruno,\nsee the plan.');
    expect(email.attachments).toEqual([
      expect.objectContaining({ name: 'plan.csv', type: 'text/csv', size: 8 }),
    ]);
  });

  it.each([
    ['a server-set id', { ...draft, id: 'x' }, ['id']],
    ['a bodyStructure', { ...draft, bodyStructure: { type: 'text/plain' } }, ['bodyStructure']],
    ['no mailbox', { ...draft, mailboxIds: {} }, ['mailboxIds']],
    ['an invalid address', { ...draft, to: [{ email: 'not an address' }] }, ['to']],
    ['the headers property (header fields are set one by one)', { ...draft, headers: [] }, ['headers']],
    ['a header a property sets', { ...draft, 'header:Subject': 'again' }, ['header:Subject']],
    [
      'a Content-* header on the message',
      { ...draft, 'header:Content-Disposition': 'inline' },
      ['header:Content-Disposition'],
    ],
    [
      'a header value with a line break',
      { ...draft, 'header:X-A': 'a\r\nBcc: injected@example.com' },
      ['header:X-A'],
    ],
    ['a body part without its value', { ...draft, bodyValues: {} }, ['textBody']],
    ['a bracketed message id', { ...draft, messageId: ['<bracketed@example.com>'] }, ['messageId']],
  ])('refuses %s with invalidProperties', async (_, spec, properties) => {
    const { call } = await mailFixture();

    const [, set] = await call('Email/set', { create: { d1: spec } });

    expect(set.notCreated.d1).toMatchObject({ type: 'invalidProperties', properties });
    expect(set.created).toEqual({});
  });

  it("refuses a draft over WorkMail's attachment limit with tooLarge, storing nothing", async () => {
    const { call, upload, store } = await mailFixture();
    const { body: big } = await upload(Buffer.alloc(10 * 1024 * 1024, 97));

    const [, set] = await call('Email/set', {
      create: { d1: { ...draft, attachments: [1, 2, 3].map(() => ({ blobId: big.blobId, name: 'a.bin' })) } },
    });

    expect(set.notCreated.d1).toMatchObject({ type: 'tooLarge' });
    expect((await store.getMailbox(ORG, ACCOUNT))?.messageCount).toBe(0);
  });

  it('names the attachment blobs it cannot find', async () => {
    const { call } = await mailFixture();

    const [, set] = await call('Email/set', {
      create: { d1: { ...draft, attachments: [{ blobId: 'Unope' }, { blobId: 'Mmissing.2' }] } },
    });

    expect(set.notCreated.d1).toEqual({ type: 'blobNotFound', notFound: ['Unope', 'Mmissing.2'] });
  });

  it('lets a later call of the request use the created Email by its creation id', async () => {
    const { request } = await mailFixture();

    const responses = await request([
      ['Email/set', { accountId: 'S-1-5-7', create: { d1: draft } }, 'a'],
      ['Email/set', { accountId: 'S-1-5-7', update: { '#d1': { 'keywords/$flagged': true } } }, 'b'],
    ]);

    expect(Object.keys(responses[1][1].updated)).toHaveLength(1);
  });
});

import { mailFixture, ORG, ACCOUNT } from './fixture';

describe('JMAP mail: limits, argument types and hostile input', () => {
  it('refuses a /set or /get over the session limits with requestTooLarge', async () => {
    const { call } = await mailFixture();
    const many = Array.from({ length: 501 }, (_, index) => `m${index}`);

    for (const [method, args] of [
      ['Email/set', { destroy: many }],
      ['Mailbox/set', { destroy: many }],
      ['Thread/get', { ids: many }],
      ['Email/parse', { blobIds: many }],
      ['Mailbox/get', { ids: many }],
    ] as const) {
      const [name, error] = await call(method, args);
      expect([method, name, error.type]).toEqual([method, 'error', 'requestTooLarge']);
    }
  });

  it('refuses create, update or destroy of the wrong type instead of ignoring them', async () => {
    const { call } = await mailFixture();

    for (const args of [{ update: ['x'] }, { create: 'x' }, { destroy: { x: true } }]) {
      const [name, error] = await call('Email/set', args);
      expect([name, error.type]).toEqual(['error', 'invalidArguments']);
    }
  });

  it('resolves #creationId references among update and destroy ids', async () => {
    const { request } = await mailFixture();

    const responses = await request([
      ['Mailbox/set', { accountId: ACCOUNT, create: { k: { name: 'Temp' } } }, 'a'],
      ['Mailbox/set', { accountId: ACCOUNT, update: { '#k': { name: 'Renamed' } } }, 'b'],
      ['Mailbox/set', { accountId: ACCOUNT, destroy: ['#k', '#nothing'] }, 'c'],
    ]);

    const id = responses[0][1].created.k.id;
    expect(responses[1][1].updated).toEqual({ [id]: null });
    expect(responses[2][1].destroyed).toEqual([id]);
    expect(responses[2][1].notDestroyed).toEqual({ '#nothing': { type: 'notFound' } });
  });

  it('answers ids no message can have as not found, without an error', async () => {
    const { call } = await mailFixture();

    const [, result] = await call('Email/get', {
      ids: ['x'.repeat(2000), 'a/b', 'nope'],
      properties: ['id'],
    });

    expect(result).toMatchObject({ list: [], notFound: ['x'.repeat(2000), 'a/b', 'nope'] });
  });

  it('never destroys a message that left the mailbox being emptied, even when the listing lags', async () => {
    const { call, deliver, store } = await mailFixture();
    await deliver('keep');
    const [, created] = await call('Mailbox/set', { create: { f: { name: 'Old' } } });
    const old = created.created.f.id;
    await call('Email/set', { update: { keep: { mailboxIds: { [old]: true } } } });
    const stale = await store.listMessages(ORG, ACCOUNT, old, { limit: 100 });
    await call('Email/set', { update: { keep: { mailboxIds: { INBOX: true } } } });
    // The listing still shows the message in the folder it left.
    store.listMessages = async () => stale;

    const [, result] = await call('Mailbox/set', { destroy: [old], onDestroyRemoveEmails: true });
    const [, kept] = await call('Email/get', { ids: ['keep'], properties: ['mailboxIds'] });

    expect(result.destroyed).toEqual([old]);
    expect(kept.list).toEqual([{ id: 'keep', mailboxIds: { INBOX: true } }]);
  });

  it('serves downloads as attachments a browser will not sniff or render', async () => {
    const { jmap, deliver } = await mailFixture();
    await deliver('m1');

    const response = await jmap({
      method: 'GET',
      path: `/jmap/download/${ACCOUNT}/Mm1/m.html`,
      query: { accept: 'text/html' },
      headers: { authorization: 'Basic x' },
      body: Buffer.alloc(0),
    });
    const malformed = await jmap({
      method: 'GET',
      path: `/jmap/download/${ACCOUNT}/%E0%A4%A/x`,
      query: {},
      headers: { authorization: 'Basic x' },
      body: Buffer.alloc(0),
    });

    expect(response?.headers).toMatchObject({
      'content-type': 'text/html',
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
    });
    expect(malformed?.statusCode).toBe(404);
  });
});

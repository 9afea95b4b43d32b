import { mailFixture } from './fixture';

const forwarded = Buffer.from(
  [
    'From: Ana <ana@example.com>',
    'Subject: Fwd: plans',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'See below.',
    '--b1',
    'Content-Type: message/rfc822',
    '',
    'From: Ben <ben@example.com>',
    'Subject: plans',
    '',
    'The plans.',
    '--b1--',
    '',
  ].join('\r\n'),
);

describe('JMAP Email content: Email/get properties and Email/parse', () => {
  it('refuses an unknown property or a header form the field does not allow, with invalidArguments', async () => {
    const { call, upload, deliver } = await mailFixture();
    await deliver('m1');
    void upload;

    for (const properties of [['nonsense'], ['header:From:asDate'], ['header:Subject:asWhatever']]) {
      const [name, error] = await call('Email/get', { ids: ['m1'], properties });
      expect([name, error.type]).toEqual(['error', 'invalidArguments']);
    }
    const [name, error] = await call('Email/get', {
      ids: ['m1'],
      properties: ['subject'],
      maxBodyValueBytes: 0,
    });
    expect([name, error.type]).toEqual(['error', 'invalidArguments']);
  });

  it('parses an uploaded message and the message attached to it, without storing either', async () => {
    const { call, upload } = await mailFixture();
    const uploaded = await upload(forwarded);
    const blobId = uploaded.body.blobId;

    const [, outer] = await call('Email/parse', {
      blobIds: [blobId],
      properties: ['subject', 'attachments', 'size', 'id'],
    });
    const attached = outer.parsed[blobId].attachments[0].blobId;
    const [, inner] = await call('Email/parse', {
      blobIds: [attached, `${blobId}.1`, 'Mnope'],
      properties: ['subject', 'from', 'mailboxIds'],
    });
    const [, inbox] = await call('Email/query', { filter: { inMailbox: 'INBOX' }, calculateTotal: true });

    expect(outer.parsed[blobId]).toMatchObject({ subject: 'Fwd: plans', size: forwarded.length, id: null });
    expect(attached).toBe(`${blobId}.2`);
    expect(inner.parsed[attached]).toEqual({
      subject: 'plans',
      from: [{ name: 'Ben', email: 'ben@example.com' }],
      mailboxIds: null,
    });
    expect(inner.notFound).toEqual(['Mnope']);
    expect(inbox.total).toBe(0);
  });

  it('downloads a decoded body part of a stored message, and 404s a part that does not exist', async () => {
    const { jmap, call, upload } = await mailFixture();
    const uploaded = await upload(forwarded);
    const [, imported] = await call('Email/import', {
      emails: { k: { blobId: uploaded.body.blobId, mailboxIds: { INBOX: true } } },
    });
    const id = imported.created.k.id;
    const get = (blobId: string) =>
      jmap({
        method: 'GET',
        path: `/jmap/download/S-1-5-7/${blobId}/x`,
        query: {},
        headers: { authorization: 'Basic x' },
        body: Buffer.alloc(0),
      });

    const part = await get(`M${id}.1`);
    const missing = await get(`M${id}.9`);

    expect(part?.statusCode).toBe(200);
    expect(part?.headers['content-type']).toBe('text/plain');
    expect(String(part?.body)).toBe('See below.');
    expect(missing?.statusCode).toBe(404);
  });
});

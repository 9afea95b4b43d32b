import { createHash } from 'node:crypto';
import { MessageIntegrityError } from '../../../lambdas/core/mailbox/errors';
import { MBX, ORG, setup } from './setup';

describe('MailboxService: what is stored', () => {
  it('writes each delivery to a fresh blob under <org>/<mailbox>/<sha256(message id)[0..32]>/<attempt id>', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    const digest = createHash('sha256').update('msg-1').digest('hex').slice(0, 32);

    await service.deliver(message('msg-1'));

    const key = (await store.getMessage(ORG, MBX, 'msg-1'))?.blobKey ?? '';
    const [org, mailbox, hashed, attempt] = key.split('/');
    expect([org, mailbox, hashed]).toEqual([ORG, MBX, digest]);
    expect(attempt).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists a newly delivered message with no keywords, UID 1 and a thread', async () => {
    const { service, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));

    const page = await service.listMessages(ORG, MBX, 'INBOX', { limit: 10 });

    expect(page.items.map(({ keywords, uid }) => ({ keywords, uid }))).toEqual([{ keywords: [], uid: 1 }]);
    expect(page.items[0].threadId).toMatch(/^T[A-Za-z0-9_-]{22}$/);
  });

  it('refuses to return a message whose length does not match its index entry', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1', Buffer.from('exactly these bytes')));
    const entry = (await store.getMessage(ORG, MBX, 'msg-1'))!;
    store.messages.set(`${ORG}|${MBX}/msg-1`, { ...entry, sizeBytes: entry.sizeBytes + 1 });

    await expect(service.readMessage(ORG, MBX, 'msg-1')).rejects.toThrow(MessageIntegrityError);
  });
});

describe('MailboxService: reading only the header', () => {
  const deliver = async (raw: Buffer<ArrayBuffer>) => {
    const world = setup();
    await world.service.provision(ORG, MBX);
    await world.service.deliver({ ...world.message('m1', raw), quotaBytes: 100_000_000 });
    return world;
  };

  it('returns the header of a large message through its blank line', async () => {
    const header = 'From: a@example.org\r\nSubject: big\r\n\r\n';
    const world = await deliver(Buffer.concat([Buffer.from(header), Buffer.alloc(2_000_000, 0x61)]));

    expect((await world.service.readHeader(ORG, MBX, 'm1'))?.toString()).toBe(header);
  });

  it('finds the end after bare LFs and across chunk boundaries, and an empty header at the start', async () => {
    const bare = await deliver(Buffer.from('Subject: bare\n\nbody\n'));
    // The blank line's CR is the last byte of the first 64 KiB chunk, its LF the first of the second.
    const split = await deliver(Buffer.from(`X: ${'y'.repeat(65_530)}\r\n\r\nbody`));
    const empty = await deliver(Buffer.from('\r\nonly a body'));

    expect((await bare.service.readHeader(ORG, MBX, 'm1'))?.toString()).toBe('Subject: bare\n\n');
    expect((await split.service.readHeader(ORG, MBX, 'm1'))?.length).toBe(65_537);
    expect((await empty.service.readHeader(ORG, MBX, 'm1'))?.toString()).toBe('\r\n');
  });

  it('gives up past the limit, and returns a message without a blank line whole', async () => {
    const long = await deliver(Buffer.from(`X: ${'y'.repeat(5000)}\r\n\r\nbody`));
    const headless = await deliver(Buffer.from('Subject: no body'));

    expect(await long.service.readHeader(ORG, MBX, 'm1', 1000)).toBeUndefined();
    expect((await headless.service.readHeader(ORG, MBX, 'm1'))?.toString()).toBe('Subject: no body');
  });
});

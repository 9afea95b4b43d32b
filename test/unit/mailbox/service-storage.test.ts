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

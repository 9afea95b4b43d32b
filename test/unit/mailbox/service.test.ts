import { randomBytes } from 'node:crypto';
import { DecryptionFailedError } from '../../../lambdas/core/crypto/errors';
import {
  InvalidMessageIdError,
  MailboxNotFoundError,
  MailboxQuotaExceededError,
  MessageIntegrityError,
  MessageNotFoundError,
} from '../../../lambdas/core/mailbox/errors';
import { MBX, ORG, setup } from './setup';

describe('MailboxService: delivery, reading and listing', () => {
  it('delivers a message and reads back the exact bytes and decrypted summary', async () => {
    const { service, message } = setup();
    await service.provision(ORG, MBX);
    const raw = randomBytes(300_000);
    expect(await service.deliver(message('msg-1', raw))).toEqual({ stored: true });
    expect((await service.readMessage(ORG, MBX, 'msg-1')).equals(raw)).toBe(true);
    const page = await service.listMessages(ORG, MBX, 'INBOX', { limit: 10 });
    expect(page.items).toEqual([
      expect.objectContaining({
        messageId: 'msg-1',
        sizeBytes: 300_000,
        summary: {
          subject: 'hello msg-1',
          from: 'alice@example.com',
          to: ['bob@example.com'],
          snippet: 'body',
        },
      }),
    ]);
    expect(await service.sizeBytes(ORG, MBX)).toBe(300_000);
  });

  it('streams the encrypted content to the blob store in pieces of at most one chunk', async () => {
    const { service, blobs, message } = setup();
    const sizes: number[] = [];
    const putStream = blobs.putStream.bind(blobs);
    blobs.putStream = async (key, body) => {
      body.on('data', (piece: Buffer) => sizes.push(piece.length));
      await putStream(key, body);
    };
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1', randomBytes(1_000_000)));
    expect(sizes.length).toBeGreaterThan(15);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024 + 16);
  });

  it('keeps subject, body and addresses out of the stored index and blobs', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    const stored = Buffer.concat([...blobs.objects.values(), ...bytesIn([...store.messages.values()])]);
    for (const secret of ['hello msg-1', 'body of', 'alice@example.com', 'bob@example.com']) {
      expect(stored.includes(Buffer.from(secret))).toBe(false);
    }
    expect([...blobs.objects.keys()][0]).not.toMatch(/msg-1|example/);
  });

  it('never stores a plaintext mailbox key', async () => {
    const { service, store, blobs, keyWrapper, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    await service.rotateMailboxKey(ORG, MBX);
    await service.deliver(message('msg-2'));
    const everything = Buffer.concat([
      ...blobs.objects.values(),
      ...bytesIn([...store.messages.values(), ...store.keys.values()]),
    ]);
    expect(keyWrapper.plaintexts).toHaveLength(2);
    for (const key of keyWrapper.plaintexts) expect(everything.includes(key)).toBe(false);
  });

  it('fails to read a message whose index entry and blob were copied into another mailbox', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.provision(ORG, 'S-1-2');
    await service.deliver(message('msg-1'));
    const entry = (await store.getMessage(ORG, MBX, 'msg-1'))!;
    store.messages.set(`${ORG}|S-1-2/msg-1`, entry);
    await expect(service.readMessage(ORG, 'S-1-2', 'msg-1')).rejects.toThrow(DecryptionFailedError);
  });

  it('makes no KeyWrapper call on the warm delivery and read paths', async () => {
    const { service, keyWrapper, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    const before = { ...keyWrapper.calls };
    for (let i = 2; i <= 6; i++) await service.deliver(message(`msg-${i}`));
    await service.readMessage(ORG, MBX, 'msg-3');
    await service.listMessages(ORG, MBX, 'INBOX', { limit: 10 });
    expect(keyWrapper.calls).toEqual(before);
    expect(before).toEqual({ wrap: 1, unwrap: 1 });
  });

  it('makes one blob write and one index transaction per warm delivery, reading no mailbox record', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    const calls: string[] = [];
    for (const name of ['getMailbox', 'getKey', 'getMessage', 'putMessage'] as const) {
      const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(name);
        return original(...args);
      };
    }
    const putStream = blobs.putStream.bind(blobs);
    blobs.putStream = (...args) => {
      calls.push('putStream');
      return putStream(...args);
    };

    await service.deliver(message('msg-2'));

    expect(calls).toEqual(['putStream', 'putMessage']);
  });

  it('uses a rotated key version for new messages once the remembered version expires', async () => {
    const { service, store, message, advance } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    const mailbox = await store.getMailbox(ORG, MBX);
    await store.addKeyVersion(ORG, MBX, { ...(await store.getKey(ORG, MBX, 1))!, version: 2 }, 1);
    expect(mailbox?.currentKeyVersion).toBe(1);

    await service.deliver(message('msg-2'));
    advance(60_000);
    await service.deliver(message('msg-3'));

    expect((await store.getMessage(ORG, MBX, 'msg-2'))?.keyVersion).toBe(1);
    expect((await store.getMessage(ORG, MBX, 'msg-3'))?.keyVersion).toBe(2);
  });

  it('unwraps the mailbox key again once the 60 s cache period has passed', async () => {
    const { service, keyWrapper, message, advance } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    advance(59_999);
    await service.readMessage(ORG, MBX, 'msg-1');
    expect(keyWrapper.calls.unwrap).toBe(1);
    advance(1);
    await service.readMessage(ORG, MBX, 'msg-1');
    expect(keyWrapper.calls.unwrap).toBe(2);
  });

  it('stores a repeated message id once and reports the repeat', async () => {
    const { service, blobs, message } = setup();
    await service.provision(ORG, MBX);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await service.deliver(message('msg-1')));
    results.push(...(await Promise.all(Array.from({ length: 5 }, () => service.deliver(message('dup-2'))))));
    expect(results.filter((r) => r.stored)).toHaveLength(2);
    expect(blobs.objects.size).toBe(2);
    expect(await service.sizeBytes(ORG, MBX)).toBe(message('msg-1').raw.length + message('dup-2').raw.length);
  });

  it('completes a delivery on retry after a crash between the blob write and the index transaction', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    const putMessage = store.putMessage.bind(store);
    store.putMessage = async () => {
      throw new Error('lost connection');
    };
    await expect(service.deliver(message('msg-1'))).rejects.toThrow('lost connection');
    expect(await service.listMessages(ORG, MBX, 'INBOX', { limit: 10 })).toEqual({ items: [] });
    expect(await service.sizeBytes(ORG, MBX)).toBe(0);
    store.putMessage = putMessage;
    expect(await service.deliver(message('msg-1'))).toEqual({ stored: true });
    expect((await service.readMessage(ORG, MBX, 'msg-1')).equals(message('msg-1').raw)).toBe(true);
    expect(blobs.objects.size).toBe(2);
  });

  it('refuses a message over quota, keeping neither its blob nor an index entry', async () => {
    const { service, blobs, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver({ ...message('msg-1', randomBytes(600)), quotaBytes: 1000 });
    await expect(
      service.deliver({ ...message('msg-2', randomBytes(401)), quotaBytes: 1000 }),
    ).rejects.toThrow(MailboxQuotaExceededError);
    expect(blobs.objects.size).toBe(1);
    expect(store.messages.size).toBe(1);
    expect(await service.deliver({ ...message('msg-3', randomBytes(400)), quotaBytes: 1000 })).toEqual({
      stored: true,
    });
  });

  it('deletes its blob when the quota is exhausted by a concurrent delivery', async () => {
    const { service, blobs, message } = setup();
    await service.provision(ORG, MBX);
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((id) => service.deliver({ ...message(id, randomBytes(600)), quotaBytes: 1000 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected' && r.reason instanceof MailboxQuotaExceededError),
    ).toHaveLength(2);
    expect(blobs.objects.size).toBe(1);
  });

  it('refuses message ids that could carry an address, and unknown mailboxes', async () => {
    const { service, message } = setup();
    await expect(service.deliver(message('<id@example.com>'))).rejects.toThrow(InvalidMessageIdError);
    await expect(service.deliver(message('msg-1'))).rejects.toThrow(MailboxNotFoundError);
    await expect(service.readMessage(ORG, MBX, 'msg-1')).rejects.toThrow(MessageNotFoundError);
  });

  it('deletes its blob and refuses when the mailbox is destroyed during the delivery', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    const putMessage = store.putMessage.bind(store);
    store.putMessage = async (...args) => {
      await store.markDestroying(ORG, MBX);
      return putMessage(...args);
    };
    await expect(service.deliver(message('msg-1'))).rejects.toThrow(MailboxNotFoundError);
    expect(blobs.objects.size).toBe(0);
  });

  it('fails to read a blob swapped in from another message', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    await service.deliver(message('msg-2'));
    const first = (await store.getMessage(ORG, MBX, 'msg-1'))!;
    const second = (await store.getMessage(ORG, MBX, 'msg-2'))!;
    store.messages.set(`${ORG}|${MBX}/msg-2`, { ...second, blobKey: first.blobKey });
    await expect(service.readMessage(ORG, MBX, 'msg-2')).rejects.toThrow(DecryptionFailedError);
  });

  it('reports a blob that has disappeared', async () => {
    const { service, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    blobs.objects.clear();
    await expect(service.readMessage(ORG, MBX, 'msg-1')).rejects.toThrow(MessageIntegrityError);
  });

  it('returns the vacation window the mailbox record carries with a stored message, and none without one', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    const plain = await service.deliver(message('msg-1'));
    const record = store.mailboxes.get(`${ORG}|${MBX}`)!;
    store.mailboxes.set(`${ORG}|${MBX}`, { ...record, vacation: { fromDate: 1000 } });

    const away = await service.deliver(message('msg-2'));

    expect(plain).toEqual({ stored: true });
    expect('vacation' in plain).toBe(false);
    expect(away).toEqual({ stored: true, vacation: { fromDate: 1000 } });
  });
});

/** Every string and byte array inside `value`, as buffers (what a raw dump of the store would show). */
function bytesIn(value: unknown): Buffer[] {
  if (value instanceof Uint8Array) return [Buffer.from(value)];
  if (typeof value === 'string' || typeof value === 'number') return [Buffer.from(String(value))];
  if (value && typeof value === 'object') return Object.values(value).flatMap(bytesIn);
  return [];
}

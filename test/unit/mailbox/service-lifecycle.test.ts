import { DecryptionFailedError, MailboxKeyNotFoundError } from '../../../lambdas/core/crypto/errors';
import {
  MailboxCleanupIncompleteError,
  MailboxKeyRotationConflictError,
  MailboxNotFoundError,
} from '../../../lambdas/core/mailbox/errors';
import { MBX, ORG, setup } from './setup';

describe('MailboxService: provisioning, rotation and crypto-shredding', () => {
  it('provisions a mailbox once, wrapping key version 1 with the organization key and context', async () => {
    const { service, store, keyWrapper } = setup();
    await service.provision(ORG, MBX);
    await service.provision(ORG, MBX);
    expect(keyWrapper.calls.wrap).toBe(1);
    expect(keyWrapper.keyIds).toEqual(['arn:aws:kms:eu-west-1:111122223333:key/org']);
    expect(await store.getMailbox(ORG, MBX)).toMatchObject({
      state: 'ACTIVE',
      currentKeyVersion: 1,
      keyScheme: 'AES256_SYMMETRIC_V1',
    });
    expect(await service.sizeBytes(ORG, MBX)).toBe(0);
  });

  it('gives up a rotation that keeps losing to concurrent rotations', async () => {
    const { service, store, keyWrapper } = setup();
    await service.provision(ORG, MBX);
    store.addKeyVersion = async () => false;
    await expect(service.rotateMailboxKey(ORG, MBX)).rejects.toThrow(MailboxKeyRotationConflictError);
    expect(keyWrapper.calls.wrap).toBe(4);
  });

  it('keeps old messages readable after a key rotation and uses the new version for new ones', async () => {
    const { service, store, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('old'));
    expect(await service.rotateMailboxKey(ORG, MBX)).toBe(2);
    await service.deliver(message('new'));
    expect((await store.getMessage(ORG, MBX, 'old'))?.keyVersion).toBe(1);
    expect((await store.getMessage(ORG, MBX, 'new'))?.keyVersion).toBe(2);
    expect((await service.readMessage(ORG, MBX, 'old')).toString()).toContain('body of old');
    expect((await service.readMessage(ORG, MBX, 'new')).toString()).toContain('body of new');
  });

  it('crypto-shreds on destroy: a kept copy of the mail cannot be decrypted any more', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    const entry = (await store.getMessage(ORG, MBX, 'msg-1'))!;
    const blob = blobs.objects.get(entry.blobKey)!;
    await service.destroy(ORG, MBX);
    await service.destroy(ORG, MBX);
    expect(store.keys.size).toBe(0);
    expect(blobs.objects.size).toBe(0);
    expect(await service.sizeBytes(ORG, MBX)).toBe(0);
    await service.provision(ORG, MBX);
    store.messages.set(`${ORG}|${MBX}/msg-1`, entry);
    blobs.objects.set(entry.blobKey, blob);
    await expect(service.readMessage(ORG, MBX, 'msg-1')).rejects.toThrow(DecryptionFailedError);
    await service.destroy(ORG, MBX);
    store.mailboxes.set(`${ORG}|${MBX}`, fakeRecord());
    store.messages.set(`${ORG}|${MBX}/msg-1`, entry);
    blobs.objects.set(entry.blobKey, blob);
    await expect(service.readMessage(ORG, MBX, 'msg-1')).rejects.toThrow(MailboxKeyNotFoundError);
  });

  it('finishes the shredding and reports blobs it could not delete; a second destroy completes', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    blobs.failDeletes = true;
    await expect(service.destroy(ORG, MBX)).rejects.toThrow(MailboxCleanupIncompleteError);
    expect(store.keys.size).toBe(0);
    await expect(service.deliver(message('msg-2'))).rejects.toThrow(MailboxNotFoundError);
    blobs.failDeletes = false;
    await service.provision(ORG, MBX);
    expect(blobs.objects.size).toBe(0);
    expect(await store.getMailbox(ORG, MBX)).toMatchObject({ state: 'ACTIVE', usedBytes: 0 });
  });
});

describe('MailboxService: lifecycle details', () => {
  it('zeroes each plaintext mailbox key once it is wrapped', async () => {
    const { service, keyWrapper } = setup();
    const given: Uint8Array[] = [];
    const wrap = keyWrapper.wrap.bind(keyWrapper);
    keyWrapper.wrap = async (keyId, plaintext, context) => {
      given.push(plaintext);
      return wrap(keyId, plaintext, context);
    };

    await service.provision(ORG, MBX);
    await service.rotateMailboxKey(ORG, MBX);

    expect(given).toHaveLength(2);
    for (const key of given) expect(Buffer.from(key).equals(Buffer.alloc(32))).toBe(true);
    expect(keyWrapper.plaintexts.every((copy) => !copy.equals(Buffer.alloc(32)))).toBe(true);
  });

  it('provisions a new mailbox with one store read, and destroying an unknown mailbox writes nothing', async () => {
    const { service, store } = setup();
    const calls: string[] = [];
    for (const method of [
      'getMailbox',
      'markDestroying',
      'deleteKeys',
      'listAllMessages',
      'deleteMailbox',
    ] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        calls.push(method);
        return original(...args);
      };
    }

    await service.provision(ORG, MBX);
    const provisionCalls = [...calls];
    calls.length = 0;
    await service.destroy(ORG, 'S-unknown');

    expect(provisionCalls).toEqual(['getMailbox']);
    expect(calls).toEqual(['getMailbox']);
  });

  it('destroys every message of a mailbox holding more than one page of them', async () => {
    const { service, store, blobs, message } = setup();
    await service.provision(ORG, MBX);
    for (let i = 0; i < 205; i++) await service.deliver(message(`msg-${i}`, Buffer.from(`m${i}`)));

    await service.destroy(ORG, MBX);

    expect(blobs.objects.size).toBe(0);
    expect(store.messages.size).toBe(0);
    expect(await store.getMailbox(ORG, MBX)).toBeUndefined();
  });

  it('reports the blob deletions that failed as the causes of an incomplete clean-up', async () => {
    const { service, blobs, message } = setup();
    await service.provision(ORG, MBX);
    await service.deliver(message('msg-1'));
    await service.deliver(message('msg-2'));
    blobs.failDeletes = true;

    const error = await service.destroy(ORG, MBX).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MailboxCleanupIncompleteError);
    const cause = (error as Error).cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.message).toBe('blob clean-up failed');
    expect(cause.errors.map((failure: Error) => failure.message)).toEqual([
      'blob store unavailable',
      'blob store unavailable',
    ]);
  });

  it('rotates no key of a mailbox that does not exist or is being destroyed', async () => {
    const { service, store, keyWrapper } = setup();
    await service.provision(ORG, MBX);
    await store.markDestroying(ORG, MBX);

    await expect(service.rotateMailboxKey(ORG, 'S-unknown')).rejects.toThrow(MailboxNotFoundError);
    await expect(service.rotateMailboxKey(ORG, MBX)).rejects.toThrow(MailboxNotFoundError);
    expect(keyWrapper.calls.wrap).toBe(1);
  });
});

function fakeRecord() {
  return {
    organizationId: ORG,
    mailboxId: MBX,
    state: 'ACTIVE' as const,
    keyScheme: 'AES256_SYMMETRIC_V1' as const,
    currentKeyVersion: 1,
    usedBytes: 0,
    messageCount: 0,
    createdAt: 0,
    modseq: 0,
  };
}

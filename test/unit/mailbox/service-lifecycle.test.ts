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
  };
}

import {
  DecryptionFailedError,
  KeyCacheThrashError,
  MailboxKeyNotFoundError,
  UnsupportedCiphertextError,
} from '../../../lambdas/core/crypto/errors';

// Logs and error tables name errors by `name`, so each class must set its own.
describe('Crypto errors', () => {
  it.each([
    ['DecryptionFailedError', new DecryptionFailedError()],
    ['UnsupportedCiphertextError', new UnsupportedCiphertextError('x')],
    ['MailboxKeyNotFoundError', new MailboxKeyNotFoundError('m-org1', 'S-1-1', 2)],
    ['KeyCacheThrashError', new KeyCacheThrashError('x')],
  ])('%s carries its own name', (name, error) => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
  });

  it('gives a DecryptionFailedError a default message and keeps a cause', () => {
    const cause = new Error('bad tag');

    const error = new DecryptionFailedError(undefined, { cause });

    expect(error.message).toBe('The ciphertext could not be authenticated.');
    expect(error.cause).toBe(cause);
  });

  it('names the missing mailbox key version and mailbox, and exposes them', () => {
    const error = new MailboxKeyNotFoundError('m-org1', 'S-1-1', 2);

    expect(error.message).toBe('Mailbox key version 2 of mailbox S-1-1 does not exist.');
    expect(error).toMatchObject({ organizationId: 'm-org1', mailboxId: 'S-1-1', keyVersion: 2 });
  });
});

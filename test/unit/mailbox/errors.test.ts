import {
  InvalidMessageIdError,
  MailboxCleanupIncompleteError,
  MailboxKeyRotationConflictError,
  MailboxNotFoundError,
  MailboxQuotaExceededError,
  MailboxTransactionConflictError,
  MessageIntegrityError,
  MessageNotFoundError,
} from '../../../lambdas/core/mailbox/errors';
import { isMailboxQuotaExceeded } from '../../../lambdas/core/delivery/errors';

describe('mailbox errors', () => {
  it.each([
    [
      new MailboxQuotaExceededError('S-1', 1000, 2000),
      'MailboxQuotaExceededError',
      'Mailbox S-1 cannot take a 2000-byte message within its quota of 1000 bytes.',
    ],
    [
      new MailboxNotFoundError('m-1', 'S-1'),
      'MailboxNotFoundError',
      'Mailbox S-1 does not exist in organization m-1.',
    ],
    [
      new MessageNotFoundError('S-1', 'msg-1'),
      'MessageNotFoundError',
      'Message msg-1 does not exist in mailbox S-1.',
    ],
    [
      new InvalidMessageIdError('bad id'),
      'InvalidMessageIdError',
      'A message id has 1 to 200 characters from [A-Za-z0-9._:-].',
    ],
    [
      new MailboxKeyRotationConflictError('S-1'),
      'MailboxKeyRotationConflictError',
      'The key of mailbox S-1 was rotated concurrently; try again.',
    ],
    [
      new MailboxCleanupIncompleteError('S-1', 3),
      'MailboxCleanupIncompleteError',
      'Mailbox S-1 is shredded but 3 blob(s) could not be deleted; retry destroy.',
    ],
    [
      new MailboxTransactionConflictError('S-1', ['ConditionalCheckFailed', 'None']),
      'MailboxTransactionConflictError',
      'A transaction on mailbox S-1 was cancelled: ConditionalCheckFailed, None.',
    ],
    [
      new MessageIntegrityError('msg-1'),
      'MessageIntegrityError',
      'Message msg-1 does not match its index entry.',
    ],
  ])('%s is named after its class and states the ids and sizes involved', (error, name, message) => {
    expect(error.name).toBe(name);
    expect(error.message).toBe(message);
  });

  it('an invalid message id is not repeated in the message, which could reveal an address', () => {
    expect(new InvalidMessageIdError('alice@example.com').message).not.toContain('alice');
  });

  it('is recognised by delivery as a full mailbox by its name', () => {
    expect(isMailboxQuotaExceeded(new MailboxQuotaExceededError('S-1', 1, 2))).toBe(true);
    expect(isMailboxQuotaExceeded(new MailboxNotFoundError('m-1', 'S-1'))).toBe(false);
  });
});

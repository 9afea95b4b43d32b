import { MailboxNotFoundError } from '../../../lambdas/core/mailbox/errors';
import { retireBatch, type RetiringModel } from '../../../lambdas/core/retention/retire';

const batch = {
  organizationId: 'm-1',
  mailboxId: 'S-1',
  folder: 'INBOX',
  action: 'PERMANENTLY_DELETE' as const,
  agedBefore: 1,
  messageIds: ['a'],
};

describe('retireBatch', () => {
  it('changes nothing, without failing, in a mailbox destroyed since the sweep found its messages', async () => {
    const model = {
      destroyMessages: async () => {
        throw new MailboxNotFoundError('m-1', 'S-1');
      },
    } as unknown as RetiringModel;

    expect(await retireBatch(model, batch)).toBe(0);
  });

  it('lets any other failure through, so the batch is retried', async () => {
    const model = {
      destroyMessages: async () => {
        throw new Error('DynamoDB unavailable');
      },
    } as unknown as RetiringModel;

    await expect(retireBatch(model, batch)).rejects.toThrow('DynamoDB unavailable');
  });

  it('reports blobs it could not delete after destroying their messages', async () => {
    const model = {
      destroyMessages: async () => ({
        results: new Map([['a', { ok: true, value: undefined }]]),
        blobFailures: [new Error('S3 unavailable')],
      }),
    } as unknown as RetiringModel;

    await expect(retireBatch(model, batch)).rejects.toMatchObject({
      name: 'RetentionBlobCleanupError',
      failures: 1,
    });
  });
});

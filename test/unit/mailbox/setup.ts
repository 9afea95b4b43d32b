import type { DeliverInput } from '../../../lambdas/core/mailbox/types';
import { MailboxService } from '../../../lambdas/core/mailbox/service';
import { CountingKeyWrapper, InMemoryBlobStore, InMemoryMailboxStore } from './doubles';

export const ORG = 'm-0123456789abcdef0123456789abcdef';
export const ARN = `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}`;
export const MBX = 'S-1-1';

/** A MailboxService over in-memory doubles, a fake clock and a message factory. */
export function setup() {
  let clock = 1_700_000_000_000;
  const store = new InMemoryMailboxStore();
  const blobs = new InMemoryBlobStore();
  const keyWrapper = new CountingKeyWrapper();
  const service = new MailboxService({
    store,
    blobs,
    keyWrapper,
    organizationKey: async () => ({ arn: ARN, kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/org' }),
    now: () => clock,
  });
  const message = (
    messageId: string,
    raw = Buffer.from(`Subject: hello ${messageId}\r\n\r\nbody of ${messageId}`),
  ): DeliverInput => ({
    organizationId: ORG,
    mailboxId: MBX,
    messageId,
    folder: 'INBOX',
    raw,
    receivedAt: clock,
    summary: {
      subject: `hello ${messageId}`,
      from: 'alice@example.com',
      to: ['bob@example.com'],
      snippet: 'body',
    },
    quotaBytes: 1_000_000,
  });
  return { service, store, blobs, keyWrapper, message, advance: (ms: number) => (clock += ms) };
}

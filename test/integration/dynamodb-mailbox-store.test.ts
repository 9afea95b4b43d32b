import { randomBytes } from 'node:crypto';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { InMemoryMailboxStore } from '../unit/mailbox/doubles';
import { createTestTables } from '../support/dynamodb';
import { mailboxStoreContract } from './mailbox-store.contract';

const sealKey = randomBytes(32);

mailboxStoreContract('DynamoDB (DynamoDB Local)', async () => {
  const { documents, mailboxTable } = await createTestTables();
  const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
  return new DynamoDbMailboxStore(documents, mailboxTable, ledger.items);
});

describe('DynamoDbMailboxStore delivery receipts', () => {
  const receipt = (completesMessage: boolean) =>
    ({
      messageId: 'ses-receipt',
      target: 'MBX#m-1#u-1',
      record: { state: 'DELIVERED', recipient: 'u@example.com', mailboxId: 'u-1', folder: 'INBOX' },
      completesMessage,
    }) as const;

  async function setup() {
    const { documents, mailboxTable } = await createTestTables();
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    const store = new DynamoDbMailboxStore(documents, mailboxTable, ledger.items);
    await store.createMailbox(
      {
        organizationId: 'm-1',
        mailboxId: 'u-1',
        state: 'ACTIVE',
        keyScheme: 'AES256_SYMMETRIC_V1',
        currentKeyVersion: 1,
        usedBytes: 0,
        messageCount: 0,
        createdAt: 1,
      },
      { version: 1, wrappedKey: new Uint8Array([1]), createdAt: 1 },
    );
    return { ledger, store };
  }
  const entry = {
    messageId: 'ses-receipt',
    folder: 'INBOX',
    receivedAt: 1,
    sizeBytes: 10,
    blobKey: 'b',
    keyVersion: 1,
    formatVersion: 1,
    wrappedMessageKey: new Uint8Array([2]),
    summary: {},
    flags: [],
  };

  it("commits the target's sealed ledger record, and the completion when asked, in the message's transaction", async () => {
    const { ledger, store } = await setup();

    expect(await store.putMessage('m-1', 'u-1', entry, { quotaBytes: 100, receipt: receipt(true) })).toBe(
      'STORED',
    );

    expect(await ledger.read('ses-receipt')).toEqual({
      complete: true,
      entries: [
        expect.objectContaining({ target: 'MBX#m-1#u-1', state: 'DELIVERED', record: receipt(true).record }),
      ],
    });
  });

  it('writes neither the record nor the completion when the quota refuses the message', async () => {
    const { ledger, store } = await setup();

    expect(await store.putMessage('m-1', 'u-1', entry, { quotaBytes: 5, receipt: receipt(true) })).toBe(
      'QUOTA_EXCEEDED',
    );

    expect(await ledger.read('ses-receipt')).toEqual({ complete: false, entries: [] });
  });

  it('refuses receipts when it was built without the ledger layout', async () => {
    const { documents, mailboxTable } = await createTestTables();
    const store = new DynamoDbMailboxStore(documents, mailboxTable);

    await expect(
      store.putMessage('m-1', 'u-1', entry, { quotaBytes: 100, receipt: receipt(false) }),
    ).rejects.toThrow('ledger');
  });
});

mailboxStoreContract('in-memory test double', async () => new InMemoryMailboxStore());

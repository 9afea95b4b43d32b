import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { InMemoryMailboxStore } from '../unit/mailbox/doubles';
import { createTestTables } from '../support/dynamodb';
import { mailboxStoreContract } from './mailbox-store.contract';
import { putPlanned } from './model-commits';

const sealKey = randomBytes(32);

mailboxStoreContract('DynamoDB (DynamoDB Local)', async () => {
  const tables = await createTestTables();
  const ledger = new DynamoDbDeliveryLedger({
    documents: tables.documents,
    tableName: tables.mailboxTable,
    sealKey,
  });
  return new DynamoDbMailboxStore(tables.documents, { ...tables, ledger: ledger.items });
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
    const tables = await createTestTables();
    const { documents, mailboxTable } = tables;
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    const store = new DynamoDbMailboxStore(documents, { ...tables, ledger: ledger.items });
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
        modseq: 0,
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
    keywords: [],
    uid: 0,
    threadId: 'T-1',
    modseq: 0,
    createdModseq: 0,
  };

  it("commits the target's sealed ledger record, and the completion when asked, in the message's transaction", async () => {
    const { ledger, store } = await setup();

    expect(
      (await putPlanned(store, 'm-1', 'u-1', entry, { quotaBytes: 100, receipt: receipt(true) })).outcome,
    ).toBe('STORED');

    expect(await ledger.read('ses-receipt')).toEqual({
      complete: true,
      entries: [
        expect.objectContaining({ target: 'MBX#m-1#u-1', state: 'DELIVERED', record: receipt(true).record }),
      ],
    });
  });

  it('writes neither the record nor the completion when the quota refuses the message', async () => {
    const { ledger, store } = await setup();

    expect(
      (await putPlanned(store, 'm-1', 'u-1', entry, { quotaBytes: 5, receipt: receipt(true) })).outcome,
    ).toBe('QUOTA_EXCEEDED');

    expect(await ledger.read('ses-receipt')).toEqual({ complete: false, entries: [] });
  });

  it('refuses receipts when it was built without the ledger layout', async () => {
    const tables = await createTestTables();
    const store = new DynamoDbMailboxStore(tables.documents, tables);

    await expect(
      putPlanned(store, 'm-1', 'u-1', entry, { quotaBytes: 100, receipt: receipt(false) }),
    ).rejects.toThrow('ledger');
  });
});

mailboxStoreContract('in-memory test double', async () => new InMemoryMailboxStore());

describe('DynamoDbMailboxStore keys', () => {
  const partition = { pk: 'MBX#m-1#u-1' };
  const record = {
    organizationId: 'm-1',
    mailboxId: 'u-1',
    state: 'ACTIVE',
    keyScheme: 'AES256_SYMMETRIC_V1',
    currentKeyVersion: 1,
    usedBytes: 0,
    messageCount: 0,
    createdAt: 1,
    modseq: 0,
  } as const;
  const key = (version: number) => ({ version, wrappedKey: new Uint8Array([version]), createdAt: version });
  const keyItems = async (tables: Awaited<ReturnType<typeof createTestTables>>, table: string) =>
    (
      await tables.documents.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :key)',
          ExpressionAttributeValues: { ':pk': partition.pk, ':key': 'KEY#' },
        }),
      )
    ).Items ?? [];

  it('keeps wrapped keys in the key table only, never in the Mailbox table', async () => {
    const tables = await createTestTables();
    const store = new DynamoDbMailboxStore(tables.documents, tables);

    await store.createMailbox(record, key(1));
    await store.addKeyVersion('m-1', 'u-1', key(2), 1);

    expect((await keyItems(tables, tables.keyTable)).map((item) => item.sk)).toEqual([
      'KEY#0000000001',
      'KEY#0000000002',
    ]);
    expect(await keyItems(tables, tables.mailboxTable)).toEqual([]);
  });

  it('reads a key an earlier version kept in the Mailbox table, moves it over, and shreds keys in both', async () => {
    const tables = await createTestTables();
    const store = new DynamoDbMailboxStore(tables.documents, tables);
    await store.createMailbox(record, key(1));
    await tables.documents.send(
      new PutCommand({
        TableName: tables.mailboxTable,
        Item: { ...partition, sk: 'KEY#0000000007', ...key(7) },
      }),
    );

    expect(await store.getKey('m-1', 'u-1', 7)).toEqual(key(7));
    expect((await keyItems(tables, tables.keyTable)).map((item) => item.sk)).toContain('KEY#0000000007');
    expect(await keyItems(tables, tables.mailboxTable)).toEqual([]);

    await tables.documents.send(
      new PutCommand({
        TableName: tables.mailboxTable,
        Item: { ...partition, sk: 'KEY#0000000008', ...key(8) },
      }),
    );
    await store.deleteKeys('m-1', 'u-1');

    expect(await keyItems(tables, tables.keyTable)).toEqual([]);
    expect(await keyItems(tables, tables.mailboxTable)).toEqual([]);
    expect(await store.getKey('m-1', 'u-1', 1)).toBeUndefined();
  });
});

import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DecryptionFailedError } from '../../lambdas/core/crypto/errors';
import {
  DECISION_TARGET,
  addressTargetKey,
  decisionRecord,
  mailboxTargetKey,
  readDecision,
} from '../../lambdas/core/delivery';
import { lazyTestTables } from '../support/dynamodb';
import { InMemoryLedger } from '../unit/delivery/doubles';
import { deliveryLedgerContract } from './delivery-ledger.contract';

const tables = lazyTestTables();
const sealKey = randomBytes(32);

deliveryLedgerContract('DynamoDbDeliveryLedger', async () => {
  const { documents, mailboxTable } = await tables;
  return new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
});

deliveryLedgerContract('DynamoDbDeliveryLedger (key loaded on first use)', async () => {
  const { documents, mailboxTable } = await tables;
  return new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey: async () => sealKey });
});

deliveryLedgerContract('InMemoryLedger (test double)', async () => new InMemoryLedger());

async function rawItems(messageId: string): Promise<Record<string, unknown>[]> {
  const { documents, mailboxTable } = await tables;
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: mailboxTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `INBOUND#${messageId}` },
    }),
  );
  return Items;
}

describe('DynamoDbDeliveryLedger items', () => {
  it('keeps entries under INBOUND#<messageId> with a ttl', async () => {
    const { documents, mailboxTable } = await tables;
    const ledger = new DynamoDbDeliveryLedger({
      documents,
      tableName: mailboxTable,
      ttlSeconds: 60,
      sealKey,
    });

    await ledger.claim('ses-7', 'MBX#o#a', 'one', Date.now() + 1000, Date.now());
    await ledger.settle('ses-7', 'MBX#o#a', 'one', {
      state: 'BOUNCED',
      recipient: 'a@example.com',
      status: '5.2.2',
      reason: 'full',
    });

    const { Item } = await documents.send(
      new GetCommand({ TableName: mailboxTable, Key: { pk: 'INBOUND#ses-7', sk: 'TARGET#MBX#o#a' } }),
    );
    expect(Item).toMatchObject({
      state: 'BOUNCED',
      recipient: expect.not.stringContaining('example.com'),
      status: '5.2.2',
      owner: 'one',
    });
    expect(Item?.ttl).toBeGreaterThan(Date.now() / 1000);
    expect(Item?.ttl).toBeLessThanOrEqual(Date.now() / 1000 + 61);
    expect((await ledger.read('ses-7')).entries).toEqual([
      expect.objectContaining({
        record: expect.objectContaining({ recipient: 'a@example.com', reason: 'full' }),
      }),
    ]);
  });

  it('stores no address or bounce text in plaintext, and lists every record as it was settled', async () => {
    const { documents, mailboxTable } = await tables;
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    const messageId = `ses-${randomBytes(6).toString('hex')}`;
    const now = Date.now();
    const decision = {
      version: 1,
      targets: {
        [mailboxTargetKey('m-o', 'alice')]: { action: 'DELIVER', folder: 'INBOX' },
        [mailboxTargetKey('m-o', 'bob')]: { action: 'BOUNCE', message: 'Secret policy text' },
        [mailboxTargetKey('m-o', 'carol')]: { action: 'DROP', reason: 'dropped-by-rule' },
      },
      added: [
        {
          address: 'bcc-archive@example.com',
          organizationId: 'm-o',
          decision: { action: 'DELIVER', folder: 'INBOX' },
        },
      ],
      retainRaw: false,
    } as const;
    const settled = [
      [DECISION_TARGET, decisionRecord(messageId, decision)],
      [
        mailboxTargetKey('m-o', 'alice'),
        { state: 'DELIVERED', recipient: 'alice@example.com', mailboxId: 'alice', folder: 'INBOX' },
      ],
      [
        mailboxTargetKey('m-o', 'bob'),
        {
          state: 'BOUNCED',
          recipient: 'bob@example.com',
          mailboxId: 'bob',
          status: '5.7.1',
          reason: 'smtp; 550 5.7.1 Secret policy text',
        },
      ],
      [
        mailboxTargetKey('m-o', 'carol'),
        { state: 'DROPPED', recipient: 'team@example.com', mailboxId: 'carol', reason: 'dropped-by-rule' },
      ],
      [
        addressTargetKey('Nobody@Example.com'),
        {
          state: 'BOUNCED',
          recipient: 'nobody@example.com',
          status: '5.1.1',
          reason: 'smtp; 550 5.1.1 Recipient address rejected: no such user',
        },
      ],
      ['DSN', { state: 'SENT', recipient: 'sender@example.org' }],
    ] as const;
    await ledger.claim(messageId, addressTargetKey('pending@example.com'), 'one', now + 60_000, now);

    for (const [target, record] of settled) {
      expect(await ledger.claim(messageId, target, 'one', now + 60_000, now)).toEqual({ claimed: true });
      await ledger.settle(messageId, target, 'one', record);
    }

    const raw = JSON.stringify(await rawItems(messageId));
    for (const secret of [
      'example.com',
      'example.org',
      'nobody',
      'Secret policy',
      'no such user',
      'dropped-by-rule',
    ])
      expect(raw).not.toContain(secret);
    const entries = (await ledger.read(messageId)).entries;
    expect(entries).toHaveLength(settled.length + 1);
    for (const [target, record] of settled)
      expect(entries).toContainEqual(
        expect.objectContaining({ target, state: record.state, owner: 'one', record }),
      );
    expect(entries).toContainEqual(
      expect.objectContaining({ target: 'ADDR#pending@example.com', state: 'CLAIMED', owner: 'one' }),
    );
    expect(readDecision(entries)).toEqual(decision);
    expect(await ledger.claim(messageId, 'ADDR#NOBODY@example.com', 'two', now + 1, now)).toEqual({
      claimed: false,
      entry: expect.objectContaining({ target: 'ADDR#nobody@example.com', state: 'BOUNCED' }),
    });
  });

  it('refuses a sealed field copied to another item', async () => {
    const { documents, mailboxTable } = await tables;
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    const now = Date.now();
    for (const id of ['ses-tamper-a', 'ses-tamper-b']) {
      await ledger.claim(id, 'MBX#o#a', 'one', now + 60_000, now);
      await ledger.settle(id, 'MBX#o#a', 'one', { state: 'DELIVERED', recipient: `${id}@example.com` });
    }
    const [victim] = await rawItems('ses-tamper-a');
    const [donor] = await rawItems('ses-tamper-b');

    await documents.send(
      new PutCommand({ TableName: mailboxTable, Item: { ...victim, recipient: donor?.recipient } }),
    );

    await expect(ledger.read('ses-tamper-a')).rejects.toThrow(DecryptionFailedError);
    await expect(ledger.read('ses-tamper-a')).rejects.toThrow(
      'The sealed recipient could not be authenticated for this item',
    );
    expect((await ledger.read('ses-tamper-b')).entries).toHaveLength(1);
  });

  it('cannot read entries sealed under another key', async () => {
    const { documents, mailboxTable } = await tables;
    const now = Date.now();
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    await ledger.claim('ses-rekeyed', 'MBX#o#a', 'one', now + 60_000, now);
    await ledger.settle('ses-rekeyed', 'MBX#o#a', 'one', { state: 'DELIVERED', recipient: 'a@example.com' });

    const other = new DynamoDbDeliveryLedger({
      documents,
      tableName: mailboxTable,
      sealKey: randomBytes(32),
    });

    await expect(other.read('ses-rekeyed')).rejects.toThrow(DecryptionFailedError);
  });

  it('refuses to be built without a 256-bit key', () => {
    expect(
      () =>
        new DynamoDbDeliveryLedger({
          documents: {} as never,
          tableName: 't',
          sealKey: undefined as unknown as Uint8Array,
        }),
    ).toThrow(/needs sealKey/);
    expect(
      () => new DynamoDbDeliveryLedger({ documents: {} as never, tableName: 't', sealKey: randomBytes(16) }),
    ).toThrow(/32-byte key/);
  });
});

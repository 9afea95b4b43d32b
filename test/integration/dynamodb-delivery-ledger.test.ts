import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { createTestTables } from '../support/dynamodb';
import { InMemoryLedger } from '../unit/delivery/doubles';
import { deliveryLedgerContract } from './delivery-ledger.contract';

const tables = createTestTables();

deliveryLedgerContract('DynamoDbDeliveryLedger', async () => {
  const { documents, mailboxTable } = await tables;
  return new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable });
});

deliveryLedgerContract('InMemoryLedger (test double)', async () => new InMemoryLedger());

describe('DynamoDbDeliveryLedger items', () => {
  it('keeps entries under INBOUND#<messageId> with a ttl', async () => {
    const { documents, mailboxTable } = await tables;
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, ttlSeconds: 60 });

    await ledger.claim('ses-7', 'MBX#o#a', 'one', Date.now() + 1000, Date.now());
    await ledger.settle('ses-7', 'MBX#o#a', 'one', {
      state: 'BOUNCED',
      recipient: 'a@example.com',
      status: '5.2.2',
      reason: 'full',
    });

    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Item } = await documents.send(
      new GetCommand({ TableName: mailboxTable, Key: { pk: 'INBOUND#ses-7', sk: 'TARGET#MBX#o#a' } }),
    );
    expect(Item).toMatchObject({
      state: 'BOUNCED',
      recipient: 'a@example.com',
      status: '5.2.2',
      owner: 'one',
    });
    expect(Item?.ttl).toBeGreaterThan(Date.now() / 1000);
    expect(Item?.ttl).toBeLessThanOrEqual(Date.now() / 1000 + 61);
  });
});

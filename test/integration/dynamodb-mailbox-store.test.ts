import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { InMemoryMailboxStore } from '../unit/mailbox/doubles';
import { createTestTables } from '../support/dynamodb';
import { mailboxStoreContract } from './mailbox-store.contract';

mailboxStoreContract('DynamoDB (DynamoDB Local)', async () => {
  const { documents, mailboxTable } = await createTestTables();
  return new DynamoDbMailboxStore(documents, mailboxTable);
});

mailboxStoreContract('in-memory test double', async () => new InMemoryMailboxStore());

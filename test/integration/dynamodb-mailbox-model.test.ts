import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { createTestTables } from '../support/dynamodb';
import { InMemoryMailboxStore } from '../unit/mailbox/doubles';
import { mailboxModelContract } from './mailbox-model.contract';

mailboxModelContract('DynamoDB (DynamoDB Local)', async () => {
  const tables = await createTestTables();
  return new DynamoDbMailboxStore(tables.documents, tables);
});

mailboxModelContract('in-memory test double', async () => new InMemoryMailboxStore());

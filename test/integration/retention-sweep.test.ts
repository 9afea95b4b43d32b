import { DynamoDbRetentionIndex } from '../../lambdas/adapters/aws/dynamodb-age-index';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { DynamoDbRetentionPolicyStore } from '../../lambdas/adapters/aws/dynamodb-retention-policy-store';
import { createTestTables } from '../support/dynamodb';
import { retentionSweepContract } from './retention-sweep.contract';

retentionSweepContract('DynamoDB Local: Mailbox table gsi3, directory table', async () => {
  const tables = await createTestTables();
  return {
    store: new DynamoDbMailboxStore(tables.documents, tables),
    index: new DynamoDbRetentionIndex(tables.documents, tables.mailboxTable),
    policies: new DynamoDbRetentionPolicyStore(tables.documents, tables.directoryTable),
  };
});

import { DynamoDbAdminKeyStore } from '../../lambdas/adapters/aws/dynamodb-admin-key-store';
import { createTestTables } from '../support/dynamodb';
import { MemoryAdminKeyStore } from '../unit/auth/doubles';
import { adminKeyStoreContract } from './admin-key-store.contract';

adminKeyStoreContract('DynamoDbAdminKeyStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  return new DynamoDbAdminKeyStore(documents, directoryTable);
});

adminKeyStoreContract('MemoryAdminKeyStore (the unit-test double)', async () => new MemoryAdminKeyStore());

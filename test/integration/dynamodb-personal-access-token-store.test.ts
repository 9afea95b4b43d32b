import { DynamoDbPersonalAccessTokenStore } from '../../lambdas/adapters/aws/dynamodb-personal-access-token-store';
import { createTestTables } from '../support/dynamodb';
import { MemoryPersonalAccessTokenStore } from '../unit/user-auth/doubles';
import { personalAccessTokenStoreContract } from './personal-access-token-store.contract';

personalAccessTokenStoreContract('DynamoDbPersonalAccessTokenStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  return new DynamoDbPersonalAccessTokenStore(documents, directoryTable);
});

personalAccessTokenStoreContract(
  'MemoryPersonalAccessTokenStore (the unit-test double)',
  async () => new MemoryPersonalAccessTokenStore(),
);

import { DynamoDbSignInAttemptStore } from '../../lambdas/adapters/aws/dynamodb-sign-in-attempt-store';
import { MemorySignInAttemptStore } from '../../lambdas/adapters/local/memory-sign-in-attempt-store';
import { createTestTables } from '../support/dynamodb';
import { signInAttemptStoreContract } from './sign-in-attempt-store.contract';

signInAttemptStoreContract('DynamoDbSignInAttemptStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  return new DynamoDbSignInAttemptStore(documents, directoryTable);
});

signInAttemptStoreContract(
  'MemorySignInAttemptStore (the local runtime’s)',
  async () => new MemorySignInAttemptStore(),
);

describe('MemorySignInAttemptStore', () => {
  it('holds at most its size, dropping expired counts first, then the oldest', async () => {
    const store = new MemorySignInAttemptStore(2);
    await store.reserveAttempt('expired', 1_000, 2_000);
    await store.reserveAttempt('oldest', 1_500, 60_000);

    await store.reserveAttempt('newer', 3_000, 60_000);
    await store.reserveAttempt('newest', 4_000, 60_000);

    await expect(store.getFailures('expired')).resolves.toBeUndefined();
    await expect(store.getFailures('oldest')).resolves.toBeUndefined();
    await expect(store.getFailures('newer')).resolves.toMatchObject({ failures: 1 });
    await expect(store.getFailures('newest')).resolves.toMatchObject({ failures: 1 });
  });
});

import { DynamoDbClientTokenStore } from '../../lambdas/adapters/aws/dynamodb-client-token-store';
import { createTestTables } from '../support/dynamodb';

describe('DynamoDbClientTokenStore', () => {
  let now: Date;
  let store: DynamoDbClientTokenStore;
  beforeAll(async () => {
    const tables = await createTestTables();
    now = new Date('2026-01-01T00:00:00Z');
    store = new DynamoDbClientTokenStore(tables.documents, tables.directoryTable, () => now);
  });
  const seconds = () => Math.floor(now.getTime() / 1000);

  it('claims a new token once, then returns the earlier claim with its result', async () => {
    await expect(store.claim('Act', 't1', 'fp', seconds() + 60)).resolves.toBeUndefined();
    await expect(store.claim('Act', 't1', 'fp', seconds() + 60)).resolves.toEqual({ fingerprint: 'fp' });
    await store.complete('Act', 't1', { Id: 'x' });
    await expect(store.claim('Act', 't1', 'other', seconds() + 60)).resolves.toEqual({
      fingerprint: 'fp',
      result: { Id: 'x' },
    });
  });

  it('scopes tokens per action', async () => {
    await store.claim('First', 't2', 'fp', seconds() + 60);
    await expect(store.claim('Second', 't2', 'fp', seconds() + 60)).resolves.toBeUndefined();
  });

  it('treats an expired token as new even before TTL deletes it', async () => {
    await store.claim('Act', 't3', 'old', seconds() + 60);
    now = new Date(now.getTime() + 61_000);
    await expect(store.claim('Act', 't3', 'new', seconds() + 60)).resolves.toBeUndefined();
  });

  it('frees a released token', async () => {
    await store.claim('Act', 't4', 'fp', seconds() + 60);
    await store.release('Act', 't4');
    await expect(store.claim('Act', 't4', 'other', seconds() + 60)).resolves.toBeUndefined();
  });
});

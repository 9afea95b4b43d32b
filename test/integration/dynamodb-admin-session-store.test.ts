import { DynamoDbAdminSessionStore } from '../../lambdas/adapters/aws/dynamodb-admin-session-store';
import type { AdminSession } from '../../lambdas/core/sso/types';
import { lazyTestTables } from '../support/dynamodb';

const session = (sessionDigest: string): AdminSession => ({
  sessionDigest,
  accessKeyId: 'AKMWADMINSESSION0001',
  username: 'root@example.com',
  csrfToken: 'csrf-token',
  keyDelivered: false,
  createdAt: 1_900_000_000_000,
  expiresAt: 1_900_003_600_000,
});

describe('DynamoDbAdminSessionStore on DynamoDB Local', () => {
  const tables = lazyTestTables();
  const store = async () => {
    const { documents, directoryTable } = await tables;
    return new DynamoDbAdminSessionStore(documents, directoryTable);
  };

  it('round-trips a session and deletes it', async () => {
    const sessions = await store();
    await sessions.putAdminSession(session('digest-round-trip'));

    const read = await sessions.getAdminSession('digest-round-trip');
    await sessions.deleteAdminSession('digest-round-trip');

    expect(read).toEqual(session('digest-round-trip'));
    await expect(sessions.getAdminSession('digest-round-trip')).resolves.toBeUndefined();
  });

  it('marks the key delivered once, and never for a missing session', async () => {
    const sessions = await store();
    await sessions.putAdminSession(session('digest-once'));

    const first = await sessions.markKeyDelivered('digest-once');
    const second = await sessions.markKeyDelivered('digest-once');
    const missing = await sessions.markKeyDelivered('digest-missing');

    expect([first, second, missing]).toEqual([true, false, false]);
    expect((await sessions.getAdminSession('digest-once'))?.keyDelivered).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbIdentityProviderStore } from '../../lambdas/adapters/aws/dynamodb-identity-provider-store';
import { DynamoDbWebSessionStore } from '../../lambdas/adapters/aws/dynamodb-web-session-store';
import { createTestTables, lazyTestTables } from '../support/dynamodb';
import { MemoryIdentityProviderStore, MemoryWebSessionStore } from '../unit/sso/doubles';
import { identityProviderStoreContract, webSessionStoreContract } from './sso-stores.contract';

const sealKey = randomBytes(32);

identityProviderStoreContract('DynamoDbIdentityProviderStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  return new DynamoDbIdentityProviderStore(documents, directoryTable, sealKey);
});
identityProviderStoreContract('MemoryIdentityProviderStore (the unit-test double)', async () => {
  return new MemoryIdentityProviderStore();
});
webSessionStoreContract('DynamoDbWebSessionStore on DynamoDB Local', async () => {
  const { documents, directoryTable } = await createTestTables();
  return new DynamoDbWebSessionStore(documents, directoryTable, sealKey);
});
webSessionStoreContract(
  'MemoryWebSessionStore (the unit-test double)',
  async () => new MemoryWebSessionStore(),
);

describe('Single sign-on items in the Directory table', () => {
  const tables = lazyTestTables();

  it('hold no client secret, nonce or PKCE verifier in clear, and expire pending logins and sessions', async () => {
    const { documents, directoryTable } = await tables;
    const identityProviders = new DynamoDbIdentityProviderStore(documents, directoryTable, sealKey);
    const sessions = new DynamoDbWebSessionStore(documents, directoryTable, sealKey);
    const applicationArn =
      'arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-dddddddddddddddd';
    await identityProviders.createApplication({
      applicationArn,
      name: 'webmail',
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
      createdAt: 0,
      organizationCount: 0,
    });
    await identityProviders.putIssuer(applicationArn, {
      issuer: 'https://idp.example.com',
      clientId: 'web',
      clientSecret: 'client-secret-in-clear',
    });
    await sessions.putPendingLogin({
      stateDigest: 'digest-of-state',
      organizationId: `m-${'6'.repeat(32)}`,
      nonce: 'nonce-in-clear',
      codeVerifier: 'verifier-in-clear',
      returnTo: '/',
      expiresAt: 1_900_000_600_000,
    });
    await sessions.putSession({
      sessionDigest: 'digest-of-cookie',
      organizationId: `m-${'6'.repeat(32)}`,
      userId: 'user-1',
      csrfToken: 'csrf',
      createdAt: 1_900_000_000_000,
      expiresAt: 1_900_003_600_000,
    });

    const { Items = [] } = await documents.send(new ScanCommand({ TableName: directoryTable }));
    const text = JSON.stringify(Items);

    for (const secret of ['client-secret-in-clear', 'nonce-in-clear', 'verifier-in-clear'])
      expect(text).not.toContain(secret);
    expect(Items.find((item) => item.pk === 'SSOLOGIN#digest-of-state')?.ttl).toBe(1_900_000_600);
    expect(Items.find((item) => item.pk === 'SSOSESSION#digest-of-cookie')?.ttl).toBe(1_900_003_600);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeploymentKeyStore } from '../../lambdas/adapters/aws/dynamodb-deployment-key-store';
import { KmsKeyWrapper } from '../../lambdas/adapters/aws/kms-key-wrapper';
import { MasterKeyWrapper } from '../../lambdas/adapters/local/master-key-wrapper';
import {
  DELIVERY_LEDGER_KEY_NAME,
  deploymentKeyContext,
  loadDeploymentKey,
} from '../../lambdas/core/crypto/deployment-keys';
import { lazyTestTables } from '../support/dynamodb';
import { FakeKms } from '../support/fake-kms';

const tables = lazyTestTables();

describe('DynamoDbDeploymentKeyStore with loadDeploymentKey', () => {
  let kms: FakeKms;
  let client: KMSClient;
  let wrapper: KmsKeyWrapper;
  let dir: string;

  beforeAll(async () => {
    kms = await FakeKms.start();
    client = new KMSClient({ endpoint: kms.endpoint, region: 'eu-west-1', maxAttempts: 1 });
    wrapper = new KmsKeyWrapper(client, kms.createKey());
    dir = await mkdtemp(join(tmpdir(), 'mw-deployment-key-'));
  });
  afterAll(async () => {
    client.destroy();
    await kms.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the key once, KMS-wrapped under DEPLOYMENT#KEYS / KEY#<name>, with the purpose as context', async () => {
    const { documents, directoryTable } = await tables;
    const store = new DynamoDbDeploymentKeyStore(documents, directoryTable);

    const key = await loadDeploymentKey(store, wrapper, 'stored-once');

    const { Item } = await documents.send(
      new GetCommand({ TableName: directoryTable, Key: { pk: 'DEPLOYMENT#KEYS', sk: 'KEY#stored-once' } }),
    );
    expect(Item?.wrappedKey).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(Item?.wrappedKey as Uint8Array).includes(Buffer.from(key))).toBe(false);
    expect(kms.requests.filter((request) => request.operation === 'Encrypt').at(-1)).toMatchObject({
      encryptionContext: { 'mailwright:purpose': 'stored-once' },
    });
  });

  it('gives concurrent first loads in separate processes one key', async () => {
    const { documents, directoryTable } = await tables;

    const keys = await Promise.all(
      Array.from({ length: 6 }, () =>
        loadDeploymentKey(new DynamoDbDeploymentKeyStore(documents, directoryTable), wrapper, 'concurrent'),
      ),
    );

    expect(new Set(keys.map((key) => Buffer.from(key).toString('hex'))).size).toBe(1);
  });

  it('reads the same key in a later process (new store instance)', async () => {
    const { documents, directoryTable } = await tables;
    const first = await loadDeploymentKey(
      new DynamoDbDeploymentKeyStore(documents, directoryTable),
      wrapper,
      DELIVERY_LEDGER_KEY_NAME,
    );
    const decrypts = kms.calls.Decrypt;

    const later = await loadDeploymentKey(
      new DynamoDbDeploymentKeyStore(documents, directoryTable),
      wrapper,
      DELIVERY_LEDGER_KEY_NAME,
    );

    expect(Buffer.from(later)).toEqual(Buffer.from(first));
    expect(kms.calls.Decrypt).toBe(decrypts + 1);
  });

  it('fails under another wrapping key or when the wrapped key is copied to another name', async () => {
    const { documents, directoryTable } = await tables;
    const store = new DynamoDbDeploymentKeyStore(documents, directoryTable);
    await loadDeploymentKey(store, wrapper, 'guarded');
    const other = await MasterKeyWrapper.open(join(dir, 'master.key'));
    const wrapped = await store.getWrappedKey('guarded');
    await documents.send(
      new PutCommand({
        TableName: directoryTable,
        Item: { pk: 'DEPLOYMENT#KEYS', sk: 'KEY#copied', wrappedKey: wrapped, createdAt: 0 },
      }),
    );

    await expect(loadDeploymentKey(store, other, 'guarded')).rejects.toThrow();
    await expect(loadDeploymentKey(store, wrapper, 'copied')).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(
      wrapper.unwrap(wrapped as Uint8Array, deploymentKeyContext('guarded')),
    ).resolves.toHaveLength(32);
  });

  it('works with the local master-key wrapper across restarts', async () => {
    const { documents, directoryTable } = await tables;
    const file = join(dir, 'local.key');
    const first = await loadDeploymentKey(
      new DynamoDbDeploymentKeyStore(documents, directoryTable),
      await MasterKeyWrapper.open(file),
      'local-restart',
    );

    const restarted = await loadDeploymentKey(
      new DynamoDbDeploymentKeyStore(documents, directoryTable),
      await MasterKeyWrapper.open(file),
      'local-restart',
    );

    expect(Buffer.from(restarted)).toEqual(Buffer.from(first));
  });
});

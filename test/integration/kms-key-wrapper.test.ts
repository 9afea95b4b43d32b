import { KMSClient } from '@aws-sdk/client-kms';
import { KmsKeyWrapper } from '../../lambdas/adapters/aws/kms-key-wrapper';
import { mailboxKeyContext } from '../../lambdas/core/crypto/context';
import { FakeKms } from '../support/fake-kms';

describe('KmsKeyWrapper (against the fake KMS)', () => {
  let kms: FakeKms;
  let client: KMSClient;
  let defaultKey: string;
  let organizationKey: string;
  const context = mailboxKeyContext('arn:aws:workmail:eu-west-1:111122223333:organization/m-1', 'S-1-1');

  beforeAll(async () => {
    kms = await FakeKms.start();
    client = new KMSClient({ endpoint: kms.endpoint, region: 'eu-west-1', maxAttempts: 1 });
    defaultKey = kms.createKey();
    organizationKey = kms.createKey();
  });
  afterAll(async () => {
    client.destroy();
    await kms.stop();
  });

  it('wraps with KMS Encrypt under the deployment default key and the encryption context', async () => {
    const wrapper = new KmsKeyWrapper(client, defaultKey);
    const secret = Buffer.alloc(32, 7);
    const wrapped = await wrapper.wrap(undefined, secret, context);
    expect(Buffer.from(wrapped).includes(secret)).toBe(false);
    expect(Buffer.from(await wrapper.unwrap(wrapped, { ...context }))).toEqual(secret);
    expect(kms.requests.slice(-2)).toEqual([
      { operation: 'Encrypt', keyId: defaultKey, encryptionContext: context },
      { operation: 'Decrypt', keyId: undefined, encryptionContext: context },
    ]);
  });

  it("uses the organization's own key when one is given", async () => {
    const wrapper = new KmsKeyWrapper(client, defaultKey);
    await wrapper.wrap(organizationKey, Buffer.alloc(32, 1), context);
    expect(kms.requests.at(-1)).toMatchObject({ operation: 'Encrypt', keyId: organizationKey });
  });

  it('fails to unwrap under another mailbox or organization context', async () => {
    const wrapper = new KmsKeyWrapper(client, defaultKey);
    const wrapped = await wrapper.wrap(undefined, Buffer.alloc(32, 2), context);
    await expect(
      wrapper.unwrap(wrapped, { ...context, 'mailwright:mailbox': 'S-1-2' }),
    ).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(
      wrapper.unwrap(wrapped, { ...context, 'aws:workmail:arn': 'arn:other' }),
    ).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
  });

  it('surfaces a disabled key as an explicit KMS error', async () => {
    const key = kms.createKey();
    const wrapper = new KmsKeyWrapper(client, key);
    const wrapped = await wrapper.wrap(undefined, Buffer.alloc(32, 3), context);
    kms.disableKey(key);
    await expect(wrapper.unwrap(wrapped, context)).rejects.toMatchObject({ name: 'DisabledException' });
    await expect(wrapper.wrap(undefined, Buffer.alloc(32), context)).rejects.toMatchObject({
      name: 'DisabledException',
    });
  });
});

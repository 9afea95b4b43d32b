import { randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { KmsKeyWrapper } from '../../lambdas/adapters/aws/kms-key-wrapper';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { MailboxQuotaExceededError } from '../../lambdas/core/mailbox/errors';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import type { DeliverInput } from '../../lambdas/core/mailbox/types';
import { createTestTables } from '../support/dynamodb';
import { FakeKms } from '../support/fake-kms';
import { testBucketNames, testS3Client } from '../support/s3';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const SUBJECT = 'Confidential merger plans';
const BODY = 'The body text mentions project nightingale.';
const ADDRESSES = ['alice@example.com', 'bob@example.net'];

describe('Encrypted mailbox store (DynamoDB Local + s3rver + fake KMS)', () => {
  const { store } = testBucketNames('store');
  let s3Client: S3Client;
  let kms: FakeKms;
  let kmsClient: KMSClient;
  let dynamo: DynamoDBClient;
  let table: string;
  let service: MailboxService;
  let clock = 1_700_000_000_000;

  beforeAll(async () => {
    [s3Client, kms] = await Promise.all([testS3Client(store), FakeKms.start()]);
    kmsClient = new KMSClient({ endpoint: kms.endpoint, region: 'eu-west-1', maxAttempts: 1 });
    const tables = await createTestTables();
    dynamo = tables.client;
    table = tables.mailboxTable;
    const defaultKey = kms.createKey();
    service = new MailboxService({
      store: new DynamoDbMailboxStore(tables.documents, tables),
      blobs: new S3BlobStore(s3Client, store),
      keyWrapper: new KmsKeyWrapper(kmsClient, defaultKey),
      organizationKey: async (organizationId) => ({
        arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${organizationId}`,
      }),
      now: () => clock,
    });
  });
  afterAll(async () => {
    s3Client.destroy();
    kmsClient.destroy();
    dynamo.destroy();
    await kms.stop();
  });

  const message = (
    mailboxId: string,
    messageId: string,
    raw: Buffer,
    quotaBytes = 100 * 1024 * 1024,
  ): DeliverInput => ({
    organizationId: ORG,
    mailboxId,
    messageId,
    folder: 'INBOX',
    raw,
    receivedAt: clock++,
    summary: { subject: SUBJECT, from: ADDRESSES[0], to: [ADDRESSES[1]], snippet: BODY.slice(0, 30) },
    quotaBytes,
  });
  const mail = (extra = '') =>
    Buffer.from(
      `From: ${ADDRESSES[0]}\r\nTo: ${ADDRESSES[1]}\r\nSubject: ${SUBJECT}\r\n\r\n${BODY}${extra}\r\n`,
    );
  const objects = async (prefix: string) =>
    (await s3Client.send(new ListObjectsV2Command({ Bucket: store, Prefix: prefix }))).Contents ?? [];

  it('round-trips a 40 MB message and reports its size', async () => {
    await service.provision(ORG, 'S-1-40');
    const raw = Buffer.concat([mail(), randomBytes(40 * 1024 * 1024 - 200)]);
    expect(await service.deliver(message('S-1-40', 'big-1', raw))).toEqual({ stored: true });
    const read = await service.readMessage(ORG, 'S-1-40', 'big-1');
    expect(read.length).toBe(raw.length);
    expect(read.equals(raw)).toBe(true);
    expect(await service.sizeBytes(ORG, 'S-1-40')).toBe(raw.length);
  });

  it('stores a message once across 5 sequential and 5 concurrent deliveries', async () => {
    await service.provision(ORG, 'S-1-dup');
    const raw = mail();
    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await service.deliver(message('S-1-dup', 'dup-1', raw)));
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => service.deliver(message('S-1-dup', 'dup-2', raw))),
    );
    expect(sequential.map((r) => r.stored)).toEqual([true, false, false, false, false]);
    expect(concurrent.filter((r) => r.stored)).toHaveLength(1);
    expect(await objects(`${ORG}/S-1-dup/`)).toHaveLength(2);
    expect((await service.listMessages(ORG, 'S-1-dup', 'INBOX', { limit: 10 })).items).toHaveLength(2);
    expect(await service.sizeBytes(ORG, 'S-1-dup')).toBe(2 * raw.length);
  });

  it('refuses a message over quota without writing anything', async () => {
    await service.provision(ORG, 'S-1-quota');
    await service.deliver(message('S-1-quota', 'q-1', randomBytes(700), 1000));
    await expect(service.deliver(message('S-1-quota', 'q-2', randomBytes(400), 1000))).rejects.toThrow(
      MailboxQuotaExceededError,
    );
    expect(await objects(`${ORG}/S-1-quota/`)).toHaveLength(1);
    expect(await service.sizeBytes(ORG, 'S-1-quota')).toBe(700);
  });

  it('lists a folder newest first, page by page, with decrypted summaries', async () => {
    await service.provision(ORG, 'S-1-list');
    for (const id of ['l-1', 'l-2', 'l-3']) await service.deliver(message('S-1-list', id, mail(id)));
    const first = await service.listMessages(ORG, 'S-1-list', 'INBOX', { limit: 2 });
    const second = await service.listMessages(ORG, 'S-1-list', 'INBOX', { limit: 2, cursor: first.cursor });
    expect([...first.items, ...second.items].map((item) => item.messageId)).toEqual(['l-3', 'l-2', 'l-1']);
    expect(first.items[0].summary).toEqual({
      subject: SUBJECT,
      from: ADDRESSES[0],
      to: [ADDRESSES[1]],
      snippet: BODY.slice(0, 30),
    });
    expect((await service.listMessages(ORG, 'S-1-list', 'JUNK_EMAIL', { limit: 2 })).items).toEqual([]);
  });

  it('keeps subject, body and addresses out of table items, object keys and objects', async () => {
    await service.provision(ORG, 'S-1-plain');
    await service.deliver(message('S-1-plain', 'p-1', mail()));
    const items = (await dynamo.send(new ScanCommand({ TableName: table }))).Items ?? [];
    const stored: Buffer[] = [Buffer.from(JSON.stringify(items))];
    for (const item of items)
      for (const value of Object.values(item)) if (value.B) stored.push(Buffer.from(value.B));
    for (const item of items) {
      for (const field of Object.values(item.summary?.M ?? {}))
        if (field.B) stored.push(Buffer.from(field.B));
    }
    for (const object of await objects(`${ORG}/`)) {
      stored.push(Buffer.from(object.Key!));
      const output = await s3Client.send(new GetObjectCommand({ Bucket: store, Key: object.Key }));
      stored.push(Buffer.from(await output.Body!.transformToByteArray()));
    }
    const haystack = Buffer.concat(stored);
    for (const secret of [SUBJECT, 'nightingale', ...ADDRESSES, 'example']) {
      expect(haystack.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('makes no KMS call for deliveries and reads while the mailbox key is cached, and one after 60 s', async () => {
    await service.provision(ORG, 'S-1-warm');
    await service.deliver(message('S-1-warm', 'w-0', mail()));
    const before = kms.totalCalls;
    for (let i = 1; i <= 5; i++) await service.deliver(message('S-1-warm', `w-${i}`, mail()));
    await service.readMessage(ORG, 'S-1-warm', 'w-3');
    expect(kms.totalCalls).toBe(before);
    clock += 60_000;
    await service.readMessage(ORG, 'S-1-warm', 'w-3');
    expect(kms.calls.Decrypt).toBeGreaterThan(0);
    expect(kms.totalCalls).toBe(before + 1);
  });

  it('wraps mailbox keys with the organization ARN and mailbox id as encryption context', async () => {
    await service.provision(ORG, 'S-1-ctx');
    expect(kms.requests.filter((r) => r.operation === 'Encrypt').at(-1)?.encryptionContext).toEqual({
      'aws:workmail:arn': `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}`,
      'mailwright:mailbox': 'S-1-ctx',
    });
  });

  it('keeps old messages readable after rotation, and shreds everything on destroy', async () => {
    await service.provision(ORG, 'S-1-rot');
    await service.deliver(message('S-1-rot', 'r-1', mail('one')));
    expect(await service.rotateMailboxKey(ORG, 'S-1-rot')).toBe(2);
    await service.deliver(message('S-1-rot', 'r-2', mail('two')));
    expect((await service.readMessage(ORG, 'S-1-rot', 'r-1')).toString()).toContain('one');
    expect((await service.readMessage(ORG, 'S-1-rot', 'r-2')).toString()).toContain('two');
    await service.destroy(ORG, 'S-1-rot');
    const items = (await dynamo.send(new ScanCommand({ TableName: table }))).Items ?? [];
    expect(items.filter((item) => item.pk.S === `MBX#${ORG}#S-1-rot`)).toEqual([]);
    expect(await objects(`${ORG}/S-1-rot/`)).toEqual([]);
    expect(await service.sizeBytes(ORG, 'S-1-rot')).toBe(0);
  });
});

import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbIdentitySettingsStore } from '../../lambdas/adapters/aws/dynamodb-identity-settings-store';
import { DynamoDbSendingCounters } from '../../lambdas/adapters/aws/dynamodb-sending-counters';
import { DynamoDbSubmissionStore } from '../../lambdas/adapters/aws/dynamodb-submission-store';
import { MemorySendingCounters } from '../../lambdas/adapters/local/memory-sending-counters';
import type { SubmissionRecord } from '../../lambdas/core/sending';
import { createTestTables, lazyTestTables } from '../support/dynamodb';
import { sendingCountersContract } from './sending-counters.contract';

sendingCountersContract('DynamoDbSendingCounters on DynamoDB Local', async () => {
  const { documents, mailboxTable } = await createTestTables();
  return new DynamoDbSendingCounters(documents, mailboxTable);
});

sendingCountersContract('MemorySendingCounters', async () => new MemorySendingCounters());

describe('DynamoDbSubmissionStore on DynamoDB Local', () => {
  const tables = lazyTestTables();
  const key = randomBytes(32);
  const record = (submissionId: string, mailboxId = 'u-1'): SubmissionRecord => ({
    organizationId: 'm-1',
    mailboxId,
    submissionId,
    identityId: 'i-1',
    emailId: 'e-1',
    threadId: 't-1',
    sendAt: Date.now(),
    envelope: { mailFrom: 'ana@example.com', rcptTo: ['olga@outside.example'] },
    recipients: [{ recipient: 'olga@outside.example', status: 'sent' }],
  });

  it('keeps records sealed: no address is stored in clear, and another key cannot read them', async () => {
    const { documents, mailboxTable } = await tables;
    const store = new DynamoDbSubmissionStore(documents, mailboxTable, key);
    const stored = record('a1');
    await store.put(stored);

    const { Item } = await documents.send(
      new GetCommand({
        TableName: mailboxTable,
        Key: { pk: 'MBX#m-1#u-1', sk: 'SUB#a1' },
      }),
    );
    const other = new DynamoDbSubmissionStore(documents, mailboxTable, randomBytes(32));

    expect(JSON.stringify(Item)).not.toContain('example');
    expect(await store.get('m-1', 'u-1', 'a1')).toEqual(stored);
    await expect(other.get('m-1', 'u-1', 'a1')).rejects.toThrow();
  });

  it('lists a mailbox’s records newest first, or oldest first after an id', async () => {
    const { documents, mailboxTable } = await tables;
    const store = new DynamoDbSubmissionStore(documents, mailboxTable, async () => key);
    for (const id of ['b1', 'b2', 'b3']) await store.put(record(id, 'u-2'));
    await store.put(record('b4', 'u-3'));

    const newest = await store.list('m-1', 'u-2', { order: 'newest', limit: 2 });
    const after = await store.list('m-1', 'u-2', { order: 'oldest', after: 'b1', limit: 10 });

    expect(newest.map((entry) => entry.submissionId)).toEqual(['b3', 'b2']);
    expect(after.map((entry) => entry.submissionId)).toEqual(['b2', 'b3']);
  });

  it('answers undefined for an unknown record', async () => {
    const { documents, mailboxTable } = await tables;

    expect(
      await new DynamoDbSubmissionStore(documents, mailboxTable, key).get('m-1', 'u-1', 'zz'),
    ).toBeUndefined();
  });
});

describe('DynamoDbIdentitySettingsStore on DynamoDB Local', () => {
  const tables = lazyTestTables();

  it('keeps each identity’s settings per user, replaced whole', async () => {
    const { documents, mailboxTable } = await tables;
    const store = new DynamoDbIdentitySettingsStore(documents, mailboxTable, randomBytes(32));
    await store.put('m-1', 'u-1', 'i-a', { name: 'Old', textSignature: 'x' });

    await store.put('m-1', 'u-1', 'i-a', { name: 'Ana' });
    await store.put('m-1', 'u-1', 'i-b', { htmlSignature: '<b>A</b>' });
    await store.put('m-1', 'u-2', 'i-c', { name: 'Ben' });

    expect(await store.list('m-1', 'u-1')).toEqual(
      new Map([
        ['i-a', { name: 'Ana' }],
        ['i-b', { htmlSignature: '<b>A</b>' }],
      ]),
    );
    expect(await store.list('m-1', 'u-9')).toEqual(new Map());
  });
});

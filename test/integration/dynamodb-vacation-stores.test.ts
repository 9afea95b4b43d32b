import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { DynamoDbVacationReplyLog } from '../../lambdas/adapters/aws/dynamodb-vacation-reply-log';
import { DynamoDbVacationSettingsStore } from '../../lambdas/adapters/aws/dynamodb-vacation-settings-store';
import { processInboundRecord, spamVerdictDecider, type InboundDeps } from '../../lambdas/core/delivery';
import { MailboxNotFoundError } from '../../lambdas/core/mailbox/errors';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { NO_VACATION_RESPONSE, VacationResponder, type VacationResponse } from '../../lambdas/core/vacation';
import { AwsRequestCounter } from '../bench/aws-request-counter';
import { createTestTables, testDynamoDbClient, type TestTables } from '../support/dynamodb';
import {
  InMemoryDirectory,
  InMemoryRawSource,
  MemoryLogger,
  RecordingMailSender,
  sesEvent,
} from '../unit/delivery/doubles';
import { CountingKeyWrapper, InMemoryBlobStore } from '../unit/mailbox/doubles';

const ORG = 'm-0000000000000000000000000000000v';
const AWAY: VacationResponse = {
  ...NO_VACATION_RESPONSE,
  isEnabled: true,
  fromDate: Date.UTC(2026, 0, 1),
  toDate: null,
  subject: 'Secret trip to Lisbon',
  textBody: 'Back soon, ask Piet.',
};

/** The Mailbox table through a client whose DynamoDB requests are counted, and an active mailbox for `u-1`. */
async function setup() {
  const tables: TestTables = await createTestTables();
  const client = testDynamoDbClient();
  const counter = new AwsRequestCounter();
  counter.attach('DynamoDB', client);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const sealKey = randomBytes(32);
  const ledger = new DynamoDbDeliveryLedger({ documents, tableName: tables.mailboxTable, sealKey });
  const store = new DynamoDbMailboxStore(documents, { ...tables, ledger: ledger.items });
  const mailboxes = new MailboxService({
    store,
    blobs: new InMemoryBlobStore(),
    keyWrapper: new CountingKeyWrapper(),
    organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
  });
  await mailboxes.provision(ORG, 'u-1');
  const settings = new DynamoDbVacationSettingsStore(documents, tables.mailboxTable, sealKey);
  const replies = new DynamoDbVacationReplyLog(documents, tables.mailboxTable, sealKey);
  const item = async (sk: string) =>
    (
      await documents.send(
        new GetCommand({ TableName: tables.mailboxTable, Key: { pk: `MBX#${ORG}#u-1`, sk } }),
      )
    ).Item;
  return { tables, documents, counter, ledger, store, mailboxes, settings, replies, sealKey, item };
}

describe('DynamoDbVacationSettingsStore on DynamoDB Local', () => {
  it('stores the response sealed, and reads it back only under the same key', async () => {
    const { settings, item, documents, tables } = await setup();

    await settings.put(ORG, 'u-1', AWAY);
    const stored = await item('VACATION');
    const other = new DynamoDbVacationSettingsStore(documents, tables.mailboxTable, randomBytes(32));

    expect(JSON.stringify(stored)).not.toMatch(/Lisbon|Piet|Secret/);
    expect(await settings.get(ORG, 'u-1')).toEqual(AWAY);
    expect(await settings.get(ORG, 'u-2')).toBeUndefined();
    await expect(other.get(ORG, 'u-1')).rejects.toThrow();
  });

  it('keeps the window on the mailbox record in plain numbers, and removes it when disabled', async () => {
    const { settings, store, item } = await setup();

    await settings.put(ORG, 'u-1', { ...AWAY, toDate: Date.UTC(2026, 0, 11) });
    const enabled = await store.getMailbox(ORG, 'u-1');
    const raw = await item('MAILBOX');
    await settings.put(ORG, 'u-1', { ...AWAY, isEnabled: false });
    const disabled = await store.getMailbox(ORG, 'u-1');

    expect(enabled?.vacation).toEqual({ fromDate: Date.UTC(2026, 0, 1), toDate: Date.UTC(2026, 0, 11) });
    expect(Object.keys(raw?.vacation as object).sort()).toEqual(['fromDate', 'toDate']);
    expect(disabled?.vacation).toBeUndefined();
    expect(disabled?.state).toBe('ACTIVE');
  });

  it('refuses a response for a mailbox that does not exist, and stores nothing', async () => {
    const { settings } = await setup();

    await expect(settings.put(ORG, 'u-9', AWAY)).rejects.toThrow(MailboxNotFoundError);
    expect(await settings.get(ORG, 'u-9')).toBeUndefined();
  });

  it('is removed with the mailbox, as are the senders it answered', async () => {
    const { settings, replies, mailboxes, documents, tables } = await setup();
    await settings.put(ORG, 'u-1', AWAY);
    await replies.remember(ORG, 'u-1', 'olga@outside.example', 0, 1000);

    await mailboxes.destroy(ORG, 'u-1');
    const { Items = [] } = await documents.send(
      new QueryCommand({
        TableName: tables.mailboxTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MBX#${ORG}#u-1` },
      }),
    );

    expect(Items).toEqual([]);
  });
});

describe('DynamoDbVacationReplyLog on DynamoDB Local', () => {
  it('remembers a sender until the period ends, whatever its case, under a keyed hash', async () => {
    const { replies, documents, tables } = await setup();

    const first = await replies.remember(ORG, 'u-1', 'Olga@Outside.example', 1000, 5000);
    const within = await replies.remember(ORG, 'u-1', 'olga@outside.example', 4999, 9000);
    const other = await replies.remember(ORG, 'u-2', 'olga@outside.example', 4999, 9000);
    const after = await replies.remember(ORG, 'u-1', 'olga@outside.example', 5000, 9000);
    const { Items = [] } = await documents.send(
      new QueryCommand({
        TableName: tables.mailboxTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `MBX#${ORG}#u-1`, ':prefix': 'VACREPLY#' },
      }),
    );

    expect([first, within, other, after]).toEqual([true, false, true, true]);
    expect(Items).toHaveLength(1);
    expect(Items[0]).toMatchObject({ expiresAt: 9000, ttl: 9 });
    expect(JSON.stringify(Items)).not.toMatch(/olga|outside/i);
  });

  it('lets one of several concurrent deliveries answer', async () => {
    const { replies } = await setup();

    const results = await Promise.all(
      Array.from({ length: 5 }, () => replies.remember(ORG, 'u-1', 'piet@outside.example', 1000, 5000)),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a sender so that the next message is answered', async () => {
    const { replies } = await setup();
    await replies.remember(ORG, 'u-1', 'piet@outside.example', 1000, 5000);

    await replies.forget(ORG, 'u-1', 'PIET@outside.example');

    expect(await replies.remember(ORG, 'u-1', 'piet@outside.example', 1001, 5000)).toBe(true);
  });
});

describe('Inbound delivery with vacation responses on DynamoDB Local: request budget', () => {
  async function pipeline() {
    const rig = await setup();
    const directory = new InMemoryDirectory();
    directory.add({ kind: 'USER', entityId: 'u-1', state: 'ENABLED', email: 'ana@example.com' });
    // The in-memory directory puts every entry in 'm-org': move ana to this suite's organization.
    directory.addresses.set('ana@example.com', {
      ...directory.addresses.get('ana@example.com')!,
      organizationId: ORG,
    });
    const mailSender = new RecordingMailSender();
    const rawSource = new InMemoryRawSource();
    const deps: InboundDeps = {
      rawSource,
      ledger: rig.ledger,
      directory,
      delivery: rig.mailboxes,
      decider: spamVerdictDecider,
      mailSender,
      autoReplier: new VacationResponder({ settings: rig.settings, replies: rig.replies, mailSender }),
      logger: new MemoryLogger(),
      reportingMta: 'mx.mailwright.test',
    };
    let next = 0;
    /** Delivers one message from olga to ana; the DynamoDB requests it made. */
    const deliver = async (extra = '') => {
      const messageId = `ses-vacation-${next++}`;
      rawSource.objects.set(
        messageId,
        Buffer.from(
          `From: <olga@outside.example>\r\nTo: <ana@example.com>\r\nSubject: Budget\r\n${extra}` +
            `Message-ID: <${messageId}@outside.example>\r\n\r\nHi`,
        ),
      );
      rig.counter.reset();
      await processInboundRecord(
        sesEvent({ messageId, recipients: ['ana@example.com'], source: 'olga@outside.example' }).Records[0]!,
        deps,
      );
      return rig.counter.byCommand();
    };
    return { ...rig, deps, mailSender, deliver };
  }

  it('makes no request beyond the delivery’s own while the response is off', async () => {
    const { deliver, mailSender } = await pipeline();
    await deliver(); // warm: the mailbox key and its version are cached from here on

    const warm = await deliver();

    expect(warm).toEqual({ 'DynamoDB.TransactGetItemsCommand': 1, 'DynamoDB.TransactWriteItemsCommand': 1 });
    expect(mailSender.sent).toHaveLength(0);
  });

  it('reads the settings and writes the sender’s record once the response is on, and answers once', async () => {
    const { deliver, settings, mailSender } = await pipeline();
    await deliver();
    await settings.put(ORG, 'u-1', AWAY);

    const first = await deliver();
    const second = await deliver();
    const bulk = await deliver('Precedence: bulk\r\n');

    expect(first).toEqual({
      'DynamoDB.GetItemCommand': 1,
      'DynamoDB.PutItemCommand': 1,
      'DynamoDB.TransactGetItemsCommand': 1,
      'DynamoDB.TransactWriteItemsCommand': 1,
    });
    expect(second).toEqual(first);
    expect(bulk).toEqual({ 'DynamoDB.TransactGetItemsCommand': 1, 'DynamoDB.TransactWriteItemsCommand': 1 });
    expect(mailSender.sent.map((message) => message.recipients)).toEqual([['olga@outside.example']]);
  });
});

import { randomBytes } from 'node:crypto';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import {
  DeliveryIncompleteError,
  processInboundRecord,
  spamVerdictDecider,
  type InboundDeps,
  type InboundResult,
} from '../../lambdas/core/delivery';
import { malformedCorpus } from '../fixtures/mime/corpus';
import { lazyTestTables } from '../support/dynamodb';
import {
  InMemoryDirectory,
  InMemoryRawSource,
  MemoryLogger,
  RecordingDelivery,
  RecordingMailSender,
  sesEvent,
  simpleMessage,
} from '../unit/delivery/doubles';

const tables = lazyTestTables();
let counter = 0;

async function setup() {
  const { documents, mailboxTable } = await tables;
  const directory = new InMemoryDirectory();
  const users = ['alice', 'bob', 'carol'].map((id) =>
    directory.add({ kind: 'USER', entityId: id, state: 'ENABLED', email: `${id}@example.com` }),
  );
  const team = directory.add({
    kind: 'GROUP',
    entityId: 'team',
    state: 'ENABLED',
    email: 'team@example.com',
  });
  directory.setMembers(team, users.slice(1));
  const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey: randomBytes(32) });
  const deps = {
    rawSource: new InMemoryRawSource(),
    ledger,
    directory,
    delivery: new RecordingDelivery(ledger),
    decider: spamVerdictDecider,
    mailSender: new RecordingMailSender(),
    logger: new MemoryLogger(),
    reportingMta: 'mx.mailwright.test',
  } satisfies InboundDeps;
  const messageId = `ses-${Date.now()}-${counter++}`;
  deps.rawSource.objects.set(messageId, simpleMessage());
  const record = sesEvent({
    messageId,
    recipients: ['alice@example.com', 'team@example.com', 'nobody@example.com'],
  }).Records[0]!;
  return { deps, messageId, record };
}

/** Runs the record like Lambda would: retries a DeliveryIncompleteError until it succeeds. */
async function untilDone(
  run: () => Promise<InboundResult>,
): Promise<{ result: InboundResult; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    try {
      return { result: await run(), attempts };
    } catch (error) {
      if (!(error instanceof DeliveryIncompleteError) || attempts > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('Inbound pipeline with the DynamoDB ledger', () => {
  it('delivers one copy per recipient and one DSN when the same event arrives 5 times in a row', async () => {
    const { deps, messageId, record } = await setup();

    const results: InboundResult[] = [];
    for (let i = 0; i < 5; i++) results.push(await processInboundRecord(record, deps));

    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['bob', 1],
        ['carol', 1],
      ]),
    );
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(results[0]?.recipients.map((r) => r.outcome).sort()).toEqual([
      'bounced',
      'delivered',
      'delivered',
      'delivered',
    ]);
    for (const later of results.slice(1))
      expect(later.recipients.every((r) => r.outcome === 'duplicate')).toBe(true);
    expect(deps.rawSource.objects.has(messageId)).toBe(false);
  });

  it('delivers one copy per recipient and one DSN when the same event runs 5 times concurrently', async () => {
    const { deps, messageId, record } = await setup();
    deps.delivery.delayMs = 30;

    const runs = await Promise.all(
      Array.from({ length: 5 }, () => untilDone(() => processInboundRecord(record, deps))),
    );

    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['bob', 1],
        ['carol', 1],
      ]),
    );
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(runs.every(({ result }) => result.rawDeleted)).toBe(true);
    expect(deps.rawSource.objects.has(messageId)).toBe(false);
  });

  it('retries only what is missing after a failure mid-delivery, and deletes the raw message only at the end', async () => {
    const { deps, messageId, record } = await setup();
    deps.delivery.failOnceFor.add('bob');

    const first = await processInboundRecord(record, deps).catch((error: unknown) => error);

    expect(first).toBeInstanceOf(DeliveryIncompleteError);
    expect(deps.rawSource.objects.has(messageId)).toBe(true);
    expect(deps.mailSender.sent).toHaveLength(0);
    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['carol', 1],
      ]),
    );

    const retry = await processInboundRecord(record, deps);

    expect(retry.recipients.map((r) => [r.recipient, r.outcome])).toEqual([['bob@example.com', 'delivered']]);
    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['carol', 1],
        ['bob', 1],
      ]),
    );
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.mailSender.sent[0]?.raw.toString()).toContain('nobody@example.com');
    expect(deps.rawSource.deleted).toEqual([messageId]);
  });

  describe('malformed MIME corpus', () => {
    it.each(malformedCorpus().map((entry) => [entry.name, entry.raw] as const))(
      'delivers "%s" byte for byte without crashing',
      async (_name, raw) => {
        const { deps, messageId, record } = await setup();
        deps.rawSource.objects.set(messageId, raw);

        const result = await processInboundRecord(record, deps);

        expect(result.recipients.filter((r) => r.outcome === 'delivered')).toHaveLength(3);
        expect(deps.delivery.calls.every((call) => call.raw.equals(raw))).toBe(true);
        expect(deps.rawSource.deleted).toEqual([messageId]);
      },
    );

    it.each(malformedCorpus().map((entry) => [entry.name, entry.raw] as const))(
      'keeps "%s" in the inbound store when its delivery fails',
      async (_name, raw) => {
        const { deps, messageId, record } = await setup();
        deps.rawSource.objects.set(messageId, raw);
        deps.delivery.failOnceFor.add('alice');

        await expect(processInboundRecord(record, deps)).rejects.toBeInstanceOf(DeliveryIncompleteError);

        expect(deps.rawSource.objects.get(messageId)?.equals(raw)).toBe(true);
        expect(deps.rawSource.deleted).toEqual([]);
      },
    );
  });
});

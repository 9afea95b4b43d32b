import { randomBytes } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbFlowRuleStore } from '../../lambdas/adapters/aws/dynamodb-flow-rule-store';
import { DynamoDbInFlightMessageStore } from '../../lambdas/adapters/aws/dynamodb-in-flight-message-store';
import { S3ContentSource } from '../../lambdas/adapters/aws/s3-content-source';
import { S3RawMessageSource } from '../../lambdas/adapters/aws/s3-raw-message-source';
import { S3RawMessageStore } from '../../lambdas/adapters/aws/s3-raw-message-store';
import {
  DeliveryIncompleteError,
  processInboundRecord,
  type DeliveryLogger,
  type InboundDeps,
  type SesReceiptRecord,
} from '../../lambdas/core/delivery';
import {
  FunctionInvocationError,
  type Clock,
  type FunctionInvoker,
  type InvokeOptions,
  type LambdaEvent,
} from '../../lambdas/core/flow-lambda';
import { CompiledRuleSetCache, type FlowRule } from '../../lambdas/core/flow-rules';
import { FlowRuleDecider, inboundObjectLocation } from '../../lambdas/core/inbound-rules';
import {
  getRawMessageContent,
  putRawMessageContent,
  type MessageFlowDeps,
} from '../../lambdas/core/message-flow';
import { lazyTestTables } from '../support/dynamodb';
import { testBucketNames, testS3Client } from '../support/s3';
import {
  InMemoryDirectory,
  RecordingDelivery,
  RecordingMailSender,
  sesEvent,
} from '../unit/delivery/doubles';

const { inbound: INBOUND, customer: CUSTOMER } = testBucketNames('inbound', 'customer');
const ORG = 'm-org';
const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:scanner';
const ORIGINAL = Buffer.from(
  'From: Sender <sender@remote.example>\r\nTo: alice@example.com, bob@example.com, carol@example.com\r\n' +
    'Subject: Quarterly numbers\r\nMessage-ID: <m1@remote.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n' +
    '\r\nThe original body.\r\n',
);

/** A function behind the fake invoker: gets the event, returns the response object (or throws). */
type Handler = (event: LambdaEvent, options: InvokeOptions) => Promise<unknown>;

/** FunctionInvoker double: runs in-process handlers by ARN and records every call. */
class FakeInvoker implements FunctionInvoker {
  public readonly calls: { arn: string; event: LambdaEvent; options: InvokeOptions }[] = [];
  public readonly handlers = new Map<string, Handler>();
  public async invoke(
    arn: string,
    payload: unknown,
    options: InvokeOptions,
  ): Promise<Uint8Array | undefined> {
    const event = payload as LambdaEvent;
    this.calls.push({ arn, event, options });
    const handler = this.handlers.get(arn);
    if (!handler) throw new FunctionInvocationError('no such function', arn);
    const response = await handler(event, options);
    return options.synchronous ? Buffer.from(JSON.stringify(response ?? null)) : undefined;
  }
}

/** A clock whose sleep only moves time forward. */
class FakeClock implements Clock {
  public time = Date.parse('2026-11-22T10:00:00Z');
  public now(): number {
    return this.time;
  }
  public async sleep(milliseconds: number): Promise<void> {
    this.time += milliseconds;
  }
}

/** Keeps every log line with its attributes. */
class EventLogger implements DeliveryLogger {
  public readonly lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  public info(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'info', message, attributes: { ...attributes } });
  }
  public warn(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'warn', message, attributes: { ...attributes } });
  }
  public error(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'error', message, attributes: { ...attributes } });
  }
  public events(name: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.message === name).map((line) => line.attributes);
  }
}

let s3: S3Client;
const tables = lazyTestTables();
let counter = 0;

beforeAll(async () => {
  s3 = await testS3Client(INBOUND, CUSTOMER);
});

afterAll(() => s3.destroy());

async function setup(options: { dmarcEnforced?: boolean; raw?: Buffer } = {}) {
  const { documents, directoryTable, mailboxTable } = await tables;
  const organizationId = `${ORG}-${counter++}`;
  const directory = new InMemoryDirectory();
  for (const id of ['alice', 'bob', 'carol', 'dave'])
    directory.add({ kind: 'USER', entityId: id, state: 'ENABLED', email: `${id}@example.com` });
  for (const entry of directory.addresses.values()) Object.assign(entry, { organizationId });
  const flowRules = new DynamoDbFlowRuleStore(documents, directoryTable);
  const inFlight = new DynamoDbInFlightMessageStore(documents, mailboxTable);
  const rawMessages = new S3RawMessageStore({ client: s3, bucket: INBOUND });
  const contentSource = new S3ContentSource({ client: s3 });
  const rawSource = new S3RawMessageSource({ client: s3, bucket: INBOUND, keyPrefix: 'incoming/' });
  const invoker = new FakeInvoker();
  const clock = new FakeClock();
  const logger = new EventLogger();
  const messageFlow: MessageFlowDeps = {
    inFlight,
    rawMessages,
    contentSource,
    contentBuckets: { allowedBuckets: async (id) => (id === organizationId ? [CUSTOMER] : []) },
    reservedBuckets: [INBOUND],
    logger: { warn: () => undefined },
    now: () => clock.now(),
  };
  const decider = new FlowRuleDecider({
    rules: new CompiledRuleSetCache(flowRules),
    organizations: {
      settings: async () => ({ dmarcEnforced: options.dmarcEnforced ?? true, domains: ['example.com'] }),
    },
    invoker,
    inFlight,
    clock,
    logger,
    originalLocation: inboundObjectLocation(INBOUND, 'incoming/'),
  });
  const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey: randomBytes(32) });
  const deps = {
    rawSource,
    ledger,
    directory,
    delivery: new RecordingDelivery(ledger),
    decider,
    mailSender: new RecordingMailSender(),
    logger,
    reportingMta: 'mx.mailwright.test',
    replacements: rawMessages,
  } satisfies InboundDeps;
  const messageId = `ses-${Date.now()}-${counter++}`;
  await rawSource.put(messageId, options.raw ?? ORIGINAL);
  const addRule = (rule: Partial<FlowRule> & Pick<FlowRule, 'name' | 'action'>) =>
    flowRules.createRule(
      {
        organizationId,
        direction: 'INBOUND',
        senderPatterns: ['*'],
        destinationPatterns: ['*'],
        createdAt: 1,
        modifiedAt: 1,
        ...rule,
      },
      1000,
    );
  const record = (
    overrides: { spam?: string; dmarc?: string; dmarcPolicy?: string } = {},
  ): SesReceiptRecord => {
    const base = sesEvent({
      messageId,
      recipients: ['alice@example.com', 'bob@example.com', 'carol@example.com'],
      spam: overrides.spam,
    }).Records[0]!;
    return {
      ...base,
      ses: {
        ...base.ses,
        receipt: {
          ...base.ses.receipt,
          dmarcVerdict: { status: overrides.dmarc ?? 'PASS' },
          dmarcPolicy: overrides.dmarcPolicy,
        },
      },
    };
  };
  /** Rewrites the message through the Message Flow API the way a WorkMail function does. */
  const rewrite = async (event: LambdaEvent, content: Buffer) => {
    const key = `rewrites/${event.messageId}-${counter++}`;
    await s3.send(new PutObjectCommand({ Bucket: CUSTOMER, Key: key, Body: content }));
    return putRawMessageContent(
      messageFlow,
      event.messageId,
      { bucket: CUSTOMER, key },
      { kind: 'capability' },
    );
  };
  const delivered = () =>
    new Map(
      deps.delivery.calls.map((call) => [call.mailboxId, { folder: call.folder, raw: call.raw.toString() }]),
    );
  return {
    deps,
    organizationId,
    messageId,
    addRule,
    record,
    rewrite,
    delivered,
    invoker,
    clock,
    logger,
    inFlight,
    messageFlow,
  };
}

function outcomes(result: { recipients: readonly { recipient: string; outcome: string }[] }) {
  return Object.fromEntries(result.recipients.map((r) => [r.recipient, r.outcome]));
}

describe('Inbound flow rules in the pipeline', () => {
  it('delivers, junks and bounces the recipients of one message by their rules', async () => {
    const { deps, addRule, record, delivered, logger } = await setup();
    await addRule({
      name: 'junk-bob',
      action: 'MOVE_TO_JUNK',
      destinationPatterns: ['bob@example.com'],
      senderPatterns: ['remote.example'],
    });
    await addRule({
      name: 'bounce-carol',
      action: 'BOUNCE',
      destinationPatterns: ['carol@example.com'],
      senderPatterns: ['*.remote.example'],
    });

    const result = await processInboundRecord(record(), deps);

    expect(outcomes(result)).toEqual({
      'alice@example.com': 'delivered',
      'bob@example.com': 'delivered',
      'carol@example.com': 'bounced',
    });
    expect([...delivered()].map(([id, copy]) => [id, copy.folder]).sort()).toEqual([
      ['alice', 'INBOX'],
      ['bob', 'JUNK_EMAIL'],
    ]);
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.mailSender.sent[0]?.raw.toString()).toContain('Status: 5.7.1');
    expect(logger.events('RULE_APPLIED')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleName: 'junk-bob',
          ruleType: 'INBOUND_RULE',
          ruleActions: [{ action: 'MOVE_TO_JUNK', recipients: ['bob@example.com'] }],
        }),
        expect.objectContaining({
          ruleName: 'bounce-carol',
          ruleActions: [{ action: 'BOUNCE', recipients: ['carol@example.com'] }],
        }),
      ]),
    );
    expect(result.rawDeleted).toBe(true);
  });

  it('applies a synchronous Lambda that bounces, drops, adds a Bcc and rewrites the body for the rest', async () => {
    const { deps, addRule, record, rewrite, delivered, invoker, logger, inFlight, messageFlow } =
      await setup();
    await addRule({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
      ruleTimeoutMinutes: 0,
    });
    const rewritten: string[] = [];
    invoker.handlers.set(ARN, async (event) => {
      const original = Buffer.from(
        await getRawMessageContent(messageFlow, event.messageId, { kind: 'capability' }),
      );
      const next = original
        .toString()
        .replace('The original body.', 'The original body.\r\n-- Disclaimer: scanned');
      rewritten.push(next);
      expect((await rewrite(event, Buffer.from(next))).effective).toBe(true);
      return {
        actions: [
          {
            action: { type: 'BOUNCE', parameters: { bounceMessage: 'Email in breach of company policy.' } },
            recipients: ['carol@example.com'],
          },
          { action: { type: 'DROP' }, recipients: ['bob@example.com'] },
          { action: { type: 'DEFAULT' }, recipients: ['dave@example.com', 'stranger@elsewhere.example'] },
          { action: { type: 'DEFAULT' }, allRecipients: true },
        ],
      };
    });

    const result = await processInboundRecord(record(), deps);

    expect(invoker.calls).toHaveLength(1);
    const event = invoker.calls[0]!.event;
    expect(event.envelope.recipients.map((r) => r.address)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
    expect(event.subject).toBe('Quarterly numbers');
    expect(outcomes(result)).toEqual({
      'alice@example.com': 'delivered',
      'bob@example.com': 'dropped',
      'carol@example.com': 'bounced',
      'dave@example.com': 'delivered',
    });
    const copies = delivered();
    expect([...copies.keys()].sort()).toEqual(['alice', 'dave']);
    expect(copies.get('alice')?.raw).toBe(rewritten[0]);
    expect(copies.get('dave')?.raw).toBe(rewritten[0]);
    expect(copies.get('alice')?.raw).toContain('Disclaimer: scanned');
    expect(deps.mailSender.sent[0]?.raw.toString()).toContain('Email in breach of company policy.');
    expect((await inFlight.get(event.messageId))?.state).toBe('DELIVERED');
    expect(result.rawDeleted).toBe(false);
    expect(logger.events('RULE_APPLIED')).toEqual([
      expect.objectContaining({
        ruleName: 'scan',
        ruleActions: expect.arrayContaining([
          { action: 'DROP', recipients: ['bob@example.com'] },
          { action: 'BOUNCE', recipients: ['carol@example.com'] },
          { action: 'DEFAULT', recipients: ['alice@example.com', 'dave@example.com'] },
        ]),
      }),
    ]);
  });

  it('runs an asynchronous Lambda once alongside delivery without changing it', async () => {
    const { deps, addRule, record, delivered, invoker } = await setup();
    await addRule({ name: 'archive', action: 'RUN_LAMBDA', lambdaArn: ARN, synchronous: false });
    invoker.handlers.set(ARN, async () => ({ actions: [{ action: { type: 'DROP' }, allRecipients: true }] }));

    const first = await processInboundRecord(record(), deps);
    const replay = await processInboundRecord(record(), deps);

    expect(invoker.calls).toHaveLength(1);
    expect(invoker.calls[0]?.options.synchronous).toBe(false);
    expect(Object.values(outcomes(first))).toEqual(['delivered', 'delivered', 'delivered']);
    expect(
      [...delivered().values()].every((copy) => copy.folder === 'INBOX' && copy.raw === ORIGINAL.toString()),
    ).toBe(true);
    expect(Object.values(outcomes(replay))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(deps.delivery.calls).toHaveLength(3);
  });

  it('applies the fallback action to every recipient once a failing synchronous Lambda exhausts its rule timeout', async () => {
    const { deps, addRule, record, delivered, invoker, clock } = await setup();
    await addRule({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'MOVE_TO_JUNK',
      ruleTimeoutMinutes: 1,
    });
    invoker.handlers.set(ARN, async () => {
      throw new FunctionInvocationError('function error', ARN);
    });
    const start = clock.now();

    const result = await processInboundRecord(record(), deps);

    expect(invoker.calls.length).toBeGreaterThan(1);
    expect(new Set(invoker.calls.map((call) => call.event.invocationId)).size).toBe(1);
    expect(clock.now() - start).toBeLessThanOrEqual(60_000);
    expect(Object.values(outcomes(result))).toEqual(['delivered', 'delivered', 'delivered']);
    expect([...delivered().values()].map((copy) => copy.folder)).toEqual([
      'JUNK_EMAIL',
      'JUNK_EMAIL',
      'JUNK_EMAIL',
    ]);
  });

  it('drops a DMARC-rejected message without a DSN and without running flow rules when enforcement is on', async () => {
    const { deps, addRule, record, logger } = await setup({ dmarcEnforced: true });
    await addRule({ name: 'bounce-all', action: 'BOUNCE' });

    const result = await processInboundRecord(record({ dmarc: 'FAIL', dmarcPolicy: 'reject' }), deps);

    expect(Object.values(outcomes(result))).toEqual(['dropped', 'dropped', 'dropped']);
    expect(deps.delivery.calls).toHaveLength(0);
    expect(deps.mailSender.sent).toHaveLength(0);
    expect(logger.events('DMARC_POLICY_APPLIED')).toEqual([
      expect.objectContaining({
        policy: 'REJECT',
        from: 'sender@remote.example',
        recipients: ['alice@example.com', 'bob@example.com', 'carol@example.com'],
      }),
    ]);
    expect(logger.events('RULE_APPLIED')).toEqual([]);
  });

  it('delivers a DMARC-rejected message when enforcement is off', async () => {
    const { deps, record, logger, delivered } = await setup({ dmarcEnforced: false });

    const result = await processInboundRecord(record({ dmarc: 'FAIL', dmarcPolicy: 'reject' }), deps);

    expect(Object.values(outcomes(result))).toEqual(['delivered', 'delivered', 'delivered']);
    expect([...delivered().values()].map((copy) => copy.folder)).toEqual(['INBOX', 'INBOX', 'INBOX']);
    expect(logger.events('DMARC_POLICY_APPLIED')).toEqual([]);
  });

  it('puts spam in the Junk folder except for recipients of a BYPASS_SPAM_CHECK rule', async () => {
    const { deps, addRule, record, delivered } = await setup();
    await addRule({ name: 'trust', action: 'BYPASS_SPAM_CHECK', destinationPatterns: ['alice@example.com'] });

    await processInboundRecord(record({ spam: 'FAIL' }), deps);

    expect(Object.fromEntries([...delivered()].map(([id, copy]) => [id, copy.folder]))).toEqual({
      alice: 'INBOX',
      bob: 'JUNK_EMAIL',
      carol: 'JUNK_EMAIL',
    });
  });

  it('keeps the outcome of the first decision when the event is retried and replayed', async () => {
    const { deps, addRule, record, rewrite, delivered, invoker } = await setup();
    await addRule({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
      ruleTimeoutMinutes: 0,
    });
    invoker.handlers.set(ARN, async (event) => {
      // A function whose answer changes on every call: only the first may count.
      if (invoker.calls.length > 1) return { actions: [{ action: { type: 'DROP' }, allRecipients: true }] };
      await rewrite(event, Buffer.from(ORIGINAL.toString().replace('original body', 'first body')));
      return {
        actions: [
          { action: { type: 'MOVE_TO_JUNK' }, recipients: ['bob@example.com'] },
          { action: { type: 'DEFAULT' }, allRecipients: true },
        ],
      };
    });
    deps.delivery.failOnceFor.add('bob');

    const first = await processInboundRecord(record(), deps).catch((error: unknown) => error);
    const retry = await processInboundRecord(record(), deps);
    const replay = await processInboundRecord(record(), deps);

    expect(first).toBeInstanceOf(DeliveryIncompleteError);
    expect(invoker.calls).toHaveLength(1);
    expect(outcomes(retry)).toEqual({ 'bob@example.com': 'delivered' });
    expect(Object.values(outcomes(replay)).every((outcome) => outcome === 'duplicate')).toBe(true);
    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['carol', 1],
        ['bob', 1],
      ]),
    );
    const copies = delivered();
    expect(copies.get('bob')).toEqual({ folder: 'JUNK_EMAIL', raw: expect.stringContaining('first body') });
    expect(copies.get('alice')?.raw).toContain('first body');
  });

  it('delivers the original when the replacement is over the size limit (refused content)', async () => {
    const { deps, addRule, record, rewrite, delivered, invoker } = await setup();
    await addRule({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
      ruleTimeoutMinutes: 0,
    });
    const errors: string[] = [];
    invoker.handlers.set(ARN, async (event) => {
      const huge = Buffer.alloc(40 * 1024 * 1024 + 1, 'a');
      await rewrite(event, huge).catch((error: Error) => errors.push(error.name));
      return { actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] };
    });

    await processInboundRecord(record(), deps);

    expect(errors).toEqual(['InvalidContentLocation']);
    expect([...delivered().values()].every((copy) => copy.raw === ORIGINAL.toString())).toBe(true);
    expect(deps.delivery.calls).toHaveLength(3);
  });
});

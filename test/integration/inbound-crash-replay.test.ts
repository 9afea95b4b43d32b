import { randomBytes, randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import { DynamoDbDeliveryLedger } from '../../lambdas/adapters/aws/dynamodb-delivery-ledger';
import { DynamoDbMailboxStore } from '../../lambdas/adapters/aws/dynamodb-mailbox-store';
import { S3BlobStore } from '../../lambdas/adapters/aws/s3-blob-store';
import { S3RawMessageSource } from '../../lambdas/adapters/aws/s3-raw-message-source';
import {
  processInboundRecord,
  type InboundDeps,
  type InboundResult,
  type RecipientDecider,
} from '../../lambdas/core/delivery';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { createTestTables } from '../support/dynamodb';
import { testBucketNames, testS3Client } from '../support/s3';
import { CountingKeyWrapper } from '../unit/mailbox/doubles';
import {
  InMemoryDirectory,
  MemoryLogger,
  RecordingMailSender,
  sesEvent,
  simpleMessage,
} from '../unit/delivery/doubles';

/**
 * A process that dies: once `remaining` requests have been sent, every further request (AWS or SES) fails, as if
 * the function had been killed between two requests. Counts what was sent.
 */
class KillSwitch {
  public sent = 0;
  private remaining = Infinity;

  public killAfter(requests: number): void {
    this.sent = 0;
    this.remaining = requests;
  }

  public revive(): void {
    this.remaining = Infinity;
  }

  /** Called before each request. */
  public request(): void {
    if (this.remaining <= 0) throw new Error('killed');
    this.remaining--;
    this.sent++;
  }

  /** Makes every request of an SDK client pass through the switch. */
  public attach(client: { middlewareStack: MiddlewareStack<object, MetadataBearer> }): void {
    client.middlewareStack.add(
      (next) => async (args) => {
        this.request();
        return next(args);
      },
      { step: 'initialize', name: 'killSwitch' },
    );
  }
}

const ORG = 'm-org';
const LEASE_MS = 60_000;

describe('Inbound delivery killed between any two requests, then replayed', () => {
  const { inbound, store } = testBucketNames('inbound', 'store');
  const tables = createTestTables();
  const kill = new KillSwitch();
  let s3Client: S3Client;
  let clock = Date.UTC(2026, 11, 1);

  beforeAll(async () => {
    s3Client = await testS3Client(inbound, store);
    kill.attach(s3Client);
    kill.attach((await tables).client);
  });
  afterAll(() => s3Client.destroy());

  /** A fresh process: new caches, the same engines and data. */
  async function process(decider?: RecipientDecider) {
    const { documents, mailboxTable } = await tables;
    const ledger = new DynamoDbDeliveryLedger({ documents, tableName: mailboxTable, sealKey });
    const mailboxes = new MailboxService({
      store: new DynamoDbMailboxStore(documents, { ...(await tables), ledger: ledger.items }),
      blobs: new S3BlobStore(s3Client, store),
      keyWrapper,
      organizationKey: async () => ({ arn: `arn:aws:workmail:eu-west-1:111122223333:organization/${ORG}` }),
      now: () => clock,
    });
    const deps: InboundDeps = {
      rawSource,
      ledger,
      directory,
      delivery: mailboxes,
      decider: decider ?? {
        decide: async ({ recipients }) => recipients.map(() => ({ action: 'DELIVER', folder: 'INBOX' })),
      },
      mailSender: {
        sendRaw: async (message) => {
          kill.request();
          await sender.sendRaw(message);
          dsnSentAt = kill.sent;
        },
      },
      logger: new MemoryLogger(),
      reportingMta: 'mx.mailwright.test',
      now: () => clock,
      leaseMs: LEASE_MS,
      decisionLeaseMs: LEASE_MS,
    };
    return { deps, mailboxes };
  }

  const sealKey = randomBytes(32);
  const keyWrapper = new CountingKeyWrapper();
  const directory = new InMemoryDirectory();
  const sender = new RecordingMailSender();
  let rawSource: S3RawMessageSource;
  const MAILBOXES = ['alice', 'bob', 'carol'];
  /** Requests sent up to and including the last DSN send. */
  let dsnSentAt = 0;

  beforeAll(async () => {
    rawSource = new S3RawMessageSource({ client: s3Client, bucket: inbound });
    const users = MAILBOXES.map((id) =>
      directory.add({ kind: 'USER', entityId: id, state: 'ENABLED', email: `${id}@example.com` }),
    );
    const team = directory.add({
      kind: 'GROUP',
      entityId: 'team',
      state: 'ENABLED',
      email: 'team@example.com',
    });
    directory.setMembers(team, users.slice(1));
    const { mailboxes } = await process();
    for (const id of MAILBOXES) await mailboxes.provision(ORG, id);
  });

  /** Runs a message until it completes, killed after `killAfter` requests on the first attempt. */
  async function deliverKilled(recipients: string[], killAfter: number, decider?: RecipientDecider) {
    const messageId = `ses-${randomUUID()}`;
    const raw = simpleMessage(`Subject ${messageId}`);
    await rawSource.put(messageId, raw);
    const record = sesEvent({ messageId, recipients }).Records[0]!;
    kill.killAfter(killAfter);
    const first = await processInboundRecord(record, (await process(decider)).deps).then(
      (result) => result,
      () => undefined,
    );
    kill.revive();
    let result: InboundResult | undefined = first;
    for (let attempt = 0; !result && attempt < 5; attempt++) {
      clock += LEASE_MS + 1; // Lambda retries after the dead attempt's leases ran out
      result = await processInboundRecord(record, (await process(decider)).deps).catch(() => undefined);
    }
    return { messageId, raw, result, firstSent: kill.sent };
  }

  async function copies(mailboxId: string, messageId: string): Promise<Buffer[]> {
    const { mailboxes } = await process();
    const page = await mailboxes.listMessages(ORG, mailboxId, 'INBOX', { limit: 1000 });
    const mine = page.items.filter((item) => item.messageId === messageId);
    return Promise.all(mine.map((item) => mailboxes.readMessage(ORG, mailboxId, item.messageId)));
  }

  async function assertExactlyOnce(
    run: Awaited<ReturnType<typeof deliverKilled>>,
    expected: { mailboxes: string[]; dsns: number },
  ) {
    expect(run.result).toBeDefined();
    for (const mailboxId of MAILBOXES) {
      const found = await copies(mailboxId, run.messageId);
      expect(found).toHaveLength(expected.mailboxes.includes(mailboxId) ? 1 : 0);
      for (const bytes of found) expect(bytes.equals(run.raw)).toBe(true);
    }
    const dsns = sender.sent.filter((message) => message.raw.toString('latin1').includes(run.messageId));
    expect(dsns).toHaveLength(expected.dsns);
    expect(await rawSource.open({ messageId: run.messageId })).toBeUndefined();
    const { deps } = await process();
    expect((await deps.ledger.read(run.messageId)).complete).toBe(true);
  }

  it('delivers a single-recipient message exactly once wherever the first attempt died', async () => {
    const total = (await deliverKilled(['alice@example.com'], Infinity)).firstSent;
    // raw read, mailbox record and key (a new process), blob write, model snapshot, transaction, raw delete
    expect(total).toBe(7);

    for (let killAfter = 0; killAfter < total; killAfter++) {
      const run = await deliverKilled(['alice@example.com'], killAfter);
      await assertExactlyOnce(run, { mailboxes: ['alice'], dsns: 0 });
    }
  });

  it.each([
    [['alice@example.com', 'team@example.com', 'nobody@example.com'], MAILBOXES],
    [['alice@example.com', 'nobody@example.com'], ['alice']],
  ])(
    'delivers to %j once each and sends one DSN for the unknown address, wherever the first attempt died',
    async (recipients, reached) => {
      const total = (await deliverKilled(recipients, Infinity)).firstSent;
      const dsnSent = dsnSentAt;

      for (let killAfter = 0; killAfter < total; killAfter++) {
        const run = await deliverKilled(recipients, killAfter);
        // Dying after SES took the DSN and before the ledger recorded it is the one point where it goes out twice.
        await assertExactlyOnce(run, { mailboxes: reached, dsns: killAfter === dsnSent ? 2 : 1 });
      }
    },
  );

  it('runs a decision with outside effects once and persists it, wherever the first attempt died', async () => {
    let effects = 0;
    let sentAtEffect = 0;
    const decider: RecipientDecider = {
      decide: async ({ recipients }, control) => {
        await control.exclusive();
        effects++;
        sentAtEffect = kill.sent;
        return recipients.map((target) =>
          target.mailboxId === 'bob'
            ? { action: 'BOUNCE', message: 'not for bob' }
            : { action: 'DELIVER', folder: 'INBOX' },
        );
      },
    };
    const recipients = ['alice@example.com', 'bob@example.com'];
    const total = (await deliverKilled(recipients, Infinity, decider)).firstSent;
    const claimed = sentAtEffect; // requests sent up to and including the decision's claim
    const dsnSent = dsnSentAt;

    for (let killAfter = 0; killAfter < total; killAfter++) {
      effects = 0;
      const run = await deliverKilled(recipients, killAfter, decider);
      await assertExactlyOnce(run, { mailboxes: ['alice'], dsns: killAfter === dsnSent ? 2 : 1 });
      // Dying after the claim and before the decision was stored is the one point where a replay decides again.
      expect(effects).toBe(killAfter === claimed ? 2 : 1);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { DynamoDbJournalOutbox } from '../../lambdas/adapters/aws/dynamodb-journal-outbox';
import { DynamoDbJournalingConfigurationStore } from '../../lambdas/adapters/aws/dynamodb-journaling-configuration-store';
import { S3JournalContentStore } from '../../lambdas/adapters/aws/s3-journal-content-store';
import type { OutboundRawMessage } from '../../lambdas/core/delivery/ports';
import { deliverDueJournalRecords } from '../../lambdas/core/journaling/deliver-records';
import { JournalRecorder } from '../../lambdas/core/journaling/journal-recorder';
import { journalReportKey } from '../../lambdas/core/journaling/report-mac';
import { verifyJournalReport } from '../../lambdas/core/journaling/verify-report';
import { createTestTables } from '../support/dynamodb';
import { testBucketNames, testS3Client } from '../support/s3';

const HOUR = 60 * 60_000;
const original = Buffer.from(
  'From: Ana <ana@outside.example>\r\nTo: bo@acme.example\r\nSubject: Quarterly numbers\r\nMessage-ID: <q3@outside.example>\r\n\r\nConfidential body\r\n',
);

/** A mail sender that refuses the journaling address while `refusing` is set and records what it sent. */
class ScriptedSender {
  refusing = false;
  refusingReports = false;
  readonly sent: OutboundRawMessage[] = [];
  async sendRaw(message: OutboundRawMessage): Promise<void> {
    if (this.refusing && message.recipients.includes('archive@vault.example'))
      throw Object.assign(new Error('550 mailbox unavailable'), { name: 'MessageRejected' });
    if (this.refusingReports && message.recipients.includes('admin@acme.example'))
      throw Object.assign(new Error('550 mailbox unavailable'), { name: 'MessageRejected' });
    this.sent.push(message);
  }
}

describe('Journal records: the outbox, delivery, retries and the failure report (DynamoDB Local, s3rver)', () => {
  let clock: number;
  let setup: Awaited<ReturnType<typeof build>>;

  async function build() {
    const tables = await createTestTables();
    const { inbound } = testBucketNames('inbound');
    const configurations = new DynamoDbJournalingConfigurationStore(tables.documents, tables.directoryTable);
    const outbox = new DynamoDbJournalOutbox(tables.documents, tables.directoryTable);
    const contents = new S3JournalContentStore(await testS3Client(inbound), inbound);
    const key = journalReportKey(randomBytes(32));
    const logged: { message: string; attributes: Record<string, unknown> }[] = [];
    const logger = {
      info: (message: string, attributes: Readonly<Record<string, unknown>>) =>
        logged.push({ message, attributes: { ...attributes } }),
      warn: () => {},
      error: () => {},
    };
    const recorder = new JournalRecorder({
      configurations,
      outbox,
      contents,
      organizationAlias: async (id) => (id === 'm-acme' ? 'acme' : undefined),
      testDomainSuffix: 'mailwright.test',
      macKey: async () => key,
      logger,
      now: () => clock,
    });
    const sender = new ScriptedSender();
    const deliver = () =>
      deliverDueJournalRecords({
        outbox,
        contents,
        mailSender: sender,
        logger,
        now: () => clock,
        macKey: async () => key,
      });
    await configurations.put({
      organizationId: 'm-acme',
      status: 'ENABLED',
      journalingAddress: 'archive@vault.example',
      reportAddress: 'admin@acme.example',
      updatedAt: 0,
    });
    return { configurations, outbox, contents, recorder, sender, deliver, key, logged };
  }

  const journal = (messageId = 'ses-1') =>
    setup.recorder.record({
      direction: 'inbound',
      organizationId: 'm-acme',
      messageId,
      raw: original,
      envelopeFrom: 'ana@outside.example',
      recipients: [{ address: 'bo@acme.example', inOrganization: true }],
    });

  beforeEach(async () => {
    clock = Date.UTC(2026, 11, 4, 9, 0, 0);
    setup = await build();
  });

  it('produces one record per message however often it is replayed, and delivers it once, signed', async () => {
    const first = await journal();
    expect(await journal()).toBe(first);

    expect(await setup.deliver()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
    expect(await setup.deliver()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });

    expect(setup.sender.sent).toHaveLength(1);
    const [sent] = setup.sender.sent;
    expect(sent.envelopeFrom).toBe('amazonjournaling@acme.mailwright.test');
    expect(sent.recipients).toEqual(['archive@vault.example']);
    expect(verifyJournalReport(setup.key, sent.raw)).toEqual({
      valid: true,
      recordId: first,
      journalingAddress: 'archive@vault.example',
    });
    expect(sent.raw.includes(original)).toBe(true);
    expect(setup.logged.filter((entry) => entry.message === 'JOURNALING_INITIATED')).toEqual([
      {
        message: 'JOURNALING_INITIATED',
        attributes: expect.objectContaining({
          eventType: 'JOURNALING_INITIATED',
          journalingAddress: 'archive@vault.example',
        }),
      },
    ]);
  });

  it('produces nothing for an organization that does not journal, or once journaling is off', async () => {
    await setup.configurations.put({ organizationId: 'm-acme', status: 'DISABLED', updatedAt: 1 });
    expect(await journal()).toBeUndefined();
    expect(await setup.deliver()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    expect(setup.sender.sent).toEqual([]);
  });

  it('retries a refusing journaling address with back-off for 12 hours, then sends one failure report without the content', async () => {
    setup.sender.refusing = true;
    await journal();
    let attempts = 0;
    const end = clock + 13 * HOUR;
    while (clock <= end) {
      const run = await setup.deliver();
      attempts += run.retrying + run.givenUp;
      clock += 5 * 60_000;
    }

    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(30);
    expect(setup.sender.sent).toHaveLength(1);
    const [report] = setup.sender.sent;
    expect(report.recipients).toEqual(['admin@acme.example']);
    expect(report.envelopeFrom).toBe('');
    expect(verifyJournalReport(setup.key, report.raw)).toMatchObject({ valid: true });
    const text = report.raw.toString('utf8');
    expect(text).toContain('Original Message-ID: <q3@outside.example>');
    expect(text).toContain('Original sender: ana@outside.example');
    expect(text).not.toContain('Confidential body');
    expect(text).not.toContain('Quarterly numbers');

    clock += 24 * HOUR;
    expect(await setup.deliver()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
  });

  it('does not give up on a record that gets through before 12 hours have passed', async () => {
    setup.sender.refusing = true;
    await journal();
    await setup.deliver();
    clock += 11 * HOUR;
    setup.sender.refusing = false;
    expect(await setup.deliver()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
    expect(setup.sender.sent.map((message) => message.recipients)).toEqual([['archive@vault.example']]);
  });

  it('keeps delivering other records when a failure report cannot be sent, fails the run, and drops the record after 24 hours', async () => {
    const start = clock;
    setup.sender.refusing = true;
    setup.sender.refusingReports = true;
    await journal('ses-stuck');
    await setup.configurations.put({
      organizationId: 'm-acme',
      status: 'ENABLED',
      journalingAddress: 'other@vault.example',
      reportAddress: 'admin@acme.example',
      updatedAt: 1,
    });
    clock = start + 13 * HOUR;
    await journal('ses-fine');

    await expect(setup.deliver()).rejects.toMatchObject({ name: 'JournalDeliveryError' });
    expect(setup.sender.sent.map((message) => message.recipients)).toEqual([['other@vault.example']]);

    clock = start + 25 * HOUR;
    expect(await setup.deliver()).toEqual({ delivered: 0, retrying: 0, givenUp: 1 });
    clock += 48 * HOUR;
    expect(await setup.deliver()).toEqual({ delivered: 0, retrying: 0, givenUp: 0 });
    expect(setup.sender.sent).toHaveLength(1);
  });

  it('delivers a backlog a batch at a time, at most maxBatches per run, the rest on the next run', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await journal(`ses-${id}`);
    const run = () =>
      deliverDueJournalRecords({
        outbox: setup.outbox,
        contents: setup.contents,
        mailSender: setup.sender,
        logger: { info: () => {}, warn: () => {}, error: () => {} },
        now: () => clock,
        macKey: async () => setup.key,
        batchSize: 2,
        maxBatches: 2,
      });

    expect(await run()).toEqual({ delivered: 4, retrying: 0, givenUp: 0 });
    expect(await run()).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
    expect(setup.sender.sent).toHaveLength(5);
  });

  it('lets only one of two concurrent runs send a due record', async () => {
    await journal();
    const runs = await Promise.all([setup.deliver(), setup.deliver()]);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(1);
    expect(setup.sender.sent).toHaveLength(1);
  });
});

import { EmailEventLog, emailTraceId, type EmailEvent } from '../../../lambdas/core/email-events';
import { MemoryLogger } from '../delivery/doubles';
import { MemoryEmailMonitoringStore, MemoryLogWriter } from '../../support/memory-log-writer';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const EVENT: EmailEvent = { eventName: 'JOURNALING_INITIATED', journalingAddress: 'archive@example.com' };

function setup() {
  const configurations = new MemoryEmailMonitoringStore();
  const writer = new MemoryLogWriter();
  const logger = new MemoryLogger();
  let now = 1_000_000;
  const log = new EmailEventLog({ configurations, writer, logger, now: () => now });
  return { configurations, writer, logger, log, advance: (ms: number) => (now += ms) };
}

describe('EmailEventLog', () => {
  it('writes {traceId, event} records to the log group the organization configured, through its role', async () => {
    const t = setup();
    await t.configurations.put({
      organizationId: ORG,
      logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:workmail-monitoring:*',
      roleArn: 'arn:aws:iam::111122223333:role/workmail-monitoring-role',
      updatedAt: 0,
    });

    await t.log.write(ORG, 'trace-1', [EVENT]);

    expect(t.writer.writes).toEqual([
      {
        destination: {
          kind: 'CloudWatchLogs',
          logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:workmail-monitoring:*',
          roleArn: 'arn:aws:iam::111122223333:role/workmail-monitoring-role',
          externalId: ORG,
        },
        records: [{ traceId: 'trace-1', event: EVENT }],
      },
    ]);
  });

  it('writes nothing for an organization without a configuration, and reads it once a minute only', async () => {
    const t = setup();

    for (let i = 0; i < 5; i++) await t.log.write(ORG, 'trace', [EVENT]);
    t.advance(60_000);
    await t.log.write(ORG, 'trace', [EVENT]);

    expect(t.writer.writes).toEqual([]);
    expect(t.configurations.reads).toBe(2);
  });

  it('stops logging within a minute of the configuration being deleted', async () => {
    const t = setup();
    t.configurations.enable(ORG);
    await t.log.write(ORG, 'trace', [EVENT]);
    await t.configurations.delete(ORG);

    t.advance(59_999);
    await t.log.write(ORG, 'trace', [EVENT]);
    t.advance(1);
    await t.log.write(ORG, 'trace', [EVENT]);

    expect(t.writer.records()).toHaveLength(2);
  });

  it('never throws when writing fails, and reports it without addresses', async () => {
    const t = setup();
    t.configurations.enable(ORG);
    t.writer.failWith = Object.assign(new Error('denied for archive@example.com'), { name: 'AccessDenied' });

    await expect(t.log.write(ORG, 'trace', [EVENT])).resolves.toBeUndefined();

    expect(t.logger.entries).toEqual([
      {
        level: 'warn',
        message: 'Email event log records could not be written',
        attributes: { organizationId: ORG, events: ['JOURNALING_INITIATED'], error: 'AccessDenied' },
      },
    ]);
  });

  it('never throws when the configuration cannot be read, and asks again next time', async () => {
    const t = setup();
    const get = t.configurations.get.bind(t.configurations);
    t.configurations.get = async () => {
      throw new Error('throttled');
    };
    await t.log.write(ORG, 'trace', [EVENT]);
    t.configurations.get = get;
    t.configurations.enable(ORG);

    await t.log.write(ORG, 'trace', [EVENT]);

    expect(t.writer.records()).toHaveLength(1);
  });

  it('writes the events of several organizations of one trace each to its own log', async () => {
    const t = setup();
    const other = 'm-fedcba9876543210fedcba9876543210';
    t.configurations.enable(ORG, 'one');
    t.configurations.enable(other, 'two');

    await t.log.writeAll('trace', [
      { organizationId: ORG, event: EVENT },
      { organizationId: other, event: EVENT },
    ]);

    expect(t.writer.writes.map((write) => write.destination)).toEqual([
      expect.objectContaining({ logGroupArn: expect.stringContaining('/one:*') }),
      expect.objectContaining({ logGroupArn: expect.stringContaining('/two:*') }),
    ]);
  });
});

describe('emailTraceId', () => {
  it('is the same for the same message and differs between an inbound message, a submission and its copy', () => {
    expect(emailTraceId('inbound', 'abc')).toBe(emailTraceId('inbound', 'abc'));
    expect(emailTraceId('inbound', 'abc')).toMatch(/^[0-9a-f]{32}$/);
    expect(
      new Set([
        emailTraceId('inbound', 'abc'),
        emailTraceId('submission', 'abc'),
        emailTraceId('internal', 'abc'),
      ]).size,
    ).toBe(3);
  });
});

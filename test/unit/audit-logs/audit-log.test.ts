import { AUDIT_DELIVERY_CACHE_MS, AuditLog } from '../../../lambdas/core/audit-logs/audit-log';
import type { AuditLogDelivery } from '../../../lambdas/core/audit-logs/types';
import type { LogDestination, LogRecord, LogRecordWriter } from '../../../lambdas/core/log-delivery';
import { MemoryMetrics } from '../../support/memory-metrics';

const ORG = `m-${'a'.repeat(32)}`;
const OTHER = `m-${'b'.repeat(32)}`;
const LOG_GROUP: LogDestination = {
  kind: 'CloudWatchLogs',
  logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:audit:*',
};

/** A writer that keeps what it is given, or fails every write. */
class MemoryWriter implements LogRecordWriter {
  readonly writes: { destination: LogDestination; records: readonly LogRecord[] }[] = [];
  failing = false;

  async write(destination: LogDestination, records: readonly LogRecord[]): Promise<void> {
    if (this.failing)
      throw Object.assign(new Error('secret-looking detail'), { name: 'ThrottlingException' });
    this.writes.push({ destination, records });
  }
}

function world(deliveries: AuditLogDelivery[] = []) {
  const clock = { now: 1_900_000_000_000 };
  const writer = new MemoryWriter();
  const metrics = new MemoryMetrics();
  const errors: Record<string, unknown>[] = [];
  const lookups: string[] = [];
  const audit = new AuditLog({
    deliveries: {
      list: async (organizationId) => {
        lookups.push(organizationId);
        return deliveries.filter((delivery) => delivery.organizationId === organizationId);
      },
    },
    writer,
    organizationArn: (id) => `arn:aws:workmail:us-east-1:111122223333:organization/${id}`,
    metrics,
    logger: { error: (_, fields) => errors.push(fields) },
    now: () => clock.now,
  });
  return { clock, writer, metrics, errors, lookups, audit, deliveries };
}

const attempt = (successful: boolean) => ({
  organizationId: ORG,
  userId: 'u-1',
  user: 'ana@example.com',
  protocol: 'IMAP' as const,
  sourceIp: '192.0.2.1',
  successful,
  ...(successful ? {} : { failedReason: 'INVALID_CREDENTIALS' }),
});

describe('AuditLog', () => {
  it('writes a record to the destination its log type is configured with', async () => {
    const { audit, writer } = world([
      { organizationId: ORG, logType: 'AUTHENTICATION_LOGS', destination: LOG_GROUP, updatedAt: 0 },
    ]);

    await audit.authentication({ ...attempt(true), requestId: 'req-1' });

    expect(writer.writes).toEqual([
      {
        destination: LOG_GROUP,
        records: [
          expect.objectContaining({
            event_timestamp: 1_900_000_000_000,
            request_id: 'req-1',
            organization_arn: `arn:aws:workmail:us-east-1:111122223333:organization/${ORG}`,
            auth_successful: true,
          }),
        ],
      },
    ]);
  });

  it('writes nothing for a log type that is off, nor for another organization', async () => {
    const { audit, writer } = world([
      { organizationId: OTHER, logType: 'AUTHENTICATION_LOGS', destination: LOG_GROUP, updatedAt: 0 },
      { organizationId: ORG, logType: 'ACCESS_CONTROL_LOGS', destination: LOG_GROUP, updatedAt: 0 },
    ]);

    await audit.authentication(attempt(true));

    expect(writer.writes).toEqual([]);
  });

  it("reads an organization's deliveries once a minute at most", async () => {
    const { audit, lookups, clock, writer, deliveries } = world();

    await audit.authentication(attempt(true));
    deliveries.push({
      organizationId: ORG,
      logType: 'AUTHENTICATION_LOGS',
      destination: LOG_GROUP,
      updatedAt: 0,
    });
    await audit.authentication(attempt(true));
    clock.now += AUDIT_DELIVERY_CACHE_MS;
    await audit.authentication(attempt(true));

    expect(lookups).toEqual([ORG, ORG]);
    expect(writer.writes).toHaveLength(1);
  });

  it('writes the mailbox accesses of one request in one batch', async () => {
    const { audit, writer } = world([
      { organizationId: ORG, logType: 'WORKMAIL_MAILBOX_ACCESS_LOGS', destination: LOG_GROUP, updatedAt: 0 },
    ]);
    const access = {
      organizationId: ORG,
      userId: 'u-1',
      protocol: 'JMAP' as const,
      sourceIp: '192.0.2.1',
      action: 'read' as const,
      ownerId: 'u-1',
      objectType: 'Message' as const,
      requestId: 'req-2',
    };

    await audit.mailboxAccess([
      { ...access, itemId: 'm-1', allowed: true },
      { ...access, itemId: 'm-2', allowed: false },
    ]);
    await audit.mailboxAccess([]);

    expect(writer.writes).toHaveLength(1);
    expect(writer.writes[0].records.map((record) => [record.item_id, record.request_id])).toEqual([
      ['m-1', 'req-2'],
      ['m-2', 'req-2'],
    ]);
  });

  it('records one data point per event: 1 for a failure or denial, 0 otherwise, delivered or not', async () => {
    const { audit, metrics } = world();

    await audit.authentication(attempt(false));
    await audit.authentication(attempt(true));
    await audit.accessControl({
      organizationId: ORG,
      userId: 'u-1',
      protocol: 'IMAP',
      sourceIp: '192.0.2.1',
      scope: 'AccessControl',
      accessGranted: false,
    });
    await audit.availabilityProvider({
      organizationId: ORG,
      userId: 'u-1',
      domain: 'external.example',
      provider: { type: 'EWS', ewsEndpoint: 'https://ews.external.example/EWS/Exchange.asmx' },
      errorMessage: 'EWS answered HTTP 500',
    });
    await audit.mailboxAccess([
      {
        organizationId: ORG,
        userId: 'u-1',
        protocol: 'IMAP',
        sourceIp: '192.0.2.1',
        action: 'update',
        ownerId: 'u-1',
        objectType: 'Message',
        allowed: true,
      },
    ]);

    expect(metrics.points).toEqual([
      { organizationId: ORG, name: 'AuthenticationFailure', value: 1 },
      { organizationId: ORG, name: 'AuthenticationFailure', value: 0 },
      { organizationId: ORG, name: 'AccessDenied', value: 1 },
      { organizationId: ORG, name: 'AvailabilityProviderFailure', value: 1 },
      { organizationId: ORG, name: 'ActionDenied', value: 0 },
    ]);
  });

  it('never fails the request: a failed write is logged by log type and error name only', async () => {
    const { audit, writer, errors } = world([
      { organizationId: ORG, logType: 'AUTHENTICATION_LOGS', destination: LOG_GROUP, updatedAt: 0 },
    ]);
    writer.failing = true;

    await expect(audit.authentication(attempt(false))).resolves.toBeUndefined();

    expect(errors).toEqual([{ logType: 'AUTHENTICATION_LOGS', error: 'ThrottlingException' }]);
  });
});

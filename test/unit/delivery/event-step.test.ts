import { processInboundRecord, type RecipientDecider } from '../../../lambdas/core/delivery';
import { EmailEventLog, emailTraceId } from '../../../lambdas/core/email-events';
import { MemoryMetrics } from '../../support/memory-metrics';
import { MemoryEmailMonitoringStore, MemoryLogWriter } from '../../support/memory-log-writer';
import { inboundDeps, inboundRecord } from './inbound-setup';
import { simpleMessage } from './doubles';

const ORG = 'm-org';

/** Inbound deps with the email event log and metrics on, and `count` more users u0…u(count-1). */
function setup(count = 0, decider?: RecipientDecider) {
  const deps = inboundDeps(decider ? { decider } : {});
  for (let i = 0; i < count; i++)
    deps.directory.add({ kind: 'USER', entityId: `u${i}`, state: 'ENABLED', email: `u${i}@example.com` });
  const configurations = new MemoryEmailMonitoringStore();
  configurations.enable(ORG);
  const writer = new MemoryLogWriter();
  const metrics = new MemoryMetrics();
  const events = new EmailEventLog({ configurations, writer, logger: deps.logger });
  return { deps: { ...deps, events, metrics }, writer, metrics, configurations };
}

const names = (writer: MemoryLogWriter) =>
  writer.records().map((record) => (record.event as { eventName: string }).eventName);

describe('Inbound delivery: email events and mail metrics', () => {
  it('counts one message to 10 internal recipients with 2 full mailboxes as 1 received, 8 delivered, 2 bounced', async () => {
    const t = setup(10);
    t.deps.delivery.overQuota.add('u3');
    t.deps.delivery.overQuota.add('u7');
    const recipients = Array.from({ length: 10 }, (_, i) => `u${i}@example.com`);

    await processInboundRecord(inboundRecord({ recipients }), t.deps);

    expect(t.metrics.sum('OrganizationEmailReceived', ORG)).toBe(1);
    expect(t.metrics.sum('MailboxEmailDelivered', ORG)).toBe(8);
    expect(t.metrics.sum('IncomingEmailBounced', ORG)).toBe(2);
    expect(names(t.writer).filter((name) => name === 'ORGANIZATION_EMAIL_RECEIVED')).toHaveLength(1);
    expect(names(t.writer).filter((name) => name === 'MAILBOX_EMAIL_DELIVERED')).toHaveLength(8);
    expect(
      t.writer
        .records()
        .filter((r) => (r.event as { eventName: string }).eventName === 'INCOMING_EMAIL_BOUNCED'),
    ).toEqual([
      {
        traceId: emailTraceId('inbound', 'm1'),
        event: {
          eventName: 'INCOMING_EMAIL_BOUNCED',
          bouncedRecipient: {
            emailAddress: 'u3@example.com',
            reason: 'smtp; 552 5.2.2 Mailbox full',
            status: '5.2.2',
          },
        },
      },
      expect.objectContaining({
        event: expect.objectContaining({
          bouncedRecipient: expect.objectContaining({ emailAddress: 'u7@example.com' }),
        }),
      }),
    ]);
  });

  it('logs the receipt first, then each delivery, all under the SES message id’s trace', async () => {
    const t = setup();

    await processInboundRecord(inboundRecord(), t.deps);

    const trace = emailTraceId('inbound', 'm1');
    expect(t.writer.records()).toEqual([
      {
        traceId: trace,
        event: {
          eventName: 'ORGANIZATION_EMAIL_RECEIVED',
          recipients: ['alice@example.com', 'bob@example.com'],
          from: 'sender@remote.example',
          subject: 'Hello',
          messageId: '<m1@remote.example>',
          spamVerdict: 'PASS',
          dkimVerdict: 'PASS',
          dmarcVerdict: 'PASS',
          spfVerdict: 'PASS',
          messageTimestamp: '2026-11-22T10:00:00.000Z',
        },
      },
      {
        traceId: trace,
        event: { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: 'alice@example.com', folder: 'INBOX' },
      },
      {
        traceId: trace,
        event: { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: 'bob@example.com', folder: 'INBOX' },
      },
    ]);
  });

  it('logs the decision’s events right after the receipt', async () => {
    const decider: RecipientDecider = {
      decide: async (input) => ({
        decisions: input.recipients.map(() => ({ action: 'DELIVER', folder: 'JUNK_EMAIL' }) as const),
        events: [
          {
            organizationId: ORG,
            event: {
              eventName: 'DMARC_POLICY_APPLIED',
              from: 'sender@remote.example',
              recipients: ['alice@example.com'],
              policy: 'QUARANTINE',
            },
          },
        ],
      }),
    };
    const t = setup(0, decider);

    await processInboundRecord(inboundRecord({ recipients: ['alice@example.com'], dmarc: 'FAIL' }), t.deps);

    expect(names(t.writer)).toEqual([
      'ORGANIZATION_EMAIL_RECEIVED',
      'DMARC_POLICY_APPLIED',
      'MAILBOX_EMAIL_DELIVERED',
    ]);
    expect(t.writer.records()[0]?.event).toMatchObject({ dmarcVerdict: 'FAIL', dmarcPolicy: 'NONE' });
    expect(t.writer.records()[2]?.event).toMatchObject({ folder: 'JUNK_EMAIL' });
  });

  it('never logs or counts a mailbox twice when a retry settles what an attempt left pending', async () => {
    const t = setup();
    t.deps.delivery.failOnceFor.add('bob');

    await expect(processInboundRecord(inboundRecord(), t.deps)).rejects.toThrow();
    t.deps.rawSource.objects.set('m1', simpleMessage());
    await processInboundRecord(inboundRecord(), t.deps);

    expect(names(t.writer)).toEqual([
      'ORGANIZATION_EMAIL_RECEIVED',
      'MAILBOX_EMAIL_DELIVERED',
      'MAILBOX_EMAIL_DELIVERED',
    ]);
    expect(t.metrics.sum('OrganizationEmailReceived')).toBe(1);
    expect(t.metrics.sum('MailboxEmailDelivered')).toBe(2);
  });

  it('logs nothing again when SES replays a message that was delivered', async () => {
    const t = setup();
    await processInboundRecord(inboundRecord(), t.deps);
    const written = t.writer.records().length;

    t.deps.rawSource.objects.set('m1', simpleMessage());
    await processInboundRecord(inboundRecord(), t.deps);
    await processInboundRecord(inboundRecord({ recipients: ['alice@example.com'] }), t.deps);

    expect(t.writer.records()).toHaveLength(written);
    expect(t.metrics.sum('OrganizationEmailReceived')).toBe(1);
  });

  it('logs the receipt of a message dropped for every recipient, and no delivery', async () => {
    const decider: RecipientDecider = {
      decide: async (input) =>
        input.recipients.map(() => ({ action: 'DROP', reason: 'DMARC policy reject' }) as const),
    };
    const t = setup(0, decider);

    await processInboundRecord(inboundRecord(), t.deps);

    expect(names(t.writer)).toEqual(['ORGANIZATION_EMAIL_RECEIVED']);
    expect(t.metrics.sum('OrganizationEmailReceived')).toBe(1);
    expect(t.metrics.sum('MailboxEmailDelivered')).toBe(0);
  });

  it('writes no event for an organization that has no configuration, but still counts', async () => {
    const t = setup();
    await t.configurations.delete(ORG);

    await processInboundRecord(inboundRecord(), t.deps);

    expect(t.writer.writes).toEqual([]);
    expect(t.metrics.sum('MailboxEmailDelivered')).toBe(2);
  });
});

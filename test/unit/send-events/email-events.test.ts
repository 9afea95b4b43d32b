import { EmailEventLog, emailTraceId } from '../../../lambdas/core/email-events';
import { processSendEvent, type SendEventDeps } from '../../../lambdas/core/send-events';
import { MemoryLogger } from '../delivery/doubles';
import { MemoryMetrics } from '../../support/memory-metrics';
import { MemoryEmailMonitoringStore, MemoryLogWriter } from '../../support/memory-log-writer';
import { BOUNCE, COMPLAINT, DELIVERY, tagged } from './ses-events';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const ANA = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';

function setup() {
  const configurations = new MemoryEmailMonitoringStore();
  configurations.enable(ORG);
  const writer = new MemoryLogWriter();
  const metrics = new MemoryMetrics();
  const logger = new MemoryLogger();
  const deps: SendEventDeps = {
    entities: {
      getEntity: async (organizationId, entityId) => ({
        organizationId,
        entityId,
        kind: 'USER',
        name: 'ana',
        state: 'ENABLED',
        email: 'ana@example.com',
        aliases: [],
        hiddenFromGlobalAddressList: false,
        createdAt: 0,
      }),
    },
    mailboxes: { deliver: async () => ({ stored: true }) },
    quotas: { defaultMailboxQuotaMegabytes: 50 },
    reportingMta: 'mail.example.com',
    logger,
    events: new EmailEventLog({ configurations, writer, logger }),
    metrics,
  };
  return { deps, writer, metrics };
}

const origin = { organizationId: ORG, mailboxId: ANA };
const withSubmission = (copy: { mail: { tags: Record<string, string[]> } }) => {
  copy.mail.tags['mailwright-submission'] = ['sub1'];
};

describe('Send events: email events and mail metrics', () => {
  it('logs OUTGOING_EMAIL_SENT per delivered recipient under the submission’s trace, and counts it', async () => {
    const t = setup();

    const outcome = await processSendEvent(t.deps, tagged(DELIVERY, origin, withSubmission));

    expect(outcome).toEqual({ outcome: 'delivered' });
    expect(t.writer.records()).toEqual([
      {
        traceId: emailTraceId('submission', 'sub1'),
        event: {
          eventName: 'OUTGOING_EMAIL_SENT',
          recipient: 'recipient@example.com',
          from: 'sender@example.com',
          messageId: '',
        },
      },
    ]);
    expect(t.metrics.sum('OutgoingEmailSent', ORG)).toBe(1);
  });

  it('logs OUTGOING_EMAIL_BOUNCED per bounced recipient with destination and reason, and counts it', async () => {
    const t = setup();

    await processSendEvent(t.deps, tagged(BOUNCE, origin, withSubmission));

    expect(t.writer.records()).toEqual([
      {
        traceId: emailTraceId('submission', 'sub1'),
        event: {
          eventName: 'OUTGOING_EMAIL_BOUNCED',
          bouncedRecipient: {
            emailAddress: 'recipient@example.com',
            reason: 'smtp; 550 5.1.1 user unknown',
            status: '5.1.1',
          },
          destination: 'recipient@example.com',
          reason: 'smtp; 550 5.1.1 user unknown',
        },
      },
    ]);
    expect(t.metrics.sum('OutgoingEmailBounced', ORG)).toBe(1);
  });

  it('logs and counts nothing for a complaint, or for an event whose tags name no mailbox of the organization', async () => {
    const t = setup();
    const stranger: SendEventDeps = { ...t.deps, entities: { getEntity: async () => undefined } };

    await processSendEvent(t.deps, tagged(COMPLAINT, origin));
    await processSendEvent(stranger, tagged(DELIVERY, origin));

    expect(t.writer.records()).toEqual([]);
    expect(t.metrics.points).toEqual([]);
  });
});

import { EmailEventLog, emailTraceId } from '../../../lambdas/core/email-events';
import { submit } from '../../../lambdas/core/sending';
import { MemoryMetrics } from '../../support/memory-metrics';
import { MemoryEmailMonitoringStore, MemoryLogWriter } from '../../support/memory-log-writer';
import { ANA, ORG, message, sendingSetup } from './harness';

function setup() {
  const t = sendingSetup();
  const configurations = new MemoryEmailMonitoringStore();
  configurations.enable(ORG);
  const writer = new MemoryLogWriter();
  const metrics = new MemoryMetrics();
  const events = new EmailEventLog({ configurations, writer, logger: t.logger });
  const deps = { ...t.deps, events, metrics };
  const send = (raw: Buffer, mailboxId = 'ana') =>
    submit(deps, { user: ANA, mailboxId, raw, submissionId: 'sub1' });
  return { ...t, writer, metrics, send };
}

const byTrace = (writer: MemoryLogWriter, source: 'submission' | 'internal') =>
  writer
    .records()
    .filter((record) => record.traceId === emailTraceId(source, 'sub1'))
    .map((record) => record.event as Record<string, unknown>);

describe('Sending: email events and mail metrics', () => {
  it('logs the submission with every recipient as entered before the message leaves', async () => {
    const t = setup();
    let loggedBeforeSending = 0;
    const sendRaw = t.deps.mailSender.sendRaw;
    t.deps.mailSender.sendRaw = async (outbound) => {
      loggedBeforeSending = t.writer.records().length;
      return sendRaw(outbound);
    };

    await t.send(
      message(
        'From: Ana <ana@example.com>',
        'To: olga@outside.example',
        'Bcc: ben@example.com',
        'Subject: Plans',
      ),
    );

    expect(byTrace(t.writer, 'submission')[0]).toEqual({
      eventName: 'OUTGOING_EMAIL_SUBMITTED',
      recipients: ['olga@outside.example', 'ben@example.com'],
      from: 'ana@example.com',
      subject: 'Plans',
    });
    expect(loggedBeforeSending).toBe(1);
  });

  it('logs the copy a colleague received under its own trace with the same Message-ID, and counts it', async () => {
    const t = setup();

    await t.send(message('From: ana@example.com', 'To: ben@example.com', 'Message-ID: <x1@example.com>'));

    expect(byTrace(t.writer, 'internal')).toEqual([
      expect.objectContaining({
        eventName: 'ORGANIZATION_EMAIL_RECEIVED',
        recipients: ['ben@example.com'],
        messageId: '<x1@example.com>',
        spamVerdict: 'PASS',
      }),
      { eventName: 'MAILBOX_EMAIL_DELIVERED', recipient: 'ben@example.com', folder: 'INBOX' },
    ]);
    expect(byTrace(t.writer, 'submission').map((event) => event.eventName)).toEqual([
      'OUTGOING_EMAIL_SUBMITTED',
      'OUTGOING_EMAIL_SENT',
    ]);
    expect(t.metrics.sum('OrganizationEmailReceived', ORG)).toBe(1);
    expect(t.metrics.sum('MailboxEmailDelivered', ORG)).toBe(1);
    expect(t.metrics.sum('OutgoingEmailSent', ORG)).toBe(0);
  });

  it('logs a full colleague’s mailbox as a bounce on both traces, and counts it', async () => {
    const t = setup();
    t.full.add('ben');

    await t.send(message('From: ana@example.com', 'To: ben@example.com'));

    const bounced = {
      emailAddress: 'ben@example.com',
      reason: 'smtp; 552 5.2.2 Mailbox full',
      status: '5.2.2',
    };
    expect(byTrace(t.writer, 'internal')).toContainEqual({
      eventName: 'INCOMING_EMAIL_BOUNCED',
      bouncedRecipient: bounced,
    });
    expect(byTrace(t.writer, 'submission')).toContainEqual(
      expect.objectContaining({ eventName: 'OUTGOING_EMAIL_BOUNCED', bouncedRecipient: bounced }),
    );
    expect(t.metrics.sum('IncomingEmailBounced', ORG)).toBe(1);
  });

  it('names the real sender only when sending on behalf of a mailbox', async () => {
    const t = setup();
    t.add('sales@example.com', { entityId: 'sales', kind: 'GROUP' });
    t.grants.set('ana/sales', 'SEND_ON_BEHALF');

    await t.send(message('From: sales@example.com', 'To: olga@outside.example'), 'ana');

    expect(byTrace(t.writer, 'submission')[0]).toMatchObject({
      from: 'sales@example.com',
      sender: 'ana@example.com',
    });
  });

  it('logs the outbound rules a message met on the submission’s trace', async () => {
    const t = setup();
    await t.rule({ name: 'no-outside', action: 'DROP', destinationPatterns: ['outside.example'] });

    await t.send(message('From: ana@example.com', 'To: olga@outside.example'));

    expect(byTrace(t.writer, 'submission')).toContainEqual({
      eventName: 'RULE_APPLIED',
      ruleName: 'no-outside',
      ruleType: 'OUTBOUND_RULE',
      ruleActions: [{ action: 'DROP', recipients: ['olga@outside.example'] }],
    });
  });
});

import { submit } from '../../../lambdas/core/sending';
import { ANA, ARN, message, sendingSetup } from './harness';

describe('Sending: outbound email flow rules', () => {
  let t: ReturnType<typeof sendingSetup>;
  const send = (raw: Buffer) => submit(t.deps, { user: ANA, mailboxId: 'ana', raw, submissionId: 'sub1' });
  const raw = message('From: ana@example.com', 'To: olga@outside.example, ben@example.com', 'Subject: Offer');

  beforeEach(() => {
    t = sendingSetup();
  });

  it('sends normally when no rule matches (DEFAULT)', async () => {
    await t.rule({ name: 'other', action: 'DROP', senderPatterns: ['someone@example.com'] });

    const outcome = await send(raw);

    expect(outcome).toMatchObject({
      ok: true,
      value: { recipients: [{ status: 'sent' }, { status: 'delivered' }] },
    });
  });

  it('drops the recipients a DROP rule matches, silently', async () => {
    await t.rule({ name: 'no-outside', action: 'DROP', destinationPatterns: ['outside.example'] });

    const outcome = await send(raw);

    expect(outcome).toMatchObject({
      ok: true,
      value: {
        recipients: [
          { recipient: 'olga@outside.example', status: 'dropped', reason: 'flow rule no-outside' },
          { recipient: 'ben@example.com', status: 'delivered' },
        ],
      },
    });
    expect(t.sent).toEqual([]);
    expect(t.copyIn('ana')).toBeUndefined();
    expect(t.logger.events('RULE_APPLIED')).toEqual([
      expect.objectContaining({
        ruleName: 'no-outside',
        ruleType: 'OUTBOUND_RULE',
        ruleActions: [{ action: 'DROP', recipients: ['olga@outside.example'] }],
      }),
    ]);
  });

  it('bounces the recipients a BOUNCE rule matches with a report in the sender’s Inbox', async () => {
    await t.rule({ name: 'block', action: 'BOUNCE', destinationPatterns: ['outside.example'] });

    const outcome = await send(raw);

    expect(outcome).toMatchObject({
      ok: true,
      value: { recipients: [{ status: 'bounced' }, { status: 'delivered' }] },
    });
    expect(t.sent).toEqual([]);
    expect(t.copyIn('ana')).toContain("Diagnostic-Code: smtp; 550 5.7.1 The organization's policy rejected");
  });

  it('bounces what a Route to SMTP gateway rule matches, since no gateway can be configured', async () => {
    await t.rule({
      name: 'relay',
      action: 'ROUTE_TO_SMTP_GATEWAY',
      smtpGatewayName: 'gw',
      destinationPatterns: ['*'],
    });

    const outcome = await send(raw);

    expect(outcome).toMatchObject({
      ok: true,
      value: { recipients: [{ status: 'bounced' }, { status: 'bounced' }] },
    });
    expect(t.copyIn('ana')).toContain('The SMTP gateway of this rule is not available.');
  });

  it('runs a synchronous Lambda rule with the OUTBOUND event and applies its per-recipient answer', async () => {
    await t.rule({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
      ruleTimeoutMinutes: 0,
    });
    t.responses.push({
      actions: [
        {
          action: { type: 'BOUNCE', parameters: { bounceMessage: 'No offers outside.' } },
          recipients: ['olga@outside.example'],
        },
        { action: { type: 'DEFAULT' }, allRecipients: true },
      ],
    });

    const outcome = await send(raw);

    expect(t.invocations[0]).toMatchObject({
      synchronous: true,
      event: {
        flowDirection: 'OUTBOUND',
        envelope: {
          mailFrom: { address: 'ana@example.com' },
          recipients: [{ address: 'olga@outside.example' }, { address: 'ben@example.com' }],
        },
        subject: 'Offer',
      },
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { recipients: [{ status: 'bounced' }, { status: 'delivered' }] },
    });
    expect(t.copyIn('ana')).toContain('No offers outside.');
    const flowId = t.invocations[0].event.messageId;
    expect(await t.inFlight.get(flowId)).toMatchObject({ direction: 'OUTBOUND', state: 'DELIVERED' });
  });

  it('sends the content a synchronous function put with PutRawMessageContent, to colleagues too', async () => {
    await t.rule({
      name: 'disclaimer',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
      ruleTimeoutMinutes: 0,
    });
    t.responses.push(async (event: { messageId: string }) => {
      const location = await t.objects.putReplacement(
        'm-org',
        event.messageId,
        Buffer.from('From: ana@example.com\r\nBcc: x@y.example\r\n\r\nWith disclaimer.\r\n'),
      );
      await t.inFlight.putContent(event.messageId, location);
      return { actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] };
    });

    await send(raw);

    expect(t.sent[0].raw.toString()).toBe('From: ana@example.com\r\n\r\nWith disclaimer.\r\n');
    expect(t.copyIn('ben')).toBe('From: ana@example.com\r\n\r\nWith disclaimer.\r\n');
  });

  it('runs an asynchronous Lambda rule after sending without changing delivery', async () => {
    await t.rule({ name: 'archive', action: 'RUN_LAMBDA', lambdaArn: ARN, synchronous: false });

    const outcome = await send(raw);

    expect(outcome).toMatchObject({
      ok: true,
      value: { recipients: [{ status: 'sent' }, { status: 'delivered' }] },
    });
    expect(t.invocations).toMatchObject([{ synchronous: false, event: { flowDirection: 'OUTBOUND' } }]);
  });

  it('names the delegate as the event’s sender when the message is sent on behalf of someone', async () => {
    t.add('sales@example.com', { entityId: 'sales', kind: 'GROUP' });
    t.grants.set('ana/sales', 'SEND_ON_BEHALF');
    await t.rule({ name: 'archive', action: 'RUN_LAMBDA', lambdaArn: ARN, synchronous: false });

    await send(message('From: sales@example.com', 'To: olga@outside.example'));

    expect(t.invocations[0].event).toMatchObject({
      envelope: { mailFrom: { address: 'sales@example.com' } },
      sender: { address: 'ana@example.com' },
    });
  });

  it('does not send to recipients a synchronous function adds', async () => {
    await t.rule({
      name: 'add',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'DEFAULT',
    });
    t.responses.push({
      actions: [
        { action: { type: 'DEFAULT' }, recipients: ['extra@outside.example'] },
        { action: { type: 'DEFAULT' }, allRecipients: true },
      ],
    });

    const outcome = await send(raw);

    expect(outcome.ok && outcome.value.recipients.map((result) => result.recipient)).toEqual([
      'olga@outside.example',
      'ben@example.com',
    ]);
    expect(t.sent.flatMap((outbound) => outbound.recipients)).toEqual(['olga@outside.example']);
  });

  it('still reports the message sent when closing its Message Flow record fails, and logs it', async () => {
    await t.rule({ name: 'archive', action: 'RUN_LAMBDA', lambdaArn: ARN, synchronous: false });
    const update = t.inFlight.update.bind(t.inFlight);
    t.inFlight.update = async (id, change) => {
      if (change.state === 'DELIVERED') throw new Error('DynamoDB unavailable');
      return update(id, change);
    };

    const outcome = await send(raw);

    expect(outcome.ok).toBe(true);
    expect(t.logger.lines.map((line) => line.message)).toContain(
      'Outbound Run Lambda rules could not be finished',
    );
  });
});

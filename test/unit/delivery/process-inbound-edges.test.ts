import {
  DeliveryIncompleteError,
  processInboundEvent,
  processInboundRecord,
  spamVerdictDecider,
  type DecisionInput,
  type RawMessageRef,
  type RecipientDecider,
} from '../../../lambdas/core/delivery';
import { LogRedactor } from '../../../lambdas/core/logging';
import { failRawDeletes, inboundDeps, inboundRecord } from './inbound-setup';

/** A decider that delivers as the default does and keeps what it was asked. */
function recordingDecider(): RecipientDecider & { inputs: DecisionInput[] } {
  const inputs: DecisionInput[] = [];
  return {
    inputs,
    decide: async (input, control) => (inputs.push(input), spamVerdictDecider.decide(input, control)),
  };
}

describe('processInboundEvent', () => {
  it('processes every record of the event and returns one result each, in order', async () => {
    const deps = inboundDeps();
    deps.rawSource.objects.set('m2', deps.rawSource.objects.get('m1')!);
    const first = inboundRecord({ recipients: ['alice@example.com'] });
    const second = { ...first, ses: { ...first.ses, mail: { ...first.ses.mail, messageId: 'm2' } } };

    const results = await processInboundEvent({ Records: [first, second] }, deps);

    expect(results.map((r) => [r.messageId, r.recipients.map((o) => o.outcome)])).toEqual([
      ['m1', ['delivered']],
      ['m2', ['delivered']],
    ]);
  });
});

describe('processInboundRecord: the envelope', () => {
  it('treats the envelope sender <> as the null sender: no DSN for its bounces', async () => {
    const decider = recordingDecider();
    const deps = inboundDeps({ decider });

    const result = await processInboundRecord(
      inboundRecord({ source: '<>', recipients: ['alice@example.com', 'nobody@example.com'] }),
      deps,
    );

    expect(decider.inputs[0]?.envelopeFrom).toBe('');
    expect(result.dsnSent).toBe(false);
    expect(deps.mailSender.sent).toEqual([]);
  });

  it('trims whitespace around the envelope sender before deciding and before addressing the DSN', async () => {
    const decider = recordingDecider();
    const deps = inboundDeps({ decider });

    await processInboundRecord(
      inboundRecord({
        source: '  sender@remote.example ',
        recipients: ['alice@example.com', 'nobody@example.com'],
      }),
      deps,
    );

    expect(decider.inputs[0]?.envelopeFrom).toBe('sender@remote.example');
    expect(deps.mailSender.sent.map((m) => m.recipients)).toEqual([['sender@remote.example']]);
  });

  it('stamps a message whose receipt carries no timestamps with the time it is processed', async () => {
    const deps = inboundDeps();
    const dated = inboundRecord({ recipients: ['alice@example.com'] });
    const { timestamp: _mailTime, ...mail } = dated.ses.mail;
    const { timestamp: _receiptTime, ...receipt } = dated.ses.receipt;

    await processInboundRecord({ ses: { mail, receipt } }, deps);

    expect(deps.delivery.calls.map((c) => c.receivedAt)).toEqual([Date.parse('2026-11-22T10:00:01.000Z')]);
  });

  it.each([
    ['an S3 action', { type: 'S3', bucketName: 'inbound-mail', objectKey: 'in/m1' }, 'inbound-mail', 'in/m1'],
    [
      'a Lambda action, ignoring bucket fields',
      { type: 'Lambda', bucketName: 'x', objectKey: 'y' },
      undefined,
      undefined,
    ],
    ['no action', null, undefined, undefined],
  ])('locates the raw message with %s', async (_name, action, bucketName, objectKey) => {
    const deps = inboundDeps();
    const opened: RawMessageRef[] = [];
    const deleted: RawMessageRef[] = [];
    const open = deps.rawSource.open.bind(deps.rawSource);
    const remove = deps.rawSource.delete.bind(deps.rawSource);
    deps.rawSource.open = async (ref) => (opened.push(ref), open(ref));
    deps.rawSource.delete = async (ref) => (deleted.push(ref), remove(ref));

    await processInboundRecord(inboundRecord({ action }), deps);

    expect(opened).toEqual([{ messageId: 'm1', bucketName, objectKey }]);
    expect(deleted).toEqual([{ messageId: 'm1', bucketName, objectKey }]);
  });
});

describe('processInboundRecord: the virus verdict', () => {
  it('drops every recipient for a virus, sends no DSN and logs the sender only as a pseudonym', async () => {
    const deps = inboundDeps();
    const redactor = new LogRedactor();
    redactor.useKey(Buffer.alloc(32, 7));
    const logged = { ...deps, logger: redactor.wrap(deps.logger) };

    const result = await processInboundRecord(inboundRecord({ virus: 'FAIL' }), logged);

    expect(result).toEqual({
      messageId: 'm1',
      recipients: [
        { recipient: 'alice@example.com', outcome: 'dropped', reason: 'virus' },
        { recipient: 'bob@example.com', outcome: 'dropped', reason: 'virus' },
      ],
      dsnSent: false,
      rawDeleted: true,
    });
    const line = deps.logger.entries.find((e) => e.message === 'virus verdict FAIL: message dropped');
    expect(line).toEqual({
      level: 'warn',
      message: 'virus verdict FAIL: message dropped',
      attributes: { messageId: 'm1', envelopeFrom: redactor.pseudonym('sender@remote.example') },
    });
    expect(JSON.stringify(deps.logger.entries)).not.toContain('@remote.example');
  });
});

describe('processInboundRecord: a message above the size limit', () => {
  const tooBig = 'smtp; 552 5.3.4 Message size exceeds the limit of 50 bytes';

  it('bounces with a diagnostic naming the limit and logs the sizes', async () => {
    const deps = inboundDeps({ maxMessageBytes: 50 });
    deps.rawSource.announcedSize = 1000;

    const result = await processInboundRecord(inboundRecord(), deps);

    expect(result.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'bounced', status: '5.3.4', reason: tooBig },
      { recipient: 'bob@example.com', outcome: 'bounced', status: '5.3.4', reason: tooBig },
    ]);
    expect(deps.mailSender.sent[0]?.raw.toString()).toContain(
      '552 5.3.4 Message size exceeds the limit of 50 bytes',
    );
    expect(deps.logger.entries).toContainEqual({
      level: 'warn',
      message: 'message larger than the MIME size limit',
      attributes: { messageId: 'm1', sizeBytes: 1000, maxBytes: 50 },
    });
  });

  it('reads the ledger for several recipients but not for one', async () => {
    const one = inboundDeps({ maxMessageBytes: 50 });
    const two = inboundDeps({ maxMessageBytes: 50 });

    await processInboundRecord(inboundRecord({ recipients: ['alice@example.com'] }), one);
    await processInboundRecord(inboundRecord(), two);

    expect(one.ledger.calls.get('read')).toBeUndefined();
    expect(two.ledger.calls.get('read')).toBe(1);
  });

  it('answers a replay of a completed message from the ledger, bouncing and reporting nothing again', async () => {
    const deps = inboundDeps({ maxMessageBytes: 50 });
    failRawDeletes(deps);
    await expect(processInboundRecord(inboundRecord(), deps)).rejects.toThrow('crash before deleting');

    const replay = await processInboundRecord(inboundRecord(), deps);

    expect(replay).toEqual({
      messageId: 'm1',
      recipients: [
        { recipient: 'alice@example.com', outcome: 'duplicate', previous: 'bounced' },
        { recipient: 'bob@example.com', outcome: 'duplicate', previous: 'bounced' },
      ],
      dsnSent: false,
      rawDeleted: true,
    });
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.ledger.calls.get('complete')).toBe(1);
  });

  it('on a retry bounces only the recipients not bounced yet, and reports them all in one DSN', async () => {
    const deps = inboundDeps({ maxMessageBytes: 50 });
    const record = deps.ledger.record.bind(deps.ledger);
    const unreachable = new Error('ledger unreachable');
    let failures = 1;
    deps.ledger.record = async (messageId, target, entry) => {
      if (target === 'ADDR#bob@example.com' && failures-- > 0) throw unreachable;
      return record(messageId, target, entry);
    };

    const failure = await processInboundRecord(inboundRecord(), deps).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeliveryIncompleteError);
    expect(failure).toMatchObject({
      name: 'DeliveryIncompleteError',
      message: 'message m1: some recipients are not settled yet',
      cause: unreachable,
      result: {
        messageId: 'm1',
        recipients: [
          { recipient: 'alice@example.com', outcome: 'bounced', status: '5.3.4', reason: tooBig },
          { recipient: 'bob@example.com', outcome: 'pending', reason: 'delivery failed' },
        ],
        dsnSent: false,
        rawDeleted: false,
      },
    });
    expect(deps.mailSender.sent).toEqual([]);

    const retry = await processInboundRecord(inboundRecord(), deps);

    expect(retry.recipients).toEqual([
      { recipient: 'bob@example.com', outcome: 'bounced', status: '5.3.4', reason: tooBig },
    ]);
    expect(retry.dsnSent).toBe(true);
    const dsn = deps.mailSender.sent.map((m) => m.raw.toString()).join('');
    expect(dsn).toContain('Final-Recipient: rfc822; alice@example.com');
    expect(dsn).toContain('Final-Recipient: rfc822; bob@example.com');
  });
});

describe('spamVerdictDecider', () => {
  it('delivers every recipient to the Inbox, or to Junk when the spam verdict is FAIL', async () => {
    const recipients = [
      { recipient: 'a@example.com', organizationId: 'm-org', mailboxId: 'a', quotaBytes: 1 },
      { recipient: 'b@example.com', organizationId: 'm-org', mailboxId: 'b', quotaBytes: 1 },
    ];
    const input = (spam: string) => ({ recipients, verdicts: { spam } }) as unknown as DecisionInput;
    const control = { exclusive: async () => undefined };

    expect(await spamVerdictDecider.decide(input('PASS'), control)).toEqual([
      { action: 'DELIVER', folder: 'INBOX' },
      { action: 'DELIVER', folder: 'INBOX' },
    ]);
    expect(await spamVerdictDecider.decide(input('FAIL'), control)).toEqual([
      { action: 'DELIVER', folder: 'JUNK_EMAIL' },
      { action: 'DELIVER', folder: 'JUNK_EMAIL' },
    ]);
  });
});

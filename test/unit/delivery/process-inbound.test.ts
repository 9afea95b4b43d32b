import PostalMime from 'postal-mime';
import {
  DeliveryIncompleteError,
  RawMessageMissingError,
  processInboundRecord,
  type RecipientDecider,
} from '../../../lambdas/core/delivery';
import { sesEvent, simpleMessage } from './doubles';
import { inboundDeps } from './inbound-setup';

const record = (options: Partial<Parameters<typeof sesEvent>[0]> = {}) =>
  sesEvent({ messageId: 'm1', recipients: ['alice@example.com', 'bob@example.com'], ...options }).Records[0]!;

describe('processInboundRecord', () => {
  it('delivers to each mailbox with the parsed summary, then deletes the raw message', async () => {
    const deps = inboundDeps();

    const result = await processInboundRecord(record(), deps);

    expect(result.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'delivered', mailboxId: 'alice', folder: 'INBOX' },
      { recipient: 'bob@example.com', outcome: 'delivered', mailboxId: 'bob', folder: 'INBOX' },
    ]);
    expect(deps.delivery.calls[0]).toMatchObject({
      organizationId: 'm-org',
      messageId: 'm1',
      quotaBytes: 10_000,
      receivedAt: Date.parse('2026-11-22T10:00:00.000Z'),
      summary: {
        subject: 'Hello',
        from: 'Sender <sender@remote.example>',
        to: ['alice@example.com', 'bob@example.com'],
        snippet: 'Hi there',
      },
    });
    expect(deps.rawSource.deleted).toEqual(['m1']);
    expect(deps.rawSource.reads).toEqual([
      { messageId: 'm1', limit: 40 * 1024 * 1024, bytesRead: simpleMessage().length },
    ]);
    expect(deps.mailSender.sent).toEqual([]);
  });

  it('puts spam in the Junk folder by default', async () => {
    const deps = inboundDeps();
    await processInboundRecord(record({ spam: 'FAIL' }), deps);
    expect(deps.delivery.calls.map((c) => c.folder)).toEqual(['JUNK_EMAIL', 'JUNK_EMAIL']);
  });

  it('drops a message with a virus verdict of FAIL without delivering, reading or bouncing', async () => {
    const deps = inboundDeps();

    const result = await processInboundRecord(
      record({ virus: 'FAIL', recipients: ['alice@example.com', 'nobody@example.com'] }),
      deps,
    );

    expect(result.recipients.map((r) => r.outcome)).toEqual(['dropped', 'dropped']);
    expect(deps.delivery.calls).toEqual([]);
    expect(deps.rawSource.reads).toEqual([]);
    expect(deps.mailSender.sent).toEqual([]);
    expect(deps.logger.lines).toContainEqual({
      level: 'warn',
      message: 'virus verdict FAIL: message dropped',
    });
  });

  it('sends one DSN for unknown, disabled and over-quota recipients to the envelope sender', async () => {
    const deps = inboundDeps();
    deps.delivery.overQuota.add('bob');

    const result = await processInboundRecord(
      record({
        recipients: ['alice@example.com', 'bob@example.com', 'nobody@example.com', 'off@example.com'],
      }),
      deps,
    );

    expect(result.dsnSent).toBe(true);
    expect(deps.delivery.copies()).toEqual(new Map([['alice', 1]]));
    expect(deps.mailSender.sent).toHaveLength(1);
    const [dsn] = deps.mailSender.sent;
    expect(dsn).toMatchObject({ envelopeFrom: '', recipients: ['sender@remote.example'] });
    const status = (await PostalMime.parse(dsn!.raw, { attachmentEncoding: 'utf8' })).attachments.find(
      (a) => a.mimeType === 'message/delivery-status',
    );
    const pairs = [
      ...String(status?.content).matchAll(
        /Final-Recipient: rfc822; (\S+)\r?\nAction: failed\r?\nStatus: (\S+)/g,
      ),
    ];
    expect(pairs.map((m) => [m[1], m[2]]).sort()).toEqual([
      ['bob@example.com', '5.2.2'],
      ['nobody@example.com', '5.1.1'],
      ['off@example.com', '5.2.1'],
    ]);
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('never sends a DSN to the null sender or in answer to a DSN', async () => {
    const nullSender = inboundDeps();
    await processInboundRecord(record({ source: '', recipients: ['nobody@example.com'] }), nullSender);
    expect(nullSender.mailSender.sent).toEqual([]);

    const report = inboundDeps();
    report.rawSource.objects.set(
      'm1',
      Buffer.from(
        'From: MAILER-DAEMON@x\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b--\r\n',
      ),
    );
    const result = await processInboundRecord(record({ recipients: ['nobody@example.com'] }), report);
    expect(report.mailSender.sent).toEqual([]);
    expect(result.recipients).toMatchObject([{ outcome: 'bounced', status: '5.1.1' }]);
    expect(report.rawSource.deleted).toEqual(['m1']);
  });

  it.each([
    ['the spam verdict is FAIL', { spam: 'FAIL' }],
    ['DMARC fails', { dmarc: 'FAIL' }],
    ['neither SPF nor DKIM is aligned', { spf: 'FAIL', dkim: 'GRAY', dmarc: 'GRAY' }],
  ])('sends no DSN to a forged sender of 600 unknown recipients when %s', async (_name, verdicts) => {
    const deps = inboundDeps();
    const unknown = Array.from({ length: 600 }, (_, i) => `nobody-${i}@example.com`);

    const result = await processInboundRecord(
      record({ source: 'victim@forged.example', recipients: unknown, ...verdicts }),
      deps,
    );

    expect(deps.mailSender.sent).toEqual([]);
    expect(result.dsnSent).toBe(false);
    expect(result.recipients).toHaveLength(600);
    expect(result.recipients.every((r) => r.outcome === 'bounced')).toBe(true);
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('sends an authenticated sender of 600 unknown recipients one DSN of bounded size', async () => {
    const deps = inboundDeps();
    deps.rawSource.objects.set('m1', simpleMessage('S'.repeat(5000), 'x'));
    const unknown = Array.from({ length: 600 }, (_, i) => `nobody-${i}@example.com`);

    const result = await processInboundRecord(record({ recipients: unknown }), deps);

    expect(result.dsnSent).toBe(true);
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.mailSender.sent[0]!.raw.length).toBeLessThan(16 * 1024);
  });

  it('bounces every recipient with 5.3.4 when the announced size exceeds 40 MB, reading only the head', async () => {
    const deps = inboundDeps();
    deps.rawSource.announcedSize = 41 * 1024 * 1024;

    const result = await processInboundRecord(record(), deps);

    expect(deps.rawSource.reads).toEqual([expect.objectContaining({ limit: 64 * 1024 })]);
    expect(result.recipients.map((r) => r.outcome === 'bounced' && r.status)).toEqual(['5.3.4', '5.3.4']);
    expect(deps.delivery.calls).toEqual([]);
    expect(deps.mailSender.sent[0]?.raw.toString()).toContain('Subject: Hello');
  });

  it('bounces with 5.3.4 when the bytes exceed the limit although none was announced', async () => {
    const deps = inboundDeps({ maxMessageBytes: 50 });
    deps.rawSource.announcedSize = 10;
    const result = await processInboundRecord(record(), deps);
    expect(result.recipients.map((r) => r.outcome === 'bounced' && r.status)).toEqual(['5.3.4', '5.3.4']);
  });

  it('applies per-recipient decisions: deliver to junk, drop and bounce with the rule text', async () => {
    const decider: RecipientDecider = {
      decide: async ({ recipients }) =>
        recipients.map((r) =>
          r.mailboxId === 'alice'
            ? { action: 'DROP', reason: 'rule drop' }
            : { action: 'BOUNCE', message: 'Blocked by policy' },
        ),
    };
    const deps = inboundDeps({ decider });

    const result = await processInboundRecord(record(), deps);

    expect(result.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'dropped', reason: 'rule drop' },
      {
        recipient: 'bob@example.com',
        outcome: 'bounced',
        status: '5.7.1',
        reason: 'smtp; 550 5.7.1 Blocked by policy',
      },
    ]);
    expect(deps.delivery.calls).toEqual([]);
    expect(deps.mailSender.sent).toHaveLength(1);
  });

  it('throws DeliveryIncompleteError and keeps the raw message when a delivery fails; the retry finishes it', async () => {
    const deps = inboundDeps();
    deps.delivery.failOnceFor.add('bob');

    const failure = await processInboundRecord(record(), deps).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeliveryIncompleteError);
    expect((failure as DeliveryIncompleteError).result.recipients.map((r) => r.outcome)).toEqual([
      'delivered',
      'pending',
    ]);
    expect(deps.rawSource.deleted).toEqual([]);

    const retry = await processInboundRecord(record(), deps);

    expect(retry.recipients.map((r) => r.outcome)).toEqual(['delivered']);
    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['bob', 1],
      ]),
    );
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('reports a replay of a completed message as duplicates without reading the raw message', async () => {
    const deps = inboundDeps();
    await processInboundRecord(record(), deps);

    const replay = await processInboundRecord(record(), deps);

    expect(replay.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'duplicate', previous: 'delivered' },
      { recipient: 'bob@example.com', outcome: 'duplicate', previous: 'delivered' },
    ]);
    expect(deps.rawSource.reads).toHaveLength(1);
  });

  it('fails with RawMessageMissingError when the raw message of an unfinished delivery is gone', async () => {
    const deps = inboundDeps();
    deps.rawSource.objects.clear();
    await expect(processInboundRecord(record(), deps)).rejects.toBeInstanceOf(RawMessageMissingError);
  });

  it('keeps the raw message when the DSN cannot be sent, and sends it once on the retry', async () => {
    const deps = inboundDeps();
    const send = deps.mailSender.sendRaw.bind(deps.mailSender);
    let failures = 1;
    deps.mailSender.sendRaw = async (message) => {
      if (failures-- > 0) throw new Error('SES throttled');
      return send(message);
    };
    const bounced = record({ recipients: ['alice@example.com', 'nobody@example.com'] });

    await expect(processInboundRecord(bounced, deps)).rejects.toThrow('SES throttled');
    expect(deps.rawSource.deleted).toEqual([]);

    const retry = await processInboundRecord(bounced, deps);

    expect(retry.dsnSent).toBe(true);
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.delivery.copies()).toEqual(new Map([['alice', 1]]));
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('waits for another attempt that holds the DSN claim', async () => {
    const deps = inboundDeps();
    await deps.ledger.claim('m1', 'DSN', 'other-attempt', Date.now() + 60_000, 0);

    const failure = await processInboundRecord(record({ recipients: ['nobody@example.com'] }), deps).catch(
      (e: unknown) => e,
    );

    expect(failure).toBeInstanceOf(DeliveryIncompleteError);
    expect(deps.mailSender.sent).toEqual([]);
    expect(deps.rawSource.deleted).toEqual([]);
  });

  it('makes no ledger request of its own for a single delivery: the receipt settles and completes the message', async () => {
    const deps = inboundDeps();

    await processInboundRecord(record({ recipients: ['alice@example.com'] }), deps);

    expect(Object.fromEntries(deps.ledger.calls)).toEqual({});
    expect(deps.ledger.completed.has('m1')).toBe(true);
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('completes a message of several deliveries with one write after the last of them', async () => {
    const deps = inboundDeps();

    await processInboundRecord(record(), deps);

    expect(Object.fromEntries(deps.ledger.calls)).toEqual({ read: 1, complete: 1 });
  });

  it('delivers once per mailbox when two attempts of one message run at the same time', async () => {
    const deps = inboundDeps();
    deps.delivery.delayMs = 5;

    const results = await Promise.all([
      processInboundRecord(record(), deps),
      processInboundRecord(record(), deps),
    ]);

    expect(deps.delivery.copies()).toEqual(
      new Map([
        ['alice', 1],
        ['bob', 1],
      ]),
    );
    expect(results.flatMap((result) => result.recipients.map((r) => r.outcome)).sort()).toEqual([
      'delivered',
      'delivered',
      'duplicate',
      'duplicate',
    ]);
  });

  it('never delivers again on a replay after the delivery committed, even when the message was since deleted', async () => {
    const deps = inboundDeps();
    const complete = deps.ledger.complete.bind(deps.ledger);
    deps.ledger.complete = async () => {
      throw new Error('crash before completing');
    };
    await expect(processInboundRecord(record(), deps)).rejects.toThrow('crash before completing');
    deps.delivery.calls.length = 0; // the user deletes both copies
    deps.ledger.complete = complete;

    const replay = await processInboundRecord(record(), deps);

    expect(deps.delivery.calls).toEqual([]);
    expect(replay.recipients).toEqual([]);
    expect(deps.ledger.completed.has('m1')).toBe(true);
    expect(deps.rawSource.deleted).toEqual(['m1']);
  });

  it('records an over-quota refusal of a single delivery as a bounce and completes the message separately', async () => {
    const deps = inboundDeps();
    deps.delivery.overQuota.add('alice');

    const result = await processInboundRecord(record({ recipients: ['alice@example.com'] }), deps);

    expect(result.recipients).toMatchObject([{ outcome: 'bounced', status: '5.2.2' }]);
    expect(result.dsnSent).toBe(true);
    expect(deps.ledger.completed.has('m1')).toBe(true);
    expect(deps.ledger.calls.get('complete')).toBe(1);
  });

  it('delivers a message of exactly the size limit and bounces one byte more with 5.3.4', async () => {
    const size = simpleMessage().length;
    const exact = inboundDeps({ maxMessageBytes: size });
    const over = inboundDeps({ maxMessageBytes: size - 1 });

    const delivered = await processInboundRecord(record({ recipients: ['alice@example.com'] }), exact);
    const bounced = await processInboundRecord(record({ recipients: ['alice@example.com'] }), over);

    expect(delivered.recipients).toMatchObject([{ outcome: 'delivered' }]);
    expect(bounced.recipients).toMatchObject([{ outcome: 'bounced', status: '5.3.4' }]);
  });
});

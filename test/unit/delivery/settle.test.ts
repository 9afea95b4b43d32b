import type { DeliveryLogger, MailboxTarget } from '../../../lambdas/core/delivery';
import { mapLimit, settleBounce, settleMailbox, toOutcome } from '../../../lambdas/core/delivery/settle';
import { InMemoryLedger, RecordingDelivery } from './doubles';

const target: MailboxTarget = {
  recipient: 'alice@example.com',
  organizationId: 'm-a',
  mailboxId: 'S-1',
  kind: 'USER',
  quotaBytes: 1000,
};
const request = { messageId: 'ses-1', raw: Buffer.from('x'), receivedAt: 0, summary: {} };

/** A logger keeping each line's attributes. */
function attributeLogger() {
  const lines: { level: string; message: string; attributes: Readonly<Record<string, unknown>> }[] = [];
  const logger: DeliveryLogger = {
    info: (message, attributes) => lines.push({ level: 'info', message, attributes }),
    warn: (message, attributes) => lines.push({ level: 'warn', message, attributes }),
    error: (message, attributes) => lines.push({ level: 'error', message, attributes }),
  };
  return { logger, lines };
}

function context() {
  const ledger = new InMemoryLedger();
  const delivery = new RecordingDelivery(ledger);
  const { logger, lines } = attributeLogger();
  return { ledger, delivery, lines, context: { messageId: 'ses-1', ledger, delivery, logger } };
}

describe('settleMailbox', () => {
  it("bounces with 5.7.1 and the flow rules' default text when the rule gave none", async () => {
    const { context: ctx } = context();

    const settled = await settleMailbox(ctx, target, { action: 'BOUNCE' }, request);

    expect(settled.outcome).toEqual({
      recipient: 'alice@example.com',
      outcome: 'bounced',
      status: '5.7.1',
      reason: "smtp; 550 5.7.1 Rejected by the organization's email flow rules",
    });
  });

  it('keeps a bounce text on one diagnostic line, each run of line breaks becoming one space', async () => {
    const { context: ctx } = context();

    const settled = await settleMailbox(
      ctx,
      target,
      { action: 'BOUNCE', message: 'Blocked\r\n\r\nby policy' },
      request,
    );

    expect(settled.outcome).toMatchObject({ reason: 'smtp; 550 5.7.1 Blocked by policy' });
  });

  it('does not complete the message with its delivery unless asked to', async () => {
    const { context: ctx, ledger } = context();

    await settleMailbox(ctx, target, { action: 'DELIVER', folder: 'INBOX' }, request);

    expect(ledger.completed.size).toBe(0);
  });

  it('reports a delivery the mailbox already holds as a duplicate', async () => {
    const { context: ctx } = context();
    await settleMailbox(ctx, target, { action: 'DELIVER', folder: 'INBOX' }, request);

    const again = await settleMailbox(ctx, target, { action: 'DELIVER', folder: 'INBOX' }, request);

    expect(again.outcome).toEqual({
      recipient: 'alice@example.com',
      outcome: 'duplicate',
      previous: 'SETTLED',
    });
  });

  it('records a full mailbox as a 5.2.2 bounce', async () => {
    const { context: ctx, delivery, ledger } = context();
    delivery.overQuota.add('S-1');

    const settled = await settleMailbox(ctx, target, { action: 'DELIVER', folder: 'INBOX' }, request);

    const expected = { status: '5.2.2', reason: 'smtp; 552 5.2.2 Mailbox full' };
    expect(settled.outcome).toMatchObject({ outcome: 'bounced', ...expected });
    expect([...ledger.entries.values()].map((entry) => entry.record)).toEqual([
      { state: 'BOUNCED', recipient: 'alice@example.com', mailboxId: 'S-1', ...expected },
    ]);
  });

  it('reports a drop or bounce recorded by an earlier attempt as a duplicate, without a second record', async () => {
    const { context: ctx, ledger } = context();
    await settleMailbox(ctx, target, { action: 'DROP', reason: 'flow rule x' }, request);

    const again = await settleMailbox(ctx, target, { action: 'BOUNCE' }, request);

    expect(again.outcome).toEqual({
      recipient: 'alice@example.com',
      outcome: 'duplicate',
      previous: 'SETTLED',
    });
    expect([...ledger.entries.values()].map((entry) => entry.record?.state)).toEqual(['DROPPED']);
  });

  it('leaves a target pending, and logs it without the recipient, when its record cannot be written', async () => {
    const { context: ctx, ledger, lines } = context();
    const failure = new Error('ledger unavailable');
    ledger.record = async () => {
      throw failure;
    };

    const settled = await settleMailbox(ctx, target, { action: 'DROP', reason: 'flow rule x' }, request);

    expect(settled).toEqual({
      outcome: { recipient: 'alice@example.com', outcome: 'pending', reason: 'delivery failed' },
      error: failure,
    });
    expect(lines).toEqual([
      {
        level: 'error',
        message: 'delivery to a recipient failed; it will be retried',
        attributes: { messageId: 'ses-1', target: expect.stringContaining('S-1'), error: failure },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('alice');
  });
});

describe('settleBounce', () => {
  it('records the bounce of an address once; a second attempt finds a duplicate', async () => {
    const { context: ctx } = context();
    const bounce = {
      recipient: 'x@example.com',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 unknown',
    } as const;

    const first = await settleBounce(ctx, bounce);
    const second = await settleBounce(ctx, bounce);

    expect(first.outcome).toEqual({
      recipient: 'x@example.com',
      outcome: 'bounced',
      status: '5.1.1',
      reason: 'smtp; 550 5.1.1 unknown',
    });
    expect(second.outcome).toMatchObject({ outcome: 'duplicate' });
  });
});

describe('toOutcome', () => {
  it('reads every kind of final record, with defaults for fields an older record may lack', () => {
    const recipient = 'a@example.com';

    expect(toOutcome({ state: 'DELIVERED', recipient, mailboxId: 'S-1', folder: 'JUNK_EMAIL' })).toEqual({
      recipient,
      outcome: 'delivered',
      mailboxId: 'S-1',
      folder: 'JUNK_EMAIL',
    });
    expect(toOutcome({ state: 'DELIVERED', recipient })).toEqual({
      recipient,
      outcome: 'delivered',
      mailboxId: '',
      folder: 'INBOX',
    });
    expect(toOutcome({ state: 'BOUNCED', recipient })).toEqual({
      recipient,
      outcome: 'bounced',
      status: '5.1.1',
      reason: '',
    });
    expect(toOutcome({ state: 'DROPPED', recipient })).toEqual({ recipient, outcome: 'dropped', reason: '' });
    expect(toOutcome({ state: 'SENT', recipient })).toEqual({
      recipient,
      outcome: 'duplicate',
      previous: 'SENT',
    });
  });
});

describe('mapLimit', () => {
  it('keeps the order of results with at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;

    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return `${index}:${n}`;
    });

    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });
});

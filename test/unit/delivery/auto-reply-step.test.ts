import {
  processInboundRecord,
  type AutoReplier,
  type DeliveredToInbox,
  type InboundDeps,
} from '../../../lambdas/core/delivery';
import { inboundDeps, inboundRecord } from './inbound-setup';

/** Keeps every message offered; throws instead when told to. */
class RecordingAutoReplier implements AutoReplier {
  public readonly offered: DeliveredToInbox[] = [];
  public failure?: Error;
  public async reply(message: DeliveredToInbox): Promise<string> {
    this.offered.push(message);
    if (this.failure) throw this.failure;
    return 'sent';
  }
}

function setup() {
  const autoReplier = new RecordingAutoReplier();
  const deps = { ...inboundDeps(), autoReplier } satisfies InboundDeps;
  return { deps, autoReplier };
}

describe('Inbound delivery: offering vacation responses', () => {
  it('offers a message stored in the Inbox of a mailbox with a vacation window, as delivered', async () => {
    const { deps, autoReplier } = setup();
    deps.delivery.vacation.set('alice', { toDate: 2e12 });

    await processInboundRecord(inboundRecord(), deps);
    const [offer] = autoReplier.offered;

    expect(autoReplier.offered).toHaveLength(1);
    expect(offer?.target).toMatchObject({
      mailboxId: 'alice',
      recipient: 'alice@example.com',
      email: 'alice@example.com',
    });
    expect(offer?.vacation).toEqual({ toDate: 2e12 });
    expect(offer?.envelopeFrom).toBe('sender@remote.example');
    expect(offer?.headers.subject).toBe('Hello');
    expect(offer?.headers.messageId).toBe('<m1@remote.example>');
    expect(offer?.verdicts.spf).toBe('PASS');
    expect(offer?.arrivedAt).toBe(Date.parse('2026-11-22T10:00:00.000Z'));
  });

  it('never offers a delivery to a mailbox without a vacation window', async () => {
    const { deps, autoReplier } = setup();

    const result = await processInboundRecord(inboundRecord(), deps);

    expect(result.recipients.map((recipient) => recipient.outcome)).toEqual(['delivered', 'delivered']);
    expect(autoReplier.offered).toHaveLength(0);
  });

  it('does not offer mail filed in Junk', async () => {
    const { deps, autoReplier } = setup();
    deps.delivery.vacation.set('alice', {});

    await processInboundRecord(inboundRecord({ spam: 'FAIL' }), deps);

    expect(deps.delivery.calls.map((call) => call.folder)).toEqual(['JUNK_EMAIL', 'JUNK_EMAIL']);
    expect(autoReplier.offered).toHaveLength(0);
  });

  it('does not offer a replayed message again', async () => {
    const { deps, autoReplier } = setup();
    deps.delivery.vacation.set('alice', {});
    const record = inboundRecord({ recipients: ['alice@example.com'] });

    await processInboundRecord(record, deps);
    deps.rawSource.objects.set('m1', Buffer.from('Subject: Hello\r\n\r\nHi'));
    const replay = await processInboundRecord(record, deps);

    expect(replay.recipients.map((recipient) => recipient.outcome)).toEqual(['duplicate']);
    expect(autoReplier.offered).toHaveLength(1);
  });

  it('keeps the delivery when the reply fails, and logs it without addresses or content', async () => {
    const { deps, autoReplier } = setup();
    deps.delivery.vacation.set('alice', {});
    autoReplier.failure = Object.assign(new Error('sender@remote.example: Hello refused'), {
      name: 'MessageRejected',
    });

    const result = await processInboundRecord(inboundRecord(), deps);
    const warning = deps.logger.entries.find((entry) => entry.level === 'warn');

    expect(result.recipients.map((recipient) => recipient.outcome)).toEqual(['delivered', 'delivered']);
    expect(result.rawDeleted).toBe(true);
    expect(warning?.attributes).toEqual({ messageId: 'm1', error: 'MessageRejected' });
    expect(JSON.stringify(deps.logger.entries)).not.toMatch(/@|Hello/);
  });
});

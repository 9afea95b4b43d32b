import {
  processInboundRecord,
  type DeliveredMail,
  type InboundDeps,
  type SchedulingInbox,
} from '../../../lambdas/core/delivery';
import { inboundDeps, inboundRecord } from './inbound-setup';

/** Keeps every message offered; throws instead when told to. */
class RecordingInbox implements SchedulingInbox {
  public readonly offered: DeliveredMail[] = [];
  public failure?: Error;
  public async received(mail: DeliveredMail): Promise<string> {
    this.offered.push(mail);
    if (this.failure) throw this.failure;
    return 'REQUEST applied';
  }
}

function setup() {
  const scheduling = new RecordingInbox();
  const deps = { ...inboundDeps(), scheduling } satisfies InboundDeps;
  return { deps, scheduling };
}

describe('Inbound delivery: offering mail to calendar scheduling', () => {
  it('offers each message delivered to an Inbox, with its target, bytes and headers', async () => {
    const { deps, scheduling } = setup();

    await processInboundRecord(inboundRecord(), deps);

    expect(scheduling.offered.map((mail) => mail.target.mailboxId).sort()).toEqual(['alice', 'bob']);
    expect(scheduling.offered[0]!.headers.subject).toBe('Hello');
    expect(scheduling.offered[0]!.raw.toString()).toMatch(/^Subject: Hello\r$/m);
  });

  it('does not offer mail filed in Junk', async () => {
    const { deps, scheduling } = setup();

    await processInboundRecord(inboundRecord({ spam: 'FAIL' }), deps);

    expect(scheduling.offered).toHaveLength(0);
  });

  it('offers a replayed delivery again (applying is idempotent), so a crash after delivery loses no change', async () => {
    const { deps, scheduling } = setup();
    const record = inboundRecord({ recipients: ['alice@example.com'] });
    const deliver = deps.delivery.deliver.bind(deps.delivery);
    deps.delivery.deliver = async (request) => ({ ...(await deliver(request)), stored: false });

    const result = await processInboundRecord(record, deps);

    expect(result.recipients.map((recipient) => recipient.outcome)).toEqual(['duplicate']);
    expect(scheduling.offered).toHaveLength(1);
  });

  it('keeps the delivery when scheduling fails, and logs it without content', async () => {
    const { deps, scheduling } = setup();
    scheduling.failure = Object.assign(new Error('Hello secret'), { name: 'CalendarDown' });

    const result = await processInboundRecord(inboundRecord({ recipients: ['alice@example.com'] }), deps);

    expect(result.recipients.map((recipient) => recipient.outcome)).toEqual(['delivered']);
    expect(deps.logger.entries.find((entry) => entry.level === 'warn')).toMatchObject({
      message: 'calendar scheduling failed; the message is delivered',
      attributes: { error: 'CalendarDown' },
    });
    expect(JSON.stringify(deps.logger.entries)).not.toMatch(/secret/);
  });
});

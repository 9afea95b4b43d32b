import { DeliveryIncompleteError, processInboundRecord } from '../../../lambdas/core/delivery';
import type { InboundJournal } from '../../../lambdas/core/delivery/journal-step';
import type { JournaledMessage } from '../../../lambdas/core/journaling/journal-recorder';
import { sesEvent, simpleMessage } from './doubles';
import { inboundDeps } from './inbound-setup';

/** A journal double: organization m-org journals; records what it was asked to journal and when. */
class RecordingJournal implements InboundJournal {
  readonly records: JournaledMessage[] = [];
  failNext = false;
  journaling = true;
  own?: string;
  constructor(private readonly completed: () => boolean) {}
  async ownRecordAddress(): Promise<string | undefined> {
    return this.own;
  }
  async journals(organizationId: string): Promise<boolean> {
    return this.journaling && organizationId === 'm-org';
  }
  async record(message: JournaledMessage): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('outbox unavailable');
    }
    expect(this.completed()).toBe(false);
    this.records.push(message);
  }
}

function setup() {
  const deps = inboundDeps();
  const journal = new RecordingJournal(() => deps.ledger.completed.has('m1'));
  const team = deps.directory.add({
    kind: 'GROUP',
    entityId: 'team',
    state: 'ENABLED',
    email: 'team@example.com',
  });
  const sales = deps.directory.add({
    kind: 'GROUP',
    entityId: 'sales',
    state: 'ENABLED',
    email: 'sales@example.com',
  });
  const carol = deps.directory.add({
    kind: 'USER',
    entityId: 'carol',
    state: 'ENABLED',
    email: 'carol@example.com',
  });
  const alice = deps.directory.addresses.get('alice@example.com')!;
  deps.directory.setMembers(team, [alice, sales]);
  deps.directory.setMembers(sales, [carol]);
  return { deps: { ...deps, journal }, journal, raw: deps.rawSource };
}

const record = (options: Partial<Parameters<typeof sesEvent>[0]> = {}) =>
  sesEvent({ messageId: 'm1', recipients: ['team@example.com'], ...options }).Records[0]!;

describe('Inbound journaling step', () => {
  it('journals a message to a nested group once, listing each expanded member, before the message is complete', async () => {
    const { deps, journal } = setup();

    await processInboundRecord(record(), deps);

    expect(journal.records).toHaveLength(1);
    expect(journal.records[0]).toMatchObject({
      direction: 'inbound',
      organizationId: 'm-org',
      messageId: 'm1',
      envelopeFrom: 'sender@remote.example',
      recipients: [
        { address: 'alice@example.com', expandedFrom: 'team@example.com', inOrganization: true },
        { address: 'carol@example.com', expandedFrom: 'team@example.com', inOrganization: true },
      ],
    });
    expect(deps.ledger.completed.has('m1')).toBe(true);
  });

  it('does not journal again when the pipeline replays a completed message', async () => {
    const { deps, journal } = setup();
    await processInboundRecord(record(), deps);
    await processInboundRecord(record(), deps);
    expect(journal.records).toHaveLength(1);
  });

  it('journals on the retry when journaling failed after delivery, naming the mailboxes delivered before', async () => {
    const { deps, journal, raw } = setup();
    journal.failNext = true;
    await expect(processInboundRecord(record(), deps)).rejects.toThrow('outbox unavailable');
    expect(raw.objects.has('m1')).toBe(true);

    await processInboundRecord(record(), deps);

    expect(journal.records).toHaveLength(1);
    expect(journal.records[0].recipients.map((recipient) => recipient.address)).toEqual([
      'alice@example.com',
      'carol@example.com',
    ]);
    expect(deps.delivery.calls).toHaveLength(2);
  });

  it('keeps a single delivery journaled even though its write would otherwise complete the message', async () => {
    const { deps, journal } = setup();
    await processInboundRecord(record({ recipients: ['bob@example.com'] }), deps);
    expect(journal.records.map((message) => message.recipients)).toEqual([
      [{ address: 'bob@example.com', inOrganization: true }],
    ]);
  });

  it('journals spam delivered to Junk, but not virus mail, nor mail no mailbox received', async () => {
    const spam = setup();
    await processInboundRecord(record({ spam: 'FAIL' }), spam.deps);
    expect(spam.journal.records).toHaveLength(1);

    const virus = setup();
    await processInboundRecord(record({ virus: 'FAIL' }), virus.deps);
    expect(virus.journal.records).toEqual([]);

    const unknown = setup();
    await processInboundRecord(record({ recipients: ['nobody@example.com'] }), unknown.deps);
    expect(unknown.journal.records).toEqual([]);
  });

  it('journals nothing for an organization that does not journal', async () => {
    const { deps, journal } = setup();
    journal.journaling = false;
    await processInboundRecord(record(), deps);
    expect(journal.records).toEqual([]);
  });

  it('strips a forged X-WM-Journal-Report before delivery, and journals the stripped message', async () => {
    const { deps, journal, raw } = setup();
    raw.objects.set(
      'm1',
      Buffer.concat([Buffer.from('X-WM-Journal-Report: v=1; id=jforged; mac=AAAA\r\n'), simpleMessage()]),
    );

    await processInboundRecord(record({ recipients: ['bob@example.com'] }), deps);

    expect(deps.delivery.calls[0].raw.toString()).toBe(simpleMessage().toString());
    expect(journal.records[0].raw.toString()).toBe(simpleMessage().toString());
  });

  it('strips X-WM-Journal-Report even where journaling is not wired', async () => {
    const deps = inboundDeps();
    deps.rawSource.objects.set(
      'm1',
      Buffer.concat([Buffer.from('X-WM-Journal-Report: v=1; id=jforged\r\n'), simpleMessage()]),
    );

    await processInboundRecord(record({ recipients: ['bob@example.com'] }), deps);

    expect(deps.delivery.calls[0].raw.toString()).toBe(simpleMessage().toString());
  });

  it("delivers one of this deployment's own journal records unchanged and never journals it", async () => {
    const { deps, journal, raw } = setup();
    journal.own = 'bob@example.com';
    const signed = Buffer.concat([Buffer.from('X-WM-Journal-Report: v=1; id=jown\r\n'), simpleMessage()]);
    raw.objects.set('m1', signed);

    await processInboundRecord(record({ recipients: ['Bob@example.com'] }), deps);

    expect(deps.delivery.calls[0].raw.equals(signed)).toBe(true);
    expect(journal.records).toEqual([]);
  });

  it('treats a genuine record replayed to another address as any mail: header stripped, journaled', async () => {
    const { deps, journal, raw } = setup();
    journal.own = 'vault@example.com';
    raw.objects.set(
      'm1',
      Buffer.concat([Buffer.from('X-WM-Journal-Report: v=1; id=jown\r\n'), simpleMessage()]),
    );

    await processInboundRecord(record({ recipients: ['bob@example.com'] }), deps);

    expect(deps.delivery.calls[0].raw.toString()).toBe(simpleMessage().toString());
    expect(journal.records).toHaveLength(1);
  });

  it('journals nothing while a recipient is still pending', async () => {
    const { deps, journal } = setup();
    deps.delivery.failOnceFor.add('carol');
    await expect(processInboundRecord(record(), deps)).rejects.toBeInstanceOf(DeliveryIncompleteError);
    expect(journal.records).toEqual([]);
    await processInboundRecord(record(), deps);
    expect(journal.records).toHaveLength(1);
  });
});

import {
  discardInFlightMessages,
  discardingInFlight,
  finishInFlightMessage,
  getRawMessageContent,
  openInFlightMessage,
  ResourceNotFoundException,
} from '../../../lambdas/core/message-flow';
import type { MailboxLifecycle } from '../../../lambdas/core/directory/ports';
import { MemoryInFlightMessageStore, MemoryObjects } from './memory-stores';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const OTHER_ORG = 'm-fedcba9876543210fedcba9876543210';

function setup() {
  const inFlight = new MemoryInFlightMessageStore();
  const rawMessages = new MemoryObjects();
  const deps = { inFlight, rawMessages, now: () => 1_700_000_000_000 };
  const open = async (organizationId: string, mailboxIds: string[], key: string) => {
    rawMessages.set('inbound', key, 'raw mail');
    const record = await openInFlightMessage(deps, {
      organizationId,
      mailboxIds,
      direction: 'INBOUND',
      original: { bucket: 'inbound', key },
    });
    await rawMessages.putReplacement(organizationId, record.messageId, Buffer.from('replaced'));
    return record.messageId;
  };
  return { inFlight, rawMessages, deps, open };
}

describe('discardInFlightMessages', () => {
  it('ends the Message Flow id of a destroyed mailbox and deletes its replacements and finished raw message', async () => {
    const { deps, rawMessages, open } = setup();
    const id = await open(ORG, ['alice', 'bob'], 'incoming/ses-1');
    await finishInFlightMessage(deps, id, 'DELIVERED');

    await discardInFlightMessages(deps, ORG, 'alice');

    await expect(getRawMessageContent(deps as never, id, { kind: 'capability' })).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect([...rawMessages.objects.keys()]).toEqual([]);
  });

  it('keeps the raw message of a delivery still under way, which the pipeline needs and deletes', async () => {
    const { deps, inFlight, rawMessages, open } = setup();
    const id = await open(ORG, ['alice', 'bob'], 'incoming/ses-2');

    await discardInFlightMessages(deps, ORG, 'alice');

    expect(await inFlight.get(id)).toBeUndefined();
    expect([...rawMessages.objects.keys()]).toEqual(['inbound/incoming/ses-2']);
  });

  it("leaves other mailboxes' and other organizations' messages alone", async () => {
    const { deps, inFlight, rawMessages, open } = setup();
    const bobs = await open(ORG, ['bob'], 'incoming/ses-3');
    const foreign = await open(OTHER_ORG, ['alice'], 'incoming/ses-4');
    for (const id of [bobs, foreign]) await finishInFlightMessage(deps, id, 'DELIVERED');

    await discardInFlightMessages(deps, ORG, 'alice');

    expect(await inFlight.get(bobs)).toBeDefined();
    expect(await inFlight.get(foreign)).toBeDefined();
    expect(rawMessages.objects.size).toBe(4);
  });
  it('deletes the raw message of a redirected message, whose delivery is over', async () => {
    const { deps, rawMessages, open } = setup();
    const id = await open(ORG, ['alice'], 'incoming/ses-6');
    await finishInFlightMessage(deps, id, 'REDIRECTED');

    await discardInFlightMessages(deps, ORG, 'alice');

    expect([...rawMessages.objects.keys()]).toEqual([]);
  });

  it('skips listed ids whose record is gone or belongs to another organization', async () => {
    const { deps, inFlight, rawMessages, open } = setup();
    const foreign = await open(OTHER_ORG, ['alice'], 'incoming/ses-7');
    await finishInFlightMessage(deps, foreign, 'DELIVERED');
    const staleListing = {
      ...deps,
      inFlight: Object.assign(Object.create(inFlight) as typeof inFlight, {
        listForMailbox: async () => ['0c1d2e3f-0000-0000-0000-000000000000', foreign],
      }),
    };

    await discardInFlightMessages(staleListing, ORG, 'alice');

    expect(await inFlight.get(foreign)).toBeDefined();
    expect(rawMessages.objects.size).toBe(2);
  });
});

describe('discardingInFlight', () => {
  it('discards the in-flight messages before destroying the mailbox, and passes the rest through', async () => {
    const { deps, inFlight, open } = setup();
    const id = await open(ORG, ['alice'], 'incoming/ses-5');
    const calls: string[] = [];
    const mailboxes: MailboxLifecycle = {
      provision: async (o, m) => void calls.push(`provision ${o} ${m}`),
      destroy: async (o, m) =>
        void calls.push(`destroy ${o} ${m} record:${(await inFlight.get(id)) ? 'kept' : 'gone'}`),
      sizeBytes: async () => 42,
      rotateMailboxKey: async () => 2,
    };
    const lifecycle = discardingInFlight(mailboxes, deps);

    await lifecycle.provision(ORG, 'alice');
    await lifecycle.destroy(ORG, 'alice');

    expect(calls).toEqual([`provision ${ORG} alice`, `destroy ${ORG} alice record:gone`]);
    expect(await lifecycle.sizeBytes(ORG, 'alice')).toBe(42);
    expect(await lifecycle.rotateMailboxKey(ORG, 'alice')).toBe(2);
  });
});

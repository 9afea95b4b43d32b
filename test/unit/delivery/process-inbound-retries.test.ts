import {
  DeliveryIncompleteError,
  processInboundRecord,
  type RecipientDecider,
} from '../../../lambdas/core/delivery';
import type { ContentLocation } from '../../../lambdas/core/message-flow/types';
import { simpleMessage } from './doubles';
import { failRawDeletes, inboundDeps, inboundRecord } from './inbound-setup';

/** A decider that takes the decision exclusively (as before invoking a Lambda rule), so the ledger keeps it. */
const exclusiveDecider: RecipientDecider = {
  decide: async ({ recipients }, control) => {
    await control.exclusive();
    return recipients.map(() => ({ action: 'DELIVER', folder: 'INBOX' }));
  },
};

/** A decider delivering replaced content: each mailbox id maps to its content location. */
const replacingDecider = (locations: Record<string, ContentLocation>): RecipientDecider => ({
  decide: async ({ recipients }) =>
    recipients.map((r) => ({ action: 'DELIVER', folder: 'INBOX', content: locations[r.mailboxId] })),
});

describe('processInboundRecord: replays and retries', () => {
  it('answers a replay of a completed message from the ledger without claiming to send the DSN again', async () => {
    const deps = inboundDeps();
    failRawDeletes(deps);
    const record = inboundRecord({ recipients: ['alice@example.com', 'nobody@example.com'] });
    await expect(processInboundRecord(record, deps)).rejects.toThrow('crash before deleting');

    const replay = await processInboundRecord(record, deps);

    expect(replay).toEqual({
      messageId: 'm1',
      recipients: [
        { recipient: 'nobody@example.com', outcome: 'duplicate', previous: 'bounced' },
        { recipient: 'alice@example.com', outcome: 'duplicate', previous: 'delivered' },
      ],
      dsnSent: false,
      rawDeleted: true,
    });
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.ledger.calls.get('complete')).toBe(1);
  });

  it('answers a replay of a completed single delivery whose decision the ledger kept as duplicates', async () => {
    const deps = inboundDeps({ decider: exclusiveDecider });
    failRawDeletes(deps);
    const record = inboundRecord({ recipients: ['alice@example.com'] });
    await expect(processInboundRecord(record, deps)).rejects.toThrow('crash before deleting');

    const replay = await processInboundRecord(record, deps);

    expect(replay.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'duplicate', previous: 'delivered' },
    ]);
    expect(deps.delivery.copies()).toEqual(new Map([['alice', 1]]));
  });

  it('delivers on the retry of a single delivery that failed after its decision was kept', async () => {
    const deps = inboundDeps({ decider: exclusiveDecider });
    deps.delivery.failOnceFor.add('alice');
    const record = inboundRecord({ recipients: ['alice@example.com'] });
    await expect(processInboundRecord(record, deps)).rejects.toBeInstanceOf(DeliveryIncompleteError);

    const retry = await processInboundRecord(record, deps);

    expect(retry.recipients).toEqual([
      { recipient: 'alice@example.com', outcome: 'delivered', mailboxId: 'alice', folder: 'INBOX' },
    ]);
    expect(deps.delivery.copies()).toEqual(new Map([['alice', 1]]));
  });

  it('sends the DSN for a bounce that a concurrent attempt recorded and could not report', async () => {
    const deps = inboundDeps();
    const record = inboundRecord({
      recipients: ['nobody@example.com', 'alice@example.com', 'bob@example.com'],
    });
    deps.delivery.failOnceFor.add('bob');
    // The other attempt runs between this attempt's ledger read and its writes, and fails on bob before its DSN.
    const read = deps.ledger.read.bind(deps.ledger);
    let other: Promise<unknown> | undefined;
    deps.ledger.read = async (messageId) => {
      const snapshot = await read(messageId);
      if (!other) {
        other = processInboundRecord(record, deps).catch((error: unknown) => error);
        expect(await other).toBeInstanceOf(DeliveryIncompleteError);
      }
      return snapshot;
    };

    const result = await processInboundRecord(record, deps);

    expect(result.recipients.map((r) => [r.recipient, r.outcome])).toEqual([
      ['nobody@example.com', 'duplicate'],
      ['alice@example.com', 'duplicate'],
      ['bob@example.com', 'delivered'],
    ]);
    expect(result.dsnSent).toBe(true);
    expect(deps.mailSender.sent).toHaveLength(1);
    expect(deps.mailSender.sent[0]!.raw.toString()).toContain('Final-Recipient: rfc822; nobody@example.com');
  });

  it('does not complete the message with the last delivery while an earlier bounce still awaits its DSN', async () => {
    const deps = inboundDeps();
    const record = inboundRecord({ recipients: ['alice@example.com', 'nobody@example.com'] });
    deps.delivery.failOnceFor.add('alice');
    await expect(processInboundRecord(record, deps)).rejects.toBeInstanceOf(DeliveryIncompleteError);
    const send = deps.mailSender.sendRaw.bind(deps.mailSender);
    let failures = 1;
    deps.mailSender.sendRaw = async (message) => {
      if (failures-- > 0) throw new Error('SES throttled');
      return send(message);
    };

    await expect(processInboundRecord(record, deps)).rejects.toThrow('SES throttled');

    expect(deps.ledger.completed.has('m1')).toBe(false);
    const last = await processInboundRecord(record, deps);
    expect(last.dsnSent).toBe(true);
    expect(deps.mailSender.sent).toHaveLength(1);
  });

  it('logs each processed message with its outcomes and no addresses', async () => {
    const deps = inboundDeps();

    await processInboundRecord(
      inboundRecord({ recipients: ['alice@example.com', 'nobody@example.com'] }),
      deps,
    );

    expect(deps.logger.entries.filter((e) => e.message === 'inbound message processed')).toEqual([
      {
        level: 'info',
        message: 'inbound message processed',
        attributes: { messageId: 'm1', outcomes: ['bounced', 'delivered'] },
      },
    ]);
  });
});

describe('processInboundRecord: replaced content', () => {
  const content = async (location: ContentLocation) =>
    simpleMessage(`Version [${location.objectVersion ?? 'none'}]`);

  it.each([
    ['two versions of one object', 'v1', 'v2', ['Version [v1]', 'Version [v2]']],
    ['no version and an empty one', undefined, '', ['Version [none]', 'Version []']],
  ])('gives each mailbox its own content for %s', async (_name, aliceVersion, bobVersion, subjects) => {
    const decider = replacingDecider({
      alice: {
        bucket: 'b',
        key: 'k',
        ...(aliceVersion === undefined ? {} : { objectVersion: aliceVersion }),
      },
      bob: { bucket: 'b', key: 'k', objectVersion: bobVersion },
    });
    const deps = inboundDeps({ decider, replacements: { get: content } });

    await processInboundRecord(inboundRecord(), deps);

    expect(deps.delivery.calls.map((c) => [c.mailboxId, c.summary.subject])).toEqual([
      ['alice', subjects[0]],
      ['bob', subjects[1]],
    ]);
  });

  it('fails with DeliveryConfigurationError when replaced content must be delivered and no store is wired', async () => {
    const deps = inboundDeps({ decider: replacingDecider({ alice: { bucket: 'b', key: 'k' } }) });

    await expect(processInboundRecord(inboundRecord(), deps)).rejects.toMatchObject({
      name: 'DeliveryConfigurationError',
      message: 'InboundDeps.replacements is required to deliver replaced content',
    });
    expect(deps.delivery.calls).toEqual([]);
  });
});

describe('processInboundRecord: a missing raw message', () => {
  it('names the message in a RawMessageMissingError', async () => {
    const deps = inboundDeps();
    deps.rawSource.objects.clear();

    await expect(processInboundRecord(inboundRecord(), deps)).rejects.toMatchObject({
      name: 'RawMessageMissingError',
      message: 'raw message m1 is not in the inbound store and its delivery is not complete',
      messageId: 'm1',
    });
  });
});

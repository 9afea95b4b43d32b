import { DECISION_TARGET, decisionRecord } from '../../../lambdas/core/delivery/decision-record';
import { contentLoader, decideOnce, resolveAdded } from '../../../lambdas/core/delivery/decision-step';
import {
  DeliveryIncompleteError,
  type DecisionInput,
  type DeliveryLogger,
  type MailboxTarget,
  type RecipientDecider,
} from '../../../lambdas/core/delivery';
import { InMemoryDirectory, InMemoryLedger } from './doubles';

const target = (mailboxId: string): MailboxTarget => ({
  recipient: `${mailboxId}@example.com`,
  organizationId: 'm-org',
  mailboxId,
  kind: 'USER',
  quotaBytes: 1000,
});

const input: DecisionInput = {
  messageId: 'm1',
  envelopeFrom: 'x@remote.example',
  headers: { rawHeaderBlock: '', isDeliveryReport: false },
  verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  recipients: [target('a')],
};

function attributeLogger() {
  const lines: { message: string; attributes: Readonly<Record<string, unknown>> }[] = [];
  const logger: DeliveryLogger = {
    info: (message, attributes) => lines.push({ message, attributes }),
    warn: (message, attributes) => lines.push({ message, attributes }),
    error: (message, attributes) => lines.push({ message, attributes }),
  };
  return { logger, lines };
}

function context(ledger: InMemoryLedger, decider: RecipientDecider, owner = 'one') {
  const { logger, lines } = attributeLogger();
  return { messageId: 'm1', ledger, decider, logger, lines, owner, now: () => 1000, leaseMs: 500 };
}

const exclusiveDrop: RecipientDecider = {
  decide: async (_input, control) => {
    await control.exclusive();
    return [{ action: 'DROP', reason: 'rule' }];
  },
};

describe('decideOnce: claims and replays', () => {
  it('marks its own decision as new and a persisted one as earlier, reused without asking or a request', async () => {
    const ledger = new InMemoryLedger();
    let asked = 0;
    const decider: RecipientDecider = {
      decide: async (i, control) => (asked++, exclusiveDrop.decide(i, control)),
    };

    const first = await decideOnce(context(ledger, decider), input, []);
    const entries = (await ledger.read('m1')).entries;
    ledger.calls.clear();
    const again = await decideOnce(context(ledger, decider, 'two'), input, entries);

    expect([first.earlier, again.earlier]).toEqual([false, true]);
    expect(asked).toBe(1);
    expect([...ledger.calls.keys()]).toEqual([]);
  });

  it('claims the decision once however often a decider asks for exclusivity (once per organization)', async () => {
    const ledger = new InMemoryLedger();
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        await control.exclusive();
        return [{ action: 'DROP', reason: 'rule' }];
      },
    };

    const decided = await decideOnce(context(ledger, decider), input, []);

    expect(ledger.calls.get('claim')).toBe(1);
    expect(decided.decisionFor(target('a'))).toEqual({ action: 'DROP', reason: 'rule' });
  });

  it('holds its claim for the lease, so a concurrent attempt meanwhile is told to retry later', async () => {
    const ledger = new InMemoryLedger();
    let concurrent: unknown;
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        concurrent = await decideOnce(context(ledger, exclusiveDrop, 'two'), input, []).catch(
          (e: unknown) => e,
        );
        return [{ action: 'DROP', reason: 'first' }];
      },
    };

    await decideOnce(context(ledger, decider), input, []);

    expect(concurrent).toBeInstanceOf(DeliveryIncompleteError);
    expect((concurrent as DeliveryIncompleteError).message).toBe('message m1: another attempt is deciding');
    expect((concurrent as DeliveryIncompleteError).result).toEqual({
      messageId: 'm1',
      recipients: [],
      dsnSent: false,
      rawDeleted: false,
    });
  });

  it('lets the decider see why exclusivity was refused', async () => {
    const ledger = new InMemoryLedger();
    await ledger.claim('m1', DECISION_TARGET, 'other', 5000, 0);
    let seen: unknown;
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive().catch((error: unknown) => {
          seen = error;
          throw error;
        });
        return [];
      },
    };

    await expect(decideOnce(context(ledger, decider), input, [])).rejects.toBeInstanceOf(
      DeliveryIncompleteError,
    );

    expect(seen).toMatchObject({
      name: 'DecisionTakenElsewhere',
      message: 'another attempt holds or has taken the decision',
    });
  });

  it('makes no release request when a decider fails before asking for exclusivity', async () => {
    const ledger = new InMemoryLedger();
    const decider: RecipientDecider = {
      decide: async () => {
        throw new Error('rules unavailable');
      },
    };

    await expect(decideOnce(context(ledger, decider), input, [])).rejects.toThrow('rules unavailable');

    expect([...ledger.calls.keys()]).toEqual([]);
  });

  it('logs and marks as earlier the decision another attempt persisted first', async () => {
    const ledger = new InMemoryLedger();
    const theirs = { version: 1, targets: {}, added: [], retainRaw: false } as const;
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        ledger.entries.set(`m1|${DECISION_TARGET}`, {
          target: DECISION_TARGET,
          state: 'SENT',
          record: decisionRecord('m1', theirs),
        });
        return [{ action: 'DROP', reason: 'mine' }];
      },
    };
    const ctx = context(ledger, decider);

    const decided = await decideOnce(ctx, input, []);

    expect(decided.earlier).toBe(true);
    expect(ctx.lines).toEqual([
      { message: 'another attempt persisted the decision first; using it', attributes: { messageId: 'm1' } },
    ]);
  });
});

describe('resolveAdded: what is left out', () => {
  it('leaves out an address of another organization and logs an unknown one by message, address and reason', async () => {
    const directory = new InMemoryDirectory();
    directory.add({ kind: 'USER', entityId: 'b', state: 'ENABLED', email: 'b@example.com' });
    const { logger, lines } = attributeLogger();
    const deliver = { action: 'DELIVER', folder: 'INBOX' } as const;

    const added = await resolveAdded(
      directory,
      logger,
      'm1',
      [
        { address: 'b@example.com', organizationId: 'm-other', decision: deliver },
        { address: 'nobody@example.com', organizationId: 'm-org', decision: deliver },
      ],
      [],
      { defaultQuotaBytes: 10, maxRecipients: 500 },
    );

    expect(added).toEqual([]);
    expect(lines).toEqual([
      {
        message: 'added recipient not delivered',
        attributes: { messageId: 'm1', recipient: 'nobody@example.com', reason: 'unknown' },
      },
    ]);
  });
});

describe('contentLoader: versions', () => {
  it('reads two versions of one object separately', async () => {
    const load = contentLoader(async (location) => Buffer.from(location.objectVersion ?? 'none'));

    const contents = await Promise.all([
      load({ bucket: 'b', key: 'k', objectVersion: 'v1' }),
      load({ bucket: 'b', key: 'k', objectVersion: 'v2' }),
      load({ bucket: 'b', key: 'k' }),
    ]);

    expect(contents.map(String)).toEqual(['v1', 'v2', 'none']);
  });
});

import {
  DECISION_TARGET,
  DecisionRecordError,
  decisionRecord,
  readDecision,
} from '../../../lambdas/core/delivery/decision-record';
import { contentLoader, decideOnce, resolveAdded } from '../../../lambdas/core/delivery/decision-step';
import {
  DeliveryIncompleteError,
  processInboundRecord,
  type DecisionInput,
  type MailboxTarget,
  type RecipientDecider,
} from '../../../lambdas/core/delivery';
import {
  InMemoryDirectory,
  InMemoryLedger,
  InMemoryRawSource,
  MemoryLogger,
  RecordingDelivery,
  RecordingMailSender,
  sesEvent,
  simpleMessage,
} from './doubles';

const target = (mailboxId: string, organizationId = 'm-org'): MailboxTarget => ({
  recipient: `${mailboxId}@example.com`,
  organizationId,
  mailboxId,
  kind: 'USER',
  quotaBytes: 1000,
});

const input = (recipients: MailboxTarget[], spam = 'PASS'): DecisionInput => ({
  messageId: 'm1',
  envelopeFrom: 'x@remote.example',
  headers: { rawHeaderBlock: '', isDeliveryReport: false },
  verdicts: { spam, virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  recipients,
});

function context(ledger: InMemoryLedger, decider: RecipientDecider, owner = 'one') {
  return {
    messageId: 'm1',
    ledger,
    decider,
    logger: new MemoryLogger(),
    owner,
    now: () => 1000,
    leaseMs: 500,
  };
}

describe('decideOnce', () => {
  it('persists a decision taken under exclusivity and serves it afterwards without asking again', async () => {
    const ledger = new InMemoryLedger();
    let calls = 0;
    const decider: RecipientDecider = {
      decide: async ({ recipients }, control) => {
        await control.exclusive();
        calls++;
        return recipients.map(() => ({ action: 'DROP', reason: `call ${calls}` }));
      },
    };

    await decideOnce(context(ledger, decider), input([target('a')]), (await ledger.read('m1')).entries);
    const again = await decideOnce(
      context(ledger, decider, 'two'),
      input([target('a')]),
      (await ledger.read('m1')).entries,
    );

    expect(calls).toBe(1);
    expect(again.decisionFor(target('a'))).toEqual({ action: 'DROP', reason: 'call 1' });
    expect(again.alongside).toBeUndefined();
  });

  it('writes nothing for a decision without outside effects: a replay takes it again', async () => {
    const ledger = new InMemoryLedger();
    let calls = 0;
    const decider: RecipientDecider = {
      decide: async ({ recipients }) => {
        calls++;
        return recipients.map(() => ({ action: 'DROP', reason: 'rule' }));
      },
    };

    const first = await decideOnce(context(ledger, decider), input([target('a')]), []);
    const again = await decideOnce(context(ledger, decider, 'two'), input([target('a')]), []);

    expect(calls).toBe(2);
    expect([...ledger.calls.keys()]).toEqual([]);
    expect(first.decisionFor(target('a'))).toEqual(again.decisionFor(target('a')));
  });

  it('gives a target the decision omitted the spam-verdict placement', async () => {
    const ledger = new InMemoryLedger();
    const decider: RecipientDecider = { decide: async () => [] };

    const decided = await decideOnce(context(ledger, decider), input([target('a')], 'FAIL'), []);

    expect(decided.decisionFor(target('a'))).toEqual({ action: 'DELIVER', folder: 'JUNK_EMAIL' });
    expect(decided.decisionFor(target('unknown'))).toEqual({ action: 'DELIVER', folder: 'JUNK_EMAIL' });
  });

  it('stops a decider at exclusivity while another attempt decides, then reuses what that one stored', async () => {
    const ledger = new InMemoryLedger();
    await ledger.claim('m1', DECISION_TARGET, 'other', 5000, 0);
    let invoked = 0;
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        invoked++;
        return [{ action: 'DROP', reason: 'mine' }];
      },
    };

    await expect(decideOnce(context(ledger, decider), input([target('a')]), [])).rejects.toBeInstanceOf(
      DeliveryIncompleteError,
    );
    expect(invoked).toBe(0);

    const stored = { version: 1, targets: {}, added: [], retainRaw: true } as const;
    await ledger.settle('m1', DECISION_TARGET, 'other', decisionRecord('m1', stored));
    const decided = await decideOnce(context(ledger, decider), input([target('a')]), []);
    expect(decided.retainRaw).toBe(true);
    expect(invoked).toBe(0);
  });

  it('takes over a claim whose lease has run out', async () => {
    const ledger = new InMemoryLedger();
    await ledger.claim('m1', DECISION_TARGET, 'crashed', 999, 0);
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        return [{ action: 'DROP', reason: 'mine' }];
      },
    };

    const decided = await decideOnce(context(ledger, decider), input([target('a')]), []);

    expect(decided.decisionFor(target('a'))).toEqual({ action: 'DROP', reason: 'mine' });
    expect(readDecision((await ledger.read('m1')).entries)?.targets).toEqual({
      'MBX#m-org#a': { action: 'DROP', reason: 'mine' },
    });
  });

  it('releases its claim when the decider fails, so a retry can decide at once', async () => {
    const ledger = new InMemoryLedger();
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        throw new Error('rules unavailable');
      },
    };

    await expect(decideOnce(context(ledger, decider), input([target('a')]), [])).rejects.toThrow(
      'rules unavailable',
    );

    expect((await ledger.read('m1')).entries).toEqual([]);
  });

  it('uses the decision another attempt persisted first', async () => {
    const ledger = new InMemoryLedger();
    const theirs = { version: 1, targets: {}, added: [], retainRaw: true } as const;
    const decider: RecipientDecider = {
      decide: async (_input, control) => {
        await control.exclusive();
        // the lease ran out meanwhile: another attempt took it over and settled first
        ledger.entries.set(`m1|${DECISION_TARGET}`, {
          target: DECISION_TARGET,
          state: 'SENT',
          record: decisionRecord('m1', theirs),
        });
        return { decisions: [{ action: 'DROP', reason: 'mine' }], alongside: async () => undefined };
      },
    };

    const decided = await decideOnce(context(ledger, decider), input([target('a')]), []);

    expect(decided.retainRaw).toBe(true);
    expect(decided.alongside).toBeUndefined();
    expect(decided.decisionFor(target('a'))).toEqual({ action: 'DELIVER', folder: 'INBOX' });
  });
});

describe('readDecision', () => {
  it('refuses a record that is not JSON or not a decision', () => {
    const entry = (reason: string) => ({
      target: DECISION_TARGET,
      state: 'SENT' as const,
      record: { state: 'SENT' as const, recipient: 'm1', reason },
    });

    expect(() => readDecision([entry('{')])).toThrow(DecisionRecordError);
    expect(() => readDecision([entry('{"version":2}')])).toThrow(DecisionRecordError);
    expect(() =>
      readDecision([entry('{"version":1,"decisions":[],"targets":{"MBX#o#a":0},"added":[]}')]),
    ).toThrow(DecisionRecordError);
    expect(readDecision([])).toBeUndefined();
  });
});

describe('decisionRecord', () => {
  it('writes each distinct decision once and reads every target back', () => {
    const bounce = { action: 'BOUNCE', message: 'x'.repeat(512) } as const;
    const targets = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`MBX#o#${i}`, bounce]));
    const decision = { version: 1, targets, added: [], retainRaw: false } as const;

    const record = decisionRecord('m1', decision);

    expect(record.reason?.length).toBeLessThan(20_000);
    expect(readDecision([{ target: DECISION_TARGET, state: 'SENT', record }])).toEqual(decision);
  });
});

describe('resolveAdded', () => {
  it('keeps only known mailboxes of the adding organization that the message does not reach yet', async () => {
    const directory = new InMemoryDirectory();
    directory.add({ kind: 'USER', entityId: 'a', state: 'ENABLED', email: 'a@example.com' });
    directory.add({ kind: 'USER', entityId: 'b', state: 'ENABLED', email: 'b@example.com' });
    const logger = new MemoryLogger();
    const deliver = { action: 'DELIVER', folder: 'INBOX' } as const;

    const added = await resolveAdded(
      directory,
      logger,
      'm1',
      [
        { address: 'a@example.com', organizationId: 'm-org', decision: deliver },
        { address: 'b@example.com', organizationId: 'm-other', decision: deliver },
        { address: 'nobody@example.com', organizationId: 'm-org', decision: deliver },
        { address: 'b@example.com', organizationId: 'm-org', decision: deliver },
        { address: 'B@example.com', organizationId: 'm-org', decision: deliver },
      ],
      [target('a')],
      { defaultQuotaBytes: 10, maxRecipients: 500 },
    );

    expect(added.map((entry) => entry.target.mailboxId)).toEqual(['b']);
    expect(logger.lines).toEqual([{ level: 'warn', message: 'added recipient not delivered' }]);
  });
});

describe('contentLoader', () => {
  it('reads each location once', async () => {
    let reads = 0;
    const load = contentLoader(async () => {
      reads++;
      return new Uint8Array([1]);
    });

    await load({ bucket: 'b', key: 'k' });
    await load({ bucket: 'b', key: 'k' });
    await load({ bucket: 'b', key: 'k', objectVersion: 'v' });

    expect(reads).toBe(2);
  });
});

describe('processInboundRecord with an InboundDecision', () => {
  function setup(decider: RecipientDecider) {
    const directory = new InMemoryDirectory();
    directory.add({ kind: 'USER', entityId: 'alice', state: 'ENABLED', email: 'alice@example.com' });
    directory.add({ kind: 'USER', entityId: 'bcc', state: 'ENABLED', email: 'bcc@example.com' });
    const ledger = new InMemoryLedger();
    const deps = {
      rawSource: new InMemoryRawSource(),
      ledger,
      directory,
      delivery: new RecordingDelivery(ledger),
      decider,
      mailSender: new RecordingMailSender(),
      logger: new MemoryLogger(),
      reportingMta: 'mx.mailwright.test',
    };
    deps.rawSource.objects.set('m1', simpleMessage());
    return deps;
  }
  const record = sesEvent({ messageId: 'm1', recipients: ['alice@example.com'] }).Records[0]!;
  const replaced = { action: 'DELIVER', folder: 'INBOX', content: { bucket: 'b', key: 'new' } } as const;

  it('delivers replaced content to the recipient and the added Bcc, runs the hooks and keeps the raw message', async () => {
    const order: string[] = [];
    const deps = setup({
      decide: async (_input, control) => {
        await control.exclusive();
        return {
          decisions: [replaced],
          added: [{ address: 'bcc@example.com', organizationId: 'm-org', decision: replaced }],
          retainRaw: true,
          alongside: async () => {
            order.push('alongside');
          },
          afterDelivery: async () => {
            order.push('afterDelivery');
          },
        };
      },
    });
    const replacement = simpleMessage('Rewritten subject', 'New body');

    const result = await processInboundRecord(record, {
      ...deps,
      replacements: { get: async () => new Uint8Array(replacement) },
    });
    const replay = await processInboundRecord(record, deps);

    expect(result.recipients.map((r) => r.outcome)).toEqual(['delivered', 'delivered']);
    expect(deps.delivery.calls.map((call) => [call.mailboxId, call.raw.equals(replacement)])).toEqual([
      ['alice', true],
      ['bcc', true],
    ]);
    expect(deps.delivery.calls[0]?.summary.subject).toBe('Rewritten subject');
    expect(order).toEqual(['alongside', 'afterDelivery']);
    expect(result.rawDeleted).toBe(false);
    expect(replay.rawDeleted).toBe(false);
    expect(deps.rawSource.deleted).toEqual([]);
  });

  it('fails the attempt when replaced content must be delivered but no store can read it', async () => {
    const deps = setup({ decide: async () => ({ decisions: [replaced] }) });

    await expect(processInboundRecord(record, deps)).rejects.toThrow('replacements');
    expect(deps.delivery.calls).toEqual([]);
  });
});

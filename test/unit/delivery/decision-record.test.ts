import {
  DecisionRecordError,
  decisionRecord,
  readDecision,
} from '../../../lambdas/core/delivery/decision-record';

/** A ledger entry of the decision target as an earlier release wrote it. */
const stored = (reason: string) => ({
  target: 'DECISION',
  state: 'SENT' as const,
  record: { state: 'SENT' as const, recipient: 'm1', reason },
});

describe('decision record format', () => {
  it('writes the format replays read: SENT, distinct decisions once, targets by index', () => {
    const drop = { action: 'DROP', reason: 'flow rule x' } as const;
    const decision = {
      version: 1,
      targets: { 'MBX#o#a': drop, 'MBX#o#b': { action: 'DELIVER', folder: 'INBOX' }, 'MBX#o#c': drop },
      added: [],
      retainRaw: true,
    } as const;

    const record = decisionRecord('m1', decision);

    expect(record.state).toBe('SENT');
    expect(record.recipient).toBe('m1');
    expect(JSON.parse(record.reason ?? '')).toEqual({
      version: 1,
      decisions: [drop, { action: 'DELIVER', folder: 'INBOX' }],
      targets: { 'MBX#o#a': 0, 'MBX#o#b': 1, 'MBX#o#c': 0 },
      added: [],
      retainRaw: true,
    });
  });

  it('reads a decision stored under the DECISION target', () => {
    const reason =
      '{"version":1,"decisions":[{"action":"DROP","reason":"r"}],"targets":{"MBX#o#a":0},"added":[]}';

    expect(readDecision([stored(reason)])).toEqual({
      version: 1,
      targets: { 'MBX#o#a': { action: 'DROP', reason: 'r' } },
      added: [],
      retainRaw: false,
    });
  });

  it('refuses text that is not JSON, keeping the parse error as the cause', () => {
    const error = (() => {
      try {
        readDecision([stored('{')]);
      } catch (caught) {
        return caught as Error;
      }
    })();

    expect(error).toBeInstanceOf(DecisionRecordError);
    expect(error).toMatchObject({
      name: 'DecisionRecordError',
      message: 'the persisted inbound decision is not JSON',
    });
    expect(error?.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['another version', '{"version":2,"decisions":[],"targets":{},"added":[]}'],
    ['decisions that are not a list', '{"version":1,"decisions":{},"targets":{},"added":[]}'],
    ['targets that are not an object', '{"version":1,"decisions":[],"targets":"x","added":[]}'],
    ['added recipients that are not a list', '{"version":1,"decisions":[],"targets":{},"added":{}}'],
  ])('refuses a record with %s', (_name, reason) => {
    expect(() => readDecision([stored(reason)])).toThrow(
      new DecisionRecordError('the persisted inbound decision has an unknown shape'),
    );
  });

  it('names the target whose decision is missing', () => {
    const reason = '{"version":1,"decisions":[],"targets":{"MBX#o#a":0},"added":[]}';

    expect(() => readDecision([stored(reason)])).toThrow('the persisted decision of MBX#o#a is missing');
  });
});

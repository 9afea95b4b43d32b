import {
  applyLambdaResponse,
  type ApplyResponseInput,
  type LambdaResponseAction,
} from '../../../lambdas/core/flow-lambda';

const org = (address: string) => address.toLowerCase().endsWith('@org.example');
const act = (
  type: LambdaResponseAction['type'],
  more: Partial<LambdaResponseAction> = {},
): LambdaResponseAction => ({
  type,
  recipients: [],
  allRecipients: false,
  ...more,
});
const apply = (actions: LambdaResponseAction[], more: Partial<ApplyResponseInput> = {}) =>
  applyLambdaResponse({
    actions,
    recipients: ['a@org.example', 'b@org.example', 'c@org.example'],
    direction: 'INBOUND',
    fallbackAction: 'MOVE_TO_JUNK',
    isOrganizationAddress: org,
    ...more,
  });
const summary = (result: ReturnType<typeof apply>) =>
  result.decisions.map((d) => `${d.recipient}:${d.action}:${d.source}${d.added ? ':added' : ''}`);

describe('applyLambdaResponse', () => {
  it('applies explicit recipients first, then allRecipients to the rest', () => {
    const result = apply([
      act('DEFAULT', { allRecipients: true }),
      act('DROP', { recipients: ['B@org.example'] }),
    ]);

    expect(summary(result)).toEqual([
      'a@org.example:DEFAULT:RESPONSE',
      'b@org.example:DROP:RESPONSE',
      'c@org.example:DEFAULT:RESPONSE',
    ]);
  });

  it('gives uncovered original recipients the fallback action', () => {
    const result = apply([act('DEFAULT', { recipients: ['a@org.example'] })]);

    expect(summary(result)).toEqual([
      'a@org.example:DEFAULT:RESPONSE',
      'b@org.example:MOVE_TO_JUNK:FALLBACK',
      'c@org.example:MOVE_TO_JUNK:FALLBACK',
    ]);
  });

  it('uses parameters.bounceMessage as the bounce text', () => {
    const result = apply([
      act('BOUNCE', { bounceMessage: 'Email in breach of company policy.', allRecipients: true }),
    ]);

    expect(
      result.decisions.every(
        (d) => d.action === 'BOUNCE' && d.bounceMessage === 'Email in breach of company policy.',
      ),
    ).toBe(true);
  });

  it('resolves a recipient listed under two explicit actions to the most restrictive one', () => {
    const result = apply([
      act('BYPASS_SPAM_CHECK', { recipients: ['a@org.example', 'b@org.example'] }),
      act('MOVE_TO_JUNK', { recipients: ['a@org.example'] }),
      act('BOUNCE', { recipients: ['b@org.example'], bounceMessage: 'no' }),
      act('DROP', { recipients: ['b@org.example'] }),
      act('DEFAULT', { allRecipients: true }),
    ]);

    expect(summary(result)).toEqual([
      'a@org.example:MOVE_TO_JUNK:RESPONSE',
      'b@org.example:DROP:RESPONSE',
      'c@org.example:DEFAULT:RESPONSE',
    ]);
  });

  it('resolves two allRecipients entries to the most restrictive one', () => {
    const result = apply([
      act('DEFAULT', { allRecipients: true }),
      act('MOVE_TO_JUNK', { allRecipients: true }),
    ]);

    expect(result.decisions.map((d) => d.action)).toEqual(['MOVE_TO_JUNK', 'MOVE_TO_JUNK', 'MOVE_TO_JUNK']);
  });

  it('honours only the first 10 unique actions; recipients of later ones get the fallback', () => {
    const recipients = Array.from({ length: 12 }, (_, i) => `u${i}@org.example`);
    const actions = recipients.map((recipient, i) =>
      act('BOUNCE', { recipients: [recipient], bounceMessage: `text ${i}` }),
    );
    actions.push(act('BOUNCE', { recipients: ['u11@org.example'], bounceMessage: 'text 0' }));

    const result = apply(actions, { recipients, fallbackAction: 'DEFAULT' });

    expect(result.decisions.slice(0, 10).every((d) => d.action === 'BOUNCE' && d.source === 'RESPONSE')).toBe(
      true,
    );
    expect(result.decisions[10]).toMatchObject({
      recipient: 'u10@org.example',
      action: 'DEFAULT',
      source: 'FALLBACK',
    });
    // An eleventh entry repeating an already honoured action is still honoured.
    expect(result.decisions[11]).toMatchObject({
      action: 'BOUNCE',
      bounceMessage: 'text 0',
      source: 'RESPONSE',
    });
  });

  it('does not let allRecipients cover a recipient named only by an entry beyond the 10th action', () => {
    const actions = [act('DEFAULT', { allRecipients: true })];
    for (let i = 0; i < 9; i += 1)
      actions.push(act('BOUNCE', { bounceMessage: `t${i}`, recipients: [`x${i}@org.example`] }));
    actions.push(act('DROP', { recipients: ['a@org.example'] }));

    const result = apply(actions);

    expect(summary(result)).toEqual([
      'a@org.example:MOVE_TO_JUNK:FALLBACK',
      'b@org.example:DEFAULT:RESPONSE',
      'c@org.example:DEFAULT:RESPONSE',
    ]);
  });

  it('adds organization recipients (as Bcc) and ignores external ones for inbound mail', () => {
    const result = apply([
      act('DEFAULT', { recipients: ['new-recipient@org.example', 'outsider@elsewhere.example'] }),
      act('DEFAULT', { allRecipients: true }),
    ]);

    expect(summary(result)).toContain('new-recipient@org.example:DEFAULT:RESPONSE:added');
    expect(result.ignored).toEqual([
      { recipient: 'outsider@elsewhere.example', reason: 'OUTSIDE_ORGANIZATION' },
    ]);
  });

  it('lets outbound responses add external recipients', () => {
    const result = apply(
      [act('DEFAULT', { recipients: ['partner@elsewhere.example'], allRecipients: true })],
      {
        direction: 'OUTBOUND',
        fallbackAction: 'DEFAULT',
      },
    );

    expect(summary(result)).toContain('partner@elsewhere.example:DEFAULT:RESPONSE:added');
  });

  it('ignores added recipients under DROP or BOUNCE', () => {
    const result = apply([
      act('DROP', { recipients: ['new@org.example'] }),
      act('DEFAULT', { allRecipients: true }),
    ]);

    expect(result.decisions).toHaveLength(3);
    expect(result.ignored).toEqual([{ recipient: 'new@org.example', reason: 'NOT_A_DELIVERY_ACTION' }]);
  });

  it('stops adding recipients at 500 in total', () => {
    const added = Array.from({ length: 600 }, (_, i) => `n${i}@org.example`);

    const result = apply([act('DEFAULT', { recipients: added, allRecipients: true })]);

    expect(result.decisions).toHaveLength(500);
    expect(result.ignored).toHaveLength(103);
    expect(result.ignored[0]).toEqual({ recipient: 'n497@org.example', reason: 'RECIPIENT_LIMIT' });
  });

  it('decides once per original recipient even when the message lists one twice', () => {
    const result = apply([act('DEFAULT', { allRecipients: true })], {
      recipients: ['a@org.example', 'A@org.example'],
    });

    expect(result.decisions).toHaveLength(1);
  });
});

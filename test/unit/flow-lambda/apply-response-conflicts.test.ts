import { applyLambdaResponse, type LambdaResponseAction } from '../../../lambdas/core/flow-lambda';

// Spec §14.6 decision: the most restrictive action wins (DROP > BOUNCE > MOVE_TO_JUNK > DEFAULT >
// BYPASS_SPAM_CHECK); on a tie the first entry wins. Added recipients are delivered only under a delivering action.
const act = (
  type: LambdaResponseAction['type'],
  more: Partial<LambdaResponseAction> = {},
): LambdaResponseAction => ({
  type,
  recipients: [],
  allRecipients: false,
  ...more,
});
const apply = (actions: LambdaResponseAction[], recipients = ['a@org.example']) =>
  applyLambdaResponse({
    actions,
    recipients,
    direction: 'INBOUND',
    fallbackAction: 'DEFAULT',
    isOrganizationAddress: (address) => address.endsWith('@org.example'),
  });

describe('applyLambdaResponse: conflicts and additions', () => {
  const ORDER = ['DROP', 'BOUNCE', 'MOVE_TO_JUNK', 'DEFAULT', 'BYPASS_SPAM_CHECK'] as const;
  const pairs = ORDER.flatMap((stronger, i) =>
    ORDER.slice(i + 1).map((weaker) => [stronger, weaker] as const),
  );

  it.each(pairs)('%s beats %s for one recipient, in either order', (stronger, weaker) => {
    const entries = [
      act(stronger, { recipients: ['a@org.example'] }),
      act(weaker, { recipients: ['A@org.example'] }),
    ];

    expect(apply(entries).decisions[0]?.action).toBe(stronger);
    expect(apply([...entries].reverse()).decisions[0]?.action).toBe(stronger);
  });

  it('keeps the first of two bounces with different texts', () => {
    const decisions = apply([
      act('BOUNCE', { recipients: ['a@org.example'], bounceMessage: 'first' }),
      act('BOUNCE', { recipients: ['a@org.example'], bounceMessage: 'second' }),
    ]).decisions;

    expect(decisions).toStrictEqual([
      {
        recipient: 'a@org.example',
        action: 'BOUNCE',
        bounceMessage: 'first',
        added: false,
        source: 'RESPONSE',
      },
    ]);
  });

  it('gives a bounce without a text no bounceMessage at all', () => {
    expect(apply([act('BOUNCE', { allRecipients: true })]).decisions).toStrictEqual([
      { recipient: 'a@org.example', action: 'BOUNCE', added: false, source: 'RESPONSE' },
    ]);
  });

  it('counts a bounce with a text and one without as two distinct actions of the ten honoured', () => {
    const entries = [
      ...Array.from({ length: 9 }, (_, i) =>
        act('BOUNCE', { bounceMessage: `text ${i}`, recipients: [`r${i}@org.example`] }),
      ),
      act('BOUNCE', { recipients: ['x@org.example'] }),
      act('DROP', { recipients: ['y@org.example'] }),
    ];

    const actions = apply(entries, ['x@org.example', 'y@org.example']).decisions.map((d) => d.action);

    expect(actions).toEqual(['BOUNCE', 'DEFAULT']);
  });

  it.each(['DEFAULT', 'MOVE_TO_JUNK', 'BYPASS_SPAM_CHECK'] as const)(
    'delivers a recipient added under %s',
    (type) => {
      const result = apply([act(type, { recipients: ['new@org.example'] })]);

      expect(result.decisions).toContainEqual({
        recipient: 'new@org.example',
        action: type,
        added: true,
        source: 'RESPONSE',
      });
      expect(result.ignored).toEqual([]);
    },
  );
});

import { compileRuleSet, evaluateRecipient } from '../../../lambdas/core/flow-rules/engine';
import type { FlowAction, FlowDirection, FlowRule } from '../../../lambdas/core/flow-rules/types';
import { rule } from './memory-flow-rule-store';

// docs/flow-rules.md, "Evaluation" step 3: sender specificity, then destination specificity, then the most
// restrictive action, then the rule name (alphabetical), so the result never depends on storage order.
const ACTIONS: Record<FlowDirection, FlowAction[]> = {
  INBOUND: ['DROP', 'BOUNCE', 'MOVE_TO_JUNK', 'DEFAULT', 'BYPASS_SPAM_CHECK', 'RUN_LAMBDA'],
  OUTBOUND: ['DROP', 'BOUNCE', 'ROUTE_TO_SMTP_GATEWAY', 'DEFAULT', 'RUN_LAMBDA'],
};

function winner(
  direction: FlowDirection,
  rules: FlowRule[],
  from: string,
  recipient: string,
  sender?: string,
) {
  return evaluateRecipient(compileRuleSet(direction, rules), { from, sender }, recipient);
}

describe('Engine: ties between rules of the same action', () => {
  it.each(
    (['INBOUND', 'OUTBOUND'] as const).flatMap((direction) =>
      ACTIONS[direction].map((a) => [direction, a] as const),
    ),
  )(
    '%s: of three equally specific %s rules the alphabetically first wins, in either storage order',
    (direction, action) => {
      const rules = ['rule-b', 'rule-a', 'rule-c'].map((name) =>
        rule({
          name,
          direction,
          action,
          senderPatterns: ['example.com'],
          destinationPatterns: ['corp.example'],
        }),
      );

      for (const stored of [rules, [...rules].reverse()]) {
        expect(winner(direction, stored, 'x@example.com', 'r@corp.example').rule?.name).toBe('rule-a');
      }
    },
  );

  it('invokes the alphabetically first of two equally specific Run Lambda rules', () => {
    const lambda = (name: string, lambdaArn: string) =>
      rule({ name, action: 'RUN_LAMBDA', synchronous: true, lambdaArn, senderPatterns: ['*.example.com'] });
    const rules = [
      lambda('scan-z', 'arn:aws:lambda:eu-west-1:1:function:z'),
      lambda('scan-a', 'arn:aws:lambda:eu-west-1:1:function:a'),
    ];

    const outcome = winner('INBOUND', rules, 'x@mail.example.com', 'r@corp.example');

    expect(outcome.rule?.lambdaArn).toBe('arn:aws:lambda:eu-west-1:1:function:a');
  });

  it.each([
    [['block-2', 'Block', 'block'], 'Block'],
    [['block-2', 'block'], 'block'],
  ])('orders the names %j by character code, a prefix first: %s wins', (names, expected) => {
    const rules = names.map((name) => rule({ name, action: 'BOUNCE' }));

    expect(winner('INBOUND', rules, 'x@example.com', 'r@corp.example').rule?.name).toBe(expected);
  });

  it('lets a more restrictive action win over an alphabetically earlier name', () => {
    const rules = [
      rule({ name: 'a-junk', action: 'MOVE_TO_JUNK' }),
      rule({ name: 'z-drop', action: 'DROP' }),
    ];

    expect(winner('INBOUND', rules, 'x@example.com', 'r@corp.example').rule?.name).toBe('z-drop');
  });

  it('reports the most specific of a rule’s matching sender and destination patterns', () => {
    const rules = [
      rule({
        name: 'r',
        action: 'BOUNCE',
        senderPatterns: ['*', '*.example.com', 'a@example.com', 'example.com'],
        destinationPatterns: ['*', 'corp.example', '*.corp.example'],
      }),
    ];

    expect(winner('INBOUND', rules, 'a@example.com', 'r@corp.example')).toMatchObject({
      senderPattern: 'a@example.com',
      destinationPattern: 'corp.example',
    });
  });

  it('ranks a wildcard with more labels above one with fewer, and both above *', () => {
    const rules = [
      rule({ name: 'any', action: 'DROP', senderPatterns: ['*'] }),
      rule({ name: 'short', action: 'BOUNCE', senderPatterns: ['*.example.com'] }),
      rule({ name: 'long', action: 'DEFAULT', senderPatterns: ['*.mail.example.com'] }),
    ];

    expect(winner('INBOUND', rules, 'x@eu.mail.example.com', 'r@corp.example').rule?.name).toBe('long');
    expect(winner('INBOUND', rules, 'x@eu.web.example.com', 'r@corp.example').rule?.name).toBe('short');
    expect(winner('INBOUND', rules, 'x@example.org', 'r@corp.example').rule?.name).toBe('any');
  });

  it('ranks destination patterns on the same ladder when sender patterns tie', () => {
    const destinations = [
      '*',
      '*.corp.example',
      '*.eu.corp.example',
      'eu.corp.example',
      'ceo@eu.corp.example',
    ];
    const rules = destinations.map((pattern, i) =>
      // The least specific destination gets the most restrictive action, so the action rank never decides.
      rule({ name: `d${i}`, action: ACTIONS.INBOUND[i]!, destinationPatterns: [pattern] }),
    );

    expect(winner('INBOUND', rules, 'x@example.com', 'ceo@eu.corp.example').rule?.name).toBe('d4');
    expect(winner('INBOUND', rules, 'x@example.com', 'cfo@eu.corp.example').rule?.name).toBe('d3');
    expect(winner('INBOUND', rules, 'x@example.com', 'cfo@it.eu.corp.example').rule?.name).toBe('d2');
    expect(winner('INBOUND', rules, 'x@example.com', 'cfo@corp.example').rule?.name).toBe('d1');
    expect(winner('INBOUND', rules, 'x@example.com', 'cfo@other.example').rule?.name).toBe('d0');
  });

  it('outbound: ranks wildcard matches of Sender: and From: by their labels, not their length', () => {
    const rules = [
      rule({
        name: 'a',
        direction: 'OUTBOUND',
        action: 'DROP',
        senderPatterns: ['*.a-very-long-agency-name.test'],
      }),
      rule({ name: 'b', direction: 'OUTBOUND', action: 'DEFAULT', senderPatterns: ['*.mail.corp.example'] }),
    ];

    // Sender: matches a 2-label wildcard four labels up its domain, From: a 3-label one at its own domain.
    const outcome = winner(
      'OUTBOUND',
      rules,
      'ceo@mail.corp.example',
      'x@rival.test',
      'pa@w.x.y.a-very-long-agency-name.test',
    );

    expect(outcome).toMatchObject({ rule: { name: 'b' }, matchedHeader: 'FROM' });
  });

  it('lets the action rank decide across destination patterns when the policy says so', () => {
    const rules = [
      rule({ name: 'all', action: 'DEFAULT', destinationPatterns: ['*'] }),
      rule({ name: 'domain', action: 'MOVE_TO_JUNK', destinationPatterns: ['corp.example'] }),
      rule({ name: 'ceo', action: 'DROP', destinationPatterns: ['ceo@corp.example'] }),
    ];
    const policy = { recipientSpecificityBreaksTies: false, inboundFromFallbackPerRecipient: true };

    const set = compileRuleSet('INBOUND', rules, 0, policy);

    expect(evaluateRecipient(set, { from: 'x@example.com' }, 'ceo@corp.example').rule?.name).toBe('ceo');
    expect(evaluateRecipient(set, { from: 'x@example.com' }, 'cfo@corp.example').rule?.name).toBe('domain');
  });
});

describe('Engine: stored rules it cannot use', () => {
  it('skips sender and destination patterns that no longer parse, and keeps the valid ones', () => {
    const rules = [
      rule({ name: 'bad-destination', action: 'DROP', destinationPatterns: ['a+b@corp.example'] }),
      rule({ name: 'bad-sender', action: 'DROP', senderPatterns: ['x+y@example.com'] }),
      rule({ name: 'mixed', action: 'BOUNCE', senderPatterns: ['bad+one.test', 'example.com'] }),
    ];

    expect(winner('INBOUND', rules, 'x@example.com', 'a+b@corp.example').rule?.name).toBe('mixed');
  });

  it.each([
    ['INBOUND', 'ROUTE_TO_SMTP_GATEWAY'],
    ['OUTBOUND', 'MOVE_TO_JUNK'],
  ] as const)('%s: ranks a rule with the foreign action %s below every valid rule', (direction, foreign) => {
    const rules = [
      rule({ name: 'a-foreign', direction, action: foreign }),
      rule({ name: 'z-lambda', direction, action: 'RUN_LAMBDA' }),
    ];

    expect(winner(direction, rules, 'x@example.com', 'r@corp.example').rule?.name).toBe('z-lambda');
  });
});

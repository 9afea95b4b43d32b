import {
  compileRuleSet,
  deliveryAction,
  evaluateFlowRules,
  evaluateRecipient,
} from '../../../lambdas/core/flow-rules/engine';
import { parsePattern, patternMatches } from '../../../lambdas/core/flow-rules/patterns';
import type { FlowAction, FlowDirection, FlowRule } from '../../../lambdas/core/flow-rules/types';
import { rule } from './memory-flow-rule-store';

// The precedence the spec requires (requirement 8 and the §14.1 decision), written out independently of the
// constants so that changing a constant fails this suite.
const EXPECTED_ORDER: Record<FlowDirection, FlowAction[]> = {
  INBOUND: ['DROP', 'BOUNCE', 'MOVE_TO_JUNK', 'DEFAULT', 'BYPASS_SPAM_CHECK', 'RUN_LAMBDA'],
  OUTBOUND: ['DROP', 'BOUNCE', 'ROUTE_TO_SMTP_GATEWAY', 'DEFAULT', 'RUN_LAMBDA'],
};

function decide(
  direction: FlowDirection,
  rules: FlowRule[],
  from: string,
  recipient: string,
  sender?: string,
) {
  return evaluateRecipient(compileRuleSet(direction, rules), { from, sender }, recipient);
}

describe('Engine: action precedence at equal specificity', () => {
  const pairs = (['INBOUND', 'OUTBOUND'] as const).flatMap((direction) => {
    const order = EXPECTED_ORDER[direction];
    return order.flatMap((stronger, i) =>
      order.slice(i + 1).map((weaker) => [direction, stronger, weaker] as const),
    );
  });

  it.each(pairs)('%s: %s beats %s', (direction, stronger, weaker) => {
    // Both name orders and both insertion orders, so neither the name nor the position decides.
    for (const [strongName, weakName] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const rules = [
        rule({ name: strongName, direction, action: stronger, senderPatterns: ['example.com'] }),
        rule({ name: weakName, direction, action: weaker, senderPatterns: ['example.com'] }),
      ];
      for (const ordered of [rules, [...rules].reverse()]) {
        const outcome = decide(direction, ordered, 'x@example.com', 'r@corp.example');
        expect(outcome.action).toBe(stronger);
        expect(outcome.rule?.name).toBe(strongName);
      }
    }
  });
});

describe('Engine: sender specificity', () => {
  // For sender a@mail.example.com, most specific first.
  const levels = ['a@mail.example.com', 'mail.example.com', '*.mail.example.com', '*.example.com', '*'];
  const pairs = levels.flatMap((specific, i) =>
    levels.slice(i + 1).map((general) => [specific, general] as const),
  );

  it.each(
    (['INBOUND', 'OUTBOUND'] as const).flatMap((direction) =>
      pairs.map(([specific, general]) => [direction, specific, general] as const),
    ),
  )('%s: a DEFAULT rule for %s overrides a DROP rule for %s', (direction, specific, general) => {
    const rules = [
      rule({ name: 'general', direction, action: 'DROP', senderPatterns: [general] }),
      rule({ name: 'specific', direction, action: 'DEFAULT', senderPatterns: [specific] }),
    ];
    const outcome = decide(direction, rules, 'A@Mail.Example.com', 'r@corp.example');
    expect(outcome).toMatchObject({ action: 'DEFAULT', senderPattern: specific });
    expect(outcome.rule?.name).toBe('specific');
  });

  it('carves one address out of a blocked domain (FAQ example)', () => {
    const rules = [
      rule({ name: 'block', action: 'BOUNCE', senderPatterns: ['*.example.com'] }),
      rule({ name: 'allow', action: 'DEFAULT', senderPatterns: ['myemail@example.com'] }),
    ];
    expect(decide('INBOUND', rules, 'myemail@example.com', 'r@corp.example').action).toBe('DEFAULT');
    expect(decide('INBOUND', rules, 'other@example.com', 'r@corp.example').action).toBe('BOUNCE');
    expect(decide('INBOUND', rules, 'other@sub.example.com', 'r@corp.example').action).toBe('BOUNCE');
  });

  it('lets recipient specificity break a tie in sender specificity before the action rank', () => {
    const rules = [
      rule({ name: 'drop-all', action: 'DROP', senderPatterns: ['example.com'], destinationPatterns: ['*'] }),
      rule({
        name: 'ceo',
        action: 'DEFAULT',
        senderPatterns: ['example.com'],
        destinationPatterns: ['ceo@corp.example'],
      }),
    ];
    expect(decide('INBOUND', rules, 'x@example.com', 'ceo@corp.example').rule?.name).toBe('ceo');
    expect(decide('INBOUND', rules, 'x@example.com', 'cfo@corp.example').rule?.name).toBe('drop-all');
  });

  it('returns DEFAULT without a rule when nothing matches', () => {
    const rules = [rule({ name: 'r', action: 'DROP', senderPatterns: ['example.com'] })];
    expect(decide('INBOUND', rules, 'x@example.org', 'r@corp.example')).toEqual({
      recipient: 'r@corp.example',
      action: 'DEFAULT',
    });
  });

  it('ignores rules of the other direction', () => {
    const rules = [rule({ name: 'r', direction: 'OUTBOUND', action: 'DROP' })];
    expect(decide('INBOUND', rules, 'x@example.com', 'r@corp.example').action).toBe('DEFAULT');
  });
});

describe('Engine: patterns (requirement 5)', () => {
  it.each([
    ['example.com', 'a@example.com', true],
    ['example.com', 'a@sub.example.com', false],
    ['*.example.com', 'a@example.com', true],
    ['*.example.com', 'a@sub.example.com', true],
    ['*.example.com', 'a@badexample.com', false],
    ['*', 'anyone@anywhere.test', true],
    ['A@Example.COM', 'a@example.com', true],
    ['example.com', 'A@EXAMPLE.com', true],
    ['a@example.com', 'b@example.com', false],
  ])('%s matching %s is %s', (pattern, address, expected) => {
    const rules = [rule({ name: 'r', action: 'DROP', senderPatterns: [pattern] })];
    expect(decide('INBOUND', rules, address, 'r@corp.example').action).toBe(expected ? 'DROP' : 'DEFAULT');
    const destination = [rule({ name: 'r', action: 'DROP', destinationPatterns: [pattern] })];
    expect(decide('INBOUND', destination, 'x@y.test', address).action).toBe(expected ? 'DROP' : 'DEFAULT');
  });
});

describe('Engine: per-recipient outcomes (requirement 7)', () => {
  it('delivers, junks and bounces the three recipients of one message', () => {
    const set = compileRuleSet('INBOUND', [
      rule({
        name: 'junk-sales',
        action: 'MOVE_TO_JUNK',
        senderPatterns: ['*.vendor.test'],
        destinationPatterns: ['sales@corp.example'],
      }),
      rule({
        name: 'bounce-legal',
        action: 'BOUNCE',
        senderPatterns: ['vendor.test'],
        destinationPatterns: ['legal@corp.example'],
      }),
    ]);
    const outcomes = evaluateFlowRules(set, {
      from: 'offers@vendor.test',
      recipients: ['ceo@corp.example', 'sales@corp.example', 'legal@corp.example'],
    });
    expect(outcomes.map((outcome) => [outcome.recipient, outcome.action, outcome.rule?.name])).toEqual([
      ['ceo@corp.example', 'DEFAULT', undefined],
      ['sales@corp.example', 'MOVE_TO_JUNK', 'junk-sales'],
      ['legal@corp.example', 'BOUNCE', 'bounce-legal'],
    ]);
  });
});

describe('Engine: which header is matched (requirement 6)', () => {
  const rules = [
    rule({ name: 'assistant', action: 'MOVE_TO_JUNK', senderPatterns: ['assistant@agency.test'] }),
    rule({ name: 'boss', action: 'BOUNCE', senderPatterns: ['boss@client.test'] }),
  ];

  it('uses the Sender: header first for inbound mail', () => {
    const outcome = decide('INBOUND', rules, 'boss@client.test', 'r@corp.example', 'assistant@agency.test');
    expect(outcome).toMatchObject({ action: 'MOVE_TO_JUNK', matchedHeader: 'SENDER' });
  });

  it('falls back to From: when the Sender: header matches no rule', () => {
    const outcome = decide('INBOUND', rules, 'boss@client.test', 'r@corp.example', 'nobody@else.test');
    expect(outcome).toMatchObject({ action: 'BOUNCE', matchedHeader: 'FROM' });
  });

  it('uses From: when there is no Sender: header', () => {
    expect(decide('INBOUND', rules, 'boss@client.test', 'r@corp.example')).toMatchObject({
      action: 'BOUNCE',
      matchedHeader: 'FROM',
    });
  });

  it('falls back to From: per recipient when the Sender: rule does not cover that recipient', () => {
    const scoped = [
      rule({
        name: 'assistant',
        action: 'MOVE_TO_JUNK',
        senderPatterns: ['assistant@agency.test'],
        destinationPatterns: ['a@corp.example'],
      }),
      rule({ name: 'boss', action: 'BOUNCE', senderPatterns: ['boss@client.test'] }),
    ];
    expect(
      decide('INBOUND', scoped, 'boss@client.test', 'b@corp.example', 'assistant@agency.test').action,
    ).toBe('BOUNCE');
  });

  it('outbound: applies a rule when either Sender: or From: matches, taking the better match', () => {
    const outbound = [
      rule({
        name: 'domain',
        direction: 'OUTBOUND',
        action: 'DROP',
        senderPatterns: ['corp.example'],
        destinationPatterns: ['rival.test'],
      }),
      rule({
        name: 'ceo',
        direction: 'OUTBOUND',
        action: 'DEFAULT',
        senderPatterns: ['ceo@corp.example'],
        destinationPatterns: ['rival.test'],
      }),
    ];
    expect(decide('OUTBOUND', outbound, 'x@other.test', 'y@rival.test', 'pa@corp.example').action).toBe(
      'DROP',
    );
    expect(decide('OUTBOUND', outbound, 'pa@corp.example', 'y@rival.test', 'x@other.test').action).toBe(
      'DROP',
    );
    expect(decide('OUTBOUND', outbound, 'ceo@corp.example', 'y@rival.test', 'pa@corp.example')).toMatchObject(
      {
        action: 'DEFAULT',
        matchedHeader: 'FROM',
      },
    );
    expect(decide('OUTBOUND', outbound, 'pa@corp.example', 'y@elsewhere.test').action).toBe('DEFAULT');
  });
});

describe('Engine: delivery action', () => {
  it('treats an asynchronous Run Lambda rule as DEFAULT delivery and keeps a synchronous one', () => {
    const asyncRule = rule({ name: 'async', action: 'RUN_LAMBDA', synchronous: false });
    const syncRule = rule({ name: 'sync', action: 'RUN_LAMBDA', synchronous: true });
    expect(deliveryAction({ recipient: 'r', action: 'RUN_LAMBDA', rule: asyncRule })).toBe('DEFAULT');
    expect(deliveryAction({ recipient: 'r', action: 'RUN_LAMBDA', rule: syncRule })).toBe('RUN_LAMBDA');
    expect(deliveryAction({ recipient: 'r', action: 'BOUNCE' })).toBe('BOUNCE');
  });
});

describe('Engine: the index agrees with a linear scan', () => {
  // A seeded generator keeps the case reproducible.
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const domains = ['example.com', 'mail.example.com', 'a.mail.example.com', 'example.org', 'corp.example'];
  const locals = ['a', 'b', 'ceo'];
  const pick = <T>(items: readonly T[]) => items[random(items.length)]!;
  const pattern = () => {
    const domain = pick(domains);
    return pick([`${pick(locals)}@${domain}`, domain, `*.${domain}`, '*']);
  };
  const address = () => `${pick(locals)}@${pick(domains)}`;

  function linear(direction: FlowDirection, rules: FlowRule[], from: string, recipient: string) {
    const best = (patterns: readonly string[], target: string) =>
      Math.max(
        -1,
        ...patterns
          .map((p) => parsePattern(p))
          .filter((p) => p.ok)
          .filter((p) => patternMatches(p.pattern, target))
          .map((p) => p.pattern.specificity),
      );
    const scored = rules
      .map((r) => ({
        r,
        s: best(r.senderPatterns, from),
        d: best(r.destinationPatterns, recipient),
        k: EXPECTED_ORDER[direction].length - EXPECTED_ORDER[direction].indexOf(r.action),
      }))
      .filter((c) => c.s >= 0 && c.d >= 0)
      .sort((a, b) => b.s - a.s || b.d - a.d || b.k - a.k || a.r.name.localeCompare(b.r.name));
    return scored[0]?.r.name;
  }

  it.each(['INBOUND', 'OUTBOUND'] as const)(
    '%s: 300 random messages against 40 random rules',
    (direction) => {
      const actions = EXPECTED_ORDER[direction];
      const rules = Array.from({ length: 40 }, (_, i) =>
        rule({
          name: `r${String(i).padStart(2, '0')}`,
          direction,
          action: pick(actions),
          senderPatterns: Array.from({ length: 1 + random(3) }, pattern),
          destinationPatterns: Array.from({ length: 1 + random(2) }, pattern),
        }),
      );
      const set = compileRuleSet(direction, rules);
      for (let i = 0; i < 300; i += 1) {
        const from = address();
        const recipient = address();
        expect(evaluateRecipient(set, { from }, recipient).rule?.name).toBe(
          linear(direction, rules, from, recipient),
        );
      }
    },
  );
});

describe('Engine: the alternative §14 policies stay working', () => {
  it('lets the action rank decide directly when recipient specificity does not break ties', () => {
    const rules = [
      rule({ name: 'drop-all', action: 'DROP', senderPatterns: ['example.com'], destinationPatterns: ['*'] }),
      rule({
        name: 'ceo',
        action: 'DEFAULT',
        senderPatterns: ['example.com'],
        destinationPatterns: ['ceo@corp.example'],
      }),
      rule({
        name: 'junk-ceo',
        action: 'MOVE_TO_JUNK',
        senderPatterns: ['*'],
        destinationPatterns: ['ceo@corp.example'],
      }),
    ];
    const policy = { recipientSpecificityBreaksTies: false, inboundFromFallbackPerRecipient: true };
    const set = compileRuleSet('INBOUND', rules, 0, policy);
    expect(evaluateRecipient(set, { from: 'x@example.com' }, 'ceo@corp.example').rule?.name).toBe('drop-all');
    const outbound = compileRuleSet(
      'OUTBOUND',
      rules.map((r) => ({ ...r, direction: 'OUTBOUND' as const })),
      0,
      policy,
    );
    expect(
      evaluateRecipient(outbound, { sender: 'x@example.com', from: 'y@example.com' }, 'ceo@corp.example'),
    ).toMatchObject({
      action: 'DROP',
      matchedHeader: 'SENDER',
    });
  });

  it('skips From: when the Sender: header matches some rule for another recipient, if so decided', () => {
    const rules = [
      rule({
        name: 'assistant',
        action: 'MOVE_TO_JUNK',
        senderPatterns: ['assistant@agency.test'],
        destinationPatterns: ['a@corp.example'],
      }),
      rule({ name: 'boss', action: 'BOUNCE', senderPatterns: ['boss@client.test'] }),
    ];
    const set = compileRuleSet('INBOUND', rules, 0, {
      recipientSpecificityBreaksTies: true,
      inboundFromFallbackPerRecipient: false,
    });
    const message = { sender: 'assistant@agency.test', from: 'boss@client.test' };
    expect(evaluateRecipient(set, message, 'b@corp.example').action).toBe('DEFAULT');
    expect(evaluateRecipient(set, { ...message, sender: 'other@agency.test' }, 'b@corp.example').action).toBe(
      'BOUNCE',
    );
  });
});

describe('Engine: outbound Sender: and From: of equal sender specificity', () => {
  it('prefers the match with the more specific destination pattern', () => {
    const rules = [
      rule({ name: 'by-sender', direction: 'OUTBOUND', action: 'DROP', senderPatterns: ['agency.test'] }),
      rule({
        name: 'by-from',
        direction: 'OUTBOUND',
        action: 'DEFAULT',
        senderPatterns: ['corp.example'],
        destinationPatterns: ['rival.test'],
      }),
    ];
    const message = { sender: 'pa@agency.test', from: 'ceo@corp.example' };
    expect(decide('OUTBOUND', rules, message.from, 'x@rival.test', message.sender).rule?.name).toBe(
      'by-from',
    );
    expect(decide('OUTBOUND', rules, message.from, 'x@other.test', message.sender).rule?.name).toBe(
      'by-sender',
    );
  });
});

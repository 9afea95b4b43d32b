import { PatternIndex } from '../../../lambdas/core/flow-rules/pattern-index';
import { parsePattern, patternMatches, type ParsedPattern } from '../../../lambdas/core/flow-rules/patterns';

function parsed(text: string): ParsedPattern {
  const result = parsePattern(text);
  if (!result.ok) throw new Error(result.reason);
  return result.pattern;
}

describe('parsePattern', () => {
  it.each([
    ['Mailbox@Example.com', 'ADDRESS', 'mailbox@example.com'],
    ['example.com', 'DOMAIN', 'example.com'],
    ['*.Example.com', 'WILDCARD', 'example.com'],
    ['*', 'ANY', ''],
    ['first.last@sub.example.co.uk', 'ADDRESS', 'first.last@sub.example.co.uk'],
  ])('reads %s as %s', (text, kind, value) => {
    expect(parsed(text)).toMatchObject({ kind, value });
  });

  it.each([
    '',
    '   ',
    'a+b@example.com',
    'example+.com',
    '*example.com',
    'a.*.com',
    '**',
    '*.',
    'a@',
    '@example.com',
    'a@b@c.com',
    '.example.com',
    'exa mple.com',
    'a b@example.com',
    'a..b@example.com',
    '.a@example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(62)}`,
  ])('rejects %j', (text) => {
    expect(parsePattern(text).ok).toBe(false);
  });

  it.each([
    `${'a'.repeat(64)}@example.com`,
    `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(61)}`,
  ])('accepts a local part of 64 and a domain of 253 characters (%#)', (text) => {
    expect(parsePattern(text)).toMatchObject({ ok: true, pattern: { kind: 'ADDRESS', value: text } });
  });

  it('explains why it rejects a pattern', () => {
    expect(parsePattern('*.exa mple.com')).toEqual({
      ok: false,
      reason: "'exa mple.com' is not a valid domain",
    });
    expect(parsePattern('a b@example.com')).toEqual({
      ok: false,
      reason: 'expected local@domain, domain, *.domain or *',
    });
  });

  it('gives a wildcard 1,000 plus the number of its labels, as documented', () => {
    expect(parsed('*.Example.com').specificity).toBe(1002);
    expect(parsed('*.a-long-label-that-is-one.example').specificity).toBe(1002);
  });

  it('orders specificity address > domain > longer wildcard > shorter wildcard > *', () => {
    const order = ['a@mail.example.com', 'mail.example.com', '*.mail.example.com', '*.example.com', '*'].map(
      (p) => parsed(p).specificity,
    );
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
  });
});

describe('PatternIndex', () => {
  it('yields the matching slots most specific first', () => {
    const index = new PatternIndex<string[]>(() => []);
    for (const text of [
      '*',
      '*.example.com',
      'a@mail.example.com',
      '*.mail.example.com',
      'mail.example.com',
      'other.com',
    ]) {
      index.slot(parsed(text)).push(text);
    }
    expect([...index.lookup('A@Mail.Example.com')].map(([, slot]) => slot[0])).toEqual([
      'a@mail.example.com',
      'mail.example.com',
      '*.mail.example.com',
      '*.example.com',
      '*',
    ]);
    expect([...index.lookup('b@example.com')].map(([, slot]) => slot[0])).toEqual(['*.example.com', '*']);
    expect([...index.lookup(' A@MAIL.example.com ')].map(([, slot]) => slot[0])).toHaveLength(5);
  });

  it('reports a wildcard match with the specificity of its pattern, counted in labels', () => {
    const index = new PatternIndex<string[]>(() => []);
    for (const text of ['*.example.com', '*.a-very-long-label.example.com'])
      index.slot(parsed(text)).push(text);

    expect([...index.lookup('x@a.b.a-very-long-label.example.com')]).toEqual([
      [1003, ['*.a-very-long-label.example.com']],
      [1002, ['*.example.com']],
    ]);
    expect([...index.lookup('x@')]).toEqual([]);
  });
});

describe('patternMatches', () => {
  it.each([
    ['*', 'x@anything.test', true],
    ['a@example.com', 'A@EXAMPLE.COM', true],
    ['a@example.com', 'b@example.com', false],
    ['example.com', 'a@sub.example.com', false],
    ['*.example.com', 'a@example.com', true],
    ['*.example.com', 'a@deep.sub.example.com', true],
    ['*.example.com', 'a@notexample.com', false],
    ['*.example.com', ' A@Example.COM ', true],
    ['a@example.com', ' a@example.com\t', true],
    ['example.com', 'odd@name@example.com', true],
  ])('%s against %j is %s', (pattern, address, expected) => {
    expect(patternMatches(parsed(pattern), address)).toBe(expected);
  });
});

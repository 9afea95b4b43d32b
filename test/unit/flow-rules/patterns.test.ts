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
  ])('rejects %j', (text) => {
    expect(parsePattern(text).ok).toBe(false);
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
  ])('%s against %s is %s', (pattern, address, expected) => {
    expect(patternMatches(parsed(pattern), address)).toBe(expected);
  });
});

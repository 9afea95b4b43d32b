import { applyKeywordChange, normalizeKeyword } from '../../../lambdas/core/mailbox/keywords';

describe('keywords', () => {
  it('lower-cases keywords and refuses IMAP atom-specials, spaces, controls and over-long ones', () => {
    expect(normalizeKeyword('$Seen')).toBe('$seen');
    expect(normalizeKeyword('Work')).toBe('work');
    expect(normalizeKeyword('x'.repeat(255))).toBe('x'.repeat(255));
    for (const bad of [
      '',
      'a b',
      'a(b',
      'a)',
      'a{',
      'a]',
      '100%',
      'a*',
      'say"x"',
      'back\\slash',
      'x'.repeat(256),
      'é',
      '\u0001',
    ])
      expect(normalizeKeyword(bad)).toBeUndefined();
  });

  it('adds and removes keywords, keeping a sorted set', () => {
    expect(applyKeywordChange(['$seen'], { add: ['$Flagged', '$seen'] })).toEqual({
      keywords: ['$flagged', '$seen'],
    });
    expect(applyKeywordChange(['$flagged', '$seen'], { remove: ['$SEEN'] })).toEqual({
      keywords: ['$flagged'],
    });
  });

  it('replaces the whole set', () => {
    expect(applyKeywordChange(['$seen', 'old'], { set: ['New', '$answered'] })).toEqual({
      keywords: ['$answered', 'new'],
    });
  });

  it('names the first invalid keyword and changes nothing', () => {
    expect(applyKeywordChange(['$seen'], { add: ['ok', 'not ok'] })).toEqual({ invalid: 'not ok' });
    expect(applyKeywordChange(['$seen'], { set: ['(x)'] })).toEqual({ invalid: '(x)' });
  });

  it('refuses more than 100 keywords on one message', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => `k${String(index).padStart(3, '0')}`);

    expect(applyKeywordChange([], { set: hundred })).toEqual({ keywords: hundred });
    expect(applyKeywordChange(hundred, { add: ['zzz'] })).toEqual({ tooMany: true });
  });
});

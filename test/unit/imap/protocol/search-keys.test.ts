import { MAX_SEARCH_DEPTH } from '../../../../lambdas/imap/protocol/search-keys';
import type { SearchKey } from '../../../../lambdas/imap/protocol';
import { bad, events, parse } from './events';

const criteria = (keys: string): SearchKey => (parse(`a SEARCH ${keys}`) as { criteria: SearchKey }).criteria;
const unseen: SearchKey = { type: 'flag', flag: '\\Seen', set: false };

describe('Parser: SEARCH keys', () => {
  it.each<[string, SearchKey]>([
    ['ALL', { type: 'all' }],
    ['answered', { type: 'flag', flag: '\\Answered', set: true }],
    ['DELETED', { type: 'flag', flag: '\\Deleted', set: true }],
    ['DRAFT', { type: 'flag', flag: '\\Draft', set: true }],
    ['FLAGGED', { type: 'flag', flag: '\\Flagged', set: true }],
    ['SEEN', { type: 'flag', flag: '\\Seen', set: true }],
    ['UNANSWERED', { type: 'flag', flag: '\\Answered', set: false }],
    ['UNDELETED', { type: 'flag', flag: '\\Deleted', set: false }],
    ['UNDRAFT', { type: 'flag', flag: '\\Draft', set: false }],
    ['UNFLAGGED', { type: 'flag', flag: '\\Flagged', set: false }],
    ['UNSEEN', unseen],
    ['RECENT', { type: 'recent', set: true }],
    ['OLD', { type: 'recent', set: false }],
    ['NEW', { type: 'and', keys: [{ type: 'recent', set: true }, unseen] }],
    ['KEYWORD $Work', { type: 'flag', flag: '$Work', set: true }],
    ['UNKEYWORD $Work', { type: 'flag', flag: '$Work', set: false }],
    ['FROM "a b"', { type: 'header', field: 'from', value: 'a b' }],
    ['TO x', { type: 'header', field: 'to', value: 'x' }],
    ['CC x', { type: 'header', field: 'cc', value: 'x' }],
    ['BCC x', { type: 'header', field: 'bcc', value: 'x' }],
    ['SUBJECT "日本"', { type: 'header', field: 'subject', value: '日本' }],
    ['HEADER List-Id ""', { type: 'header', field: 'list-id', value: '' }],
    ['BODY x', { type: 'body', value: 'x' }],
    ['TEXT x', { type: 'text', value: 'x' }],
    ['BEFORE 1-Feb-1994', { type: 'date', field: 'internal', op: 'before', date: '1994-02-01' }],
    ['ON "29-feb-2024"', { type: 'date', field: 'internal', op: 'on', date: '2024-02-29' }],
    ['SINCE 31-Dec-1999', { type: 'date', field: 'internal', op: 'since', date: '1999-12-31' }],
    ['SENTBEFORE 1-Jan-2000', { type: 'date', field: 'sent', op: 'before', date: '2000-01-01' }],
    ['SENTON 1-Jan-2000', { type: 'date', field: 'sent', op: 'on', date: '2000-01-01' }],
    ['SENTSINCE 1-Jan-2000', { type: 'date', field: 'sent', op: 'since', date: '2000-01-01' }],
    ['LARGER 0', { type: 'size', op: 'larger', bytes: 0 }],
    ['SMALLER 5000000000', { type: 'size', op: 'smaller', bytes: 5000000000 }],
    ['UID 1:*', { type: 'uid', set: [{ from: 1, to: '*' }] }],
    ['UID $', { type: 'uid', set: '$' }],
    [
      '2,4:*',
      {
        type: 'seq',
        set: [
          { from: 2, to: 2 },
          { from: 4, to: '*' },
        ],
      },
    ],
    ['$', { type: 'seq', set: '$' }],
    ['MODSEQ 620162338', { type: 'modseq', modseq: 620162338 }],
    ['MODSEQ "/flags/\\\\draft" all 620162338', { type: 'modseq', modseq: 620162338 }],
    ['OLDER 3600', { type: 'age', op: 'older', seconds: 3600 }],
    ['YOUNGER 1', { type: 'age', op: 'younger', seconds: 1 }],
  ])('parses %s', (keys, expected) => {
    expect(criteria(keys)).toEqual(expected);
  });

  it('builds trees from OR, NOT, parentheses and implicit AND', () => {
    expect(criteria('OR OR SEEN (FROM a NOT DRAFT) UID 3 NOT (DELETED)')).toEqual({
      type: 'and',
      keys: [
        {
          type: 'or',
          left: {
            type: 'or',
            left: { type: 'flag', flag: '\\Seen', set: true },
            right: {
              type: 'and',
              keys: [
                { type: 'header', field: 'from', value: 'a' },
                { type: 'not', key: { type: 'flag', flag: '\\Draft', set: true } },
              ],
            },
          },
          right: { type: 'uid', set: [{ from: 3, to: 3 }] },
        },
        { type: 'not', key: { type: 'flag', flag: '\\Deleted', set: true } },
      ],
    });
  });

  it('parses CHARSET and a literal argument', () => {
    const [continued, event] = events('a SEARCH CHARSET UTF-8 SUBJECT {6}\r\n日本\r\n');
    expect(continued).toEqual({ type: 'continue' });
    expect(event).toMatchObject({
      command: { charset: 'UTF-8', criteria: { type: 'header', value: '日本' } },
    });
    expect(parse('a SEARCH ALL')).toEqual({
      tag: 'a',
      name: 'SEARCH',
      uid: false,
      criteria: { type: 'all' },
    });
  });

  it('parses RETURN options (ESEARCH, SEARCHRES) before CHARSET', () => {
    expect(parse('a UID SEARCH RETURN (MIN max COUNT ALL SAVE) CHARSET US-ASCII ALL')).toMatchObject({
      uid: true,
      returns: ['MIN', 'MAX', 'COUNT', 'ALL', 'SAVE'],
      charset: 'US-ASCII',
    });
    expect(parse('a SEARCH RETURN () ALL')).toMatchObject({ returns: [] });
    expect(bad('a SEARCH RETURN (FROB) ALL').text).toBe('Unknown search return option');
  });

  it(`allows nesting ${MAX_SEARCH_DEPTH} deep and refuses one more`, () => {
    expect(criteria(`${'NOT '.repeat(MAX_SEARCH_DEPTH)}SEEN`)).toMatchObject({ type: 'not' });
    expect(bad(`a SEARCH ${'NOT '.repeat(MAX_SEARCH_DEPTH + 1)}SEEN`).text).toBe(
      'Search keys nested too deeply',
    );
    expect(bad(`a SEARCH ${'('.repeat(10_000)}SEEN${')'.repeat(10_000)}`).text).toBe(
      'Search keys nested too deeply',
    );
  });

  it.each([
    ['FROB', 'Unknown search key'],
    ['', 'Missing space between arguments'],
    ['OR SEEN', 'Missing space between arguments'],
    ['NOT', 'Missing space between arguments'],
    ['KEYWORD \\Seen', 'KEYWORD takes a keyword, not a system flag'],
    ['SINCE 30-Feb-2020', 'Invalid date'],
    ['SINCE 1-Foo-2020', 'Invalid date'],
    ['SINCE 1-Feb-94', 'Invalid date'],
    ['SINCE 123-Feb-1994', 'Invalid date'],
    ['LARGER x', 'Expected a number'],
    ['OLDER 0', 'Expected a non-zero number'],
    ['MODSEQ "/x/y" all 1', 'Invalid MODSEQ entry name'],
    ['MODSEQ "/flags/\\\\seen" mine 1', 'Invalid entry type'],
    ['UID 0', 'Invalid sequence set'],
    ['(SEEN', 'Missing space between arguments'],
    ['SEEN)', 'Missing space between arguments'],
  ])('refuses %j', (keys, text) => {
    expect(bad(`a SEARCH ${keys}`.trimEnd())).toEqual({ tag: 'a', text });
  });
});

import {
  formatSequenceSet,
  parseSequenceSet,
  selectSequenceSet,
  sequenceSetHas,
  sequenceSetMaxNumber,
} from '../../../../lambdas/imap/protocol';
import { bad, parse } from './events';

describe('Sequence sets', () => {
  it('parses numbers, ranges, * and $', () => {
    expect(parseSequenceSet('1,3:5,7:*')).toEqual([
      { from: 1, to: 1 },
      { from: 3, to: 5 },
      { from: 7, to: '*' },
    ]);
    expect(parseSequenceSet('$')).toEqual('$');
    expect(parseSequenceSet('4294967295:*')).toEqual([{ from: 4294967295, to: '*' }]);
  });

  it.each(['0', '1:', ':1', 'a', '1,,2', '1,', '4294967296', '1:2:3', '01', ''])(
    'refuses %j in a command',
    (set) => {
      expect(bad(`a FETCH ${set} FLAGS`.replace('  ', ' '))).toMatchObject({ tag: 'a' });
      expect(() => parseSequenceSet(set)).toThrow('Invalid sequence set');
    },
  );

  it('refuses a set glued to other characters and $ inside a list', () => {
    expect(bad('a FETCH 1a FLAGS').text).toBe('Invalid sequence set');
    expect(bad('a FETCH 1,$ FLAGS').text).toBe('Invalid sequence set');
    expect(parse('a UID COPY 5:2 x')).toMatchObject({ set: [{ from: 5, to: 2 }] });
  });

  it('tests membership with * as the largest number and ranges in either order', () => {
    const set = [
      { from: 5, to: 2 },
      { from: 9, to: '*' as const },
    ];
    expect([1, 2, 5, 6, 8, 9, 12, 13].filter((n) => sequenceSetHas(set, n, 12))).toEqual([2, 5, 9, 12]);
    expect(sequenceSetHas([{ from: '*', to: '*' }], 7, 7)).toBe(true);
    expect(sequenceSetHas([{ from: '*', to: '*' }], 6, 7)).toBe(false);
  });

  it('selects the numbers in use, letting n:* name the largest even when n is beyond it', () => {
    expect(selectSequenceSet([{ from: 10, to: '*' }], [1, 4, 7])).toEqual([7]);
    expect(selectSequenceSet([{ from: 2, to: 5 }], [1, 4, 7])).toEqual([4]);
    expect(selectSequenceSet([{ from: 1, to: '*' }], [])).toEqual([]);
  });

  it('finds the largest explicit number', () => {
    expect(
      sequenceSetMaxNumber([
        { from: 3, to: 8 },
        { from: '*', to: 2 },
      ]),
    ).toBe(8);
    expect(sequenceSetMaxNumber([{ from: '*', to: '*' }])).toBe(0);
  });

  it('formats numbers compactly in the order given', () => {
    expect(formatSequenceSet([1, 2, 3, 5])).toBe('1:3,5');
    expect(formatSequenceSet([7])).toBe('7');
    expect(formatSequenceSet([4, 5, 1, 2, 9])).toBe('4:5,1:2,9');
    expect(formatSequenceSet([3, 2, 1])).toBe('3,2,1');
  });
});

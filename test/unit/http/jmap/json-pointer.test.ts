import { evaluateJmapPointer } from '../../../../lambdas/http/jmap/json-pointer';

/** The example document of RFC 6901 §5. */
const rfc6901 = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('JMAP result reference paths (RFC 6901 JSON Pointer with the RFC 8620 §3.7 "*")', () => {
  it.each([
    ['', rfc6901],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('evaluates the RFC 6901 example pointer %j', (pointer, expected) => {
    expect(evaluateJmapPointer(rfc6901, pointer)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a pointer not starting with "/"', 'foo'],
    ['a missing member', '/nope'],
    ['an index past the end', '/foo/2'],
    ['an index with a leading zero', '/foo/01'],
    ['the "-" index, which names no element', '/foo/-'],
    ['a non-numeric index', '/foo/first'],
    ['a step into a string', '/foo/0/length'],
    ['a "~" not followed by 0 or 1', '/m~2n'],
    ['a prototype member', '/constructor'],
  ])('fails on %s', (_, pointer) => {
    expect(evaluateJmapPointer(rfc6901, pointer).ok).toBe(false);
  });

  it('maps "*" over an array', () => {
    const document = { list: [{ id: 'a' }, { id: 'b' }] };

    expect(evaluateJmapPointer(document, '/list/*/id')).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('flattens the per-item results that are arrays by one level', () => {
    const document = { list: [{ ids: ['a', 'b'] }, { ids: [] }, { ids: ['c', ['d']] }] };

    expect(evaluateJmapPointer(document, '/list/*/ids')).toEqual({ ok: true, value: ['a', 'b', 'c', ['d']] });
  });

  it('flattens array items when "*" is the last token', () => {
    expect(evaluateJmapPointer({ list: [['a'], 'b'] }, '/list/*')).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('maps "*" at every level it appears', () => {
    const document = { threads: [{ emails: [{ id: 'a' }, { id: 'b' }] }, { emails: [{ id: 'c' }] }] };

    expect(evaluateJmapPointer(document, '/threads/*/emails/*/id')).toEqual({
      ok: true,
      value: ['a', 'b', 'c'],
    });
  });

  it('gives an empty array for "*" over an empty array', () => {
    expect(evaluateJmapPointer({ list: [] }, '/list/*/id')).toEqual({ ok: true, value: [] });
  });

  it('fails when the rest of the pointer fails for any item', () => {
    const document = { list: [{ id: 'a' }, { other: 'b' }] };

    expect(evaluateJmapPointer(document, '/list/*/id').ok).toBe(false);
  });

  it('reads "*" as a member name on an object', () => {
    expect(evaluateJmapPointer({ '*': 'star' }, '/*')).toEqual({ ok: true, value: 'star' });
    expect(evaluateJmapPointer({ list: { a: 1 } }, '/list/*').ok).toBe(false);
  });
});

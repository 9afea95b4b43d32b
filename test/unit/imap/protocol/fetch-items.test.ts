import { bad, parse } from './events';

const items = (line: string): unknown => (parse(line) as { items: unknown }).items;

describe('Parser: FETCH', () => {
  it('expands the macros ALL, FAST and FULL', () => {
    expect(items('a FETCH 1 fast')).toEqual([
      { type: 'FLAGS' },
      { type: 'INTERNALDATE' },
      { type: 'RFC822.SIZE' },
    ]);
    expect(items('a FETCH 1 ALL')).toEqual([
      { type: 'FLAGS' },
      { type: 'INTERNALDATE' },
      { type: 'RFC822.SIZE' },
      { type: 'ENVELOPE' },
    ]);
    expect(items('a FETCH 1 FULL')).toEqual([
      { type: 'FLAGS' },
      { type: 'INTERNALDATE' },
      { type: 'RFC822.SIZE' },
      { type: 'ENVELOPE' },
      { type: 'BODY' },
    ]);
    expect(bad('a FETCH 1 (ALL)').text).toBe('Unknown fetch attribute');
  });

  it('parses every simple attribute in a list', () => {
    const names = [
      'FLAGS',
      'UID',
      'INTERNALDATE',
      'RFC822.SIZE',
      'ENVELOPE',
      'BODYSTRUCTURE',
      'BODY',
      'MODSEQ',
      'RFC822',
      'RFC822.HEADER',
      'RFC822.TEXT',
    ];
    expect(items(`a FETCH 1 (${names.map((n) => n.toLowerCase()).join(' ')})`)).toEqual(
      names.map((type) => ({ type })),
    );
  });

  it('parses BODY sections with part numbers, header fields and a partial range', () => {
    expect(items('a FETCH 1 BODY.PEEK[1.2.HEADER.FIELDS (A B)]<0.100>')).toEqual([
      {
        type: 'BODY[]',
        peek: true,
        section: { part: [1, 2], text: 'HEADER.FIELDS', fields: ['A', 'B'] },
        partial: { start: 0, length: 100 },
      },
    ]);
    expect(
      items(
        'a FETCH 1 (BODY[] body[header] BODY[1.MIME] BODY[2.1] BODY[text] BODY[HEADER.FIELDS.NOT ("X-A" {1+}\r\nB)])',
      ),
    ).toEqual([
      { type: 'BODY[]', peek: false, section: { part: [] } },
      { type: 'BODY[]', peek: false, section: { part: [], text: 'HEADER' } },
      { type: 'BODY[]', peek: false, section: { part: [1], text: 'MIME' } },
      { type: 'BODY[]', peek: false, section: { part: [2, 1] } },
      { type: 'BODY[]', peek: false, section: { part: [], text: 'TEXT' } },
      { type: 'BODY[]', peek: false, section: { part: [], text: 'HEADER.FIELDS.NOT', fields: ['X-A', 'B'] } },
    ]);
  });

  it('parses BINARY, BINARY.PEEK and BINARY.SIZE', () => {
    expect(items('a FETCH 1 (BINARY[1]<0.10> BINARY.PEEK[] BINARY.SIZE[1.2])')).toEqual([
      { type: 'BINARY[]', peek: false, part: [1], partial: { start: 0, length: 10 } },
      { type: 'BINARY[]', peek: true, part: [] },
      { type: 'BINARY.SIZE', part: [1, 2] },
    ]);
  });

  it.each([
    ['a FETCH 1 BODY[MIME]', 'Invalid section'],
    ['a FETCH 1 BODY[0]', 'Invalid section'],
    ['a FETCH 1 BODY[1..2]', 'Invalid section'],
    ['a FETCH 1 BODY[1.]', 'Invalid section'],
    ['a FETCH 1 BODY[FOO]', 'Invalid section'],
    ['a FETCH 1 BODY[HEADER.FIELDS]', 'Missing space between arguments'],
    ['a FETCH 1 BODY[HEADER.FIELDS ()]', 'Empty list'],
    ['a FETCH 1 BODY[1', 'Expected ]'],
    ['a FETCH 1 BODY[]<5>', 'Invalid partial'],
    ['a FETCH 1 BODY[]<0.0>', 'Expected a non-zero number'],
    ['a FETCH 1 BINARY[TEXT]', 'Invalid binary section'],
    ['a FETCH 1 BINARY.SIZE', 'Unknown fetch attribute'],
    ['a FETCH 1 FROB', 'Unknown fetch attribute'],
    ['a FETCH 1 ()', 'Empty list'],
    ['a FETCH 1', 'Missing space between arguments'],
  ])('refuses %s', (line, text) => {
    expect(bad(line)).toEqual({ tag: 'a', text });
  });

  it('parses the CHANGEDSINCE and VANISHED modifiers', () => {
    expect(parse('a UID FETCH 1:* (FLAGS) (VANISHED CHANGEDSINCE 12345)')).toMatchObject({
      uid: true,
      changedSince: 12345,
      vanished: true,
    });
    expect(parse('a FETCH 1 FLAGS (changedsince 0)')).toMatchObject({
      uid: false,
      changedSince: 0,
      vanished: false,
    });
    expect(parse('a FETCH 1 FLAGS')).toEqual({
      tag: 'a',
      name: 'FETCH',
      uid: false,
      set: [{ from: 1, to: 1 }],
      items: [{ type: 'FLAGS' }],
      vanished: false,
    });
  });

  it('refuses VANISHED without UID or CHANGEDSINCE, and unknown or repeated modifiers', () => {
    expect(bad('a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)').text).toBe(
      'VANISHED needs UID FETCH with CHANGEDSINCE',
    );
    expect(bad('a UID FETCH 1 FLAGS (VANISHED)').text).toBe('VANISHED needs UID FETCH with CHANGEDSINCE');
    expect(bad('a FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)').text).toBe(
      'Unknown or repeated fetch modifier',
    );
    expect(bad('a FETCH 1 FLAGS (FROB)').text).toBe('Unknown or repeated fetch modifier');
  });
});

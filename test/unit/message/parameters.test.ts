import { mediaTypeOf, parseParameterizedValue, stripComments, unfold } from '../../../lambdas/core/message';

describe('parseParameterizedValue', () => {
  it('lower-cases the value and parameter names, and unquotes values', () => {
    const parsed = parseParameterizedValue(' Text/HTML;\r\n Charset="UTF-8"; format=flowed');

    expect(parsed.value).toBe('text/html');
    expect([...parsed.parameters]).toEqual([
      ['charset', 'UTF-8'],
      ['format', 'flowed'],
    ]);
  });

  it('decodes RFC 2231 values and joins their continuations', () => {
    expect(
      parseParameterizedValue(" attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf").parameters.get(
        'filename',
      ),
    ).toBe('€ rates.pdf');
    expect(
      parseParameterizedValue(
        ` attachment; filename*0*=iso-8859-1'de'Gr%FC%DFe; filename*1="n.xls"`,
      ).parameters.get('filename'),
    ).toBe('Grüßen.xls');
  });

  it('prefers an extended name* value to a plain one, in either order, and keeps the first duplicate', () => {
    expect(
      parseParameterizedValue(" attachment; filename=plain.txt; filename*=utf-8''%C3%A9.txt").parameters.get(
        'filename',
      ),
    ).toBe('é.txt');
    expect(parseParameterizedValue(' attachment; name=a; NAME=b').parameters.get('name')).toBe('a');
  });

  it('decodes quoted-pairs inside quoted values (RFC 2045 §5.1), a trailing backslash decoding to nothing', () => {
    expect(
      parseParameterizedValue(' attachment; filename="say \\"hi\\".txt"').parameters.get('filename'),
    ).toBe('say "hi".txt');
    expect(parseParameterizedValue(' attachment; filename="a\\\\b"').parameters.get('filename')).toBe('a\\b');
    expect(parseParameterizedValue(' attachment; filename="ab\\').parameters.get('filename')).toBe('ab');
  });

  it('orders continuations by number and joins plain ones as they are', () => {
    expect(parseParameterizedValue(' a; filename*1="b c"; filename*0=a').parameters.get('filename')).toBe(
      'ab c',
    );
  });

  it('decodes an encoded value without a charset prefix, or in an unknown charset, as UTF-8 when valid', () => {
    expect(parseParameterizedValue(" a; filename*=%C3%A9.txt; name*=x-unknown''%C3%A9").parameters).toEqual(
      new Map([
        ['filename', 'é.txt'],
        ['name', 'é'],
      ]),
    );
  });

  it('ignores parameters without a value', () => {
    expect([...parseParameterizedValue(' image/png; x; y=; ="z"').parameters]).toEqual([]);
  });

  it('removes comments outside quoted strings', () => {
    const parsed = parseParameterizedValue('text/plain (plain) ; charset=us-ascii (ascii); name="a (1).txt"');

    expect(parsed.value).toBe('text/plain');
    expect(parsed.parameters.get('charset')).toBe('us-ascii');
    expect(parsed.parameters.get('name')).toBe('a (1).txt');
  });

  it('keeps a semicolon inside a quoted value', () => {
    expect(parseParameterizedValue('image/png; name="a;b.png"').parameters.get('name')).toBe('a;b.png');
  });
});

describe('mediaTypeOf', () => {
  it('accepts type/subtype tokens and rejects anything else', () => {
    expect(mediaTypeOf(parseParameterizedValue('application/vnd.ms-excel'))).toBe('application/vnd.ms-excel');
    expect(mediaTypeOf(parseParameterizedValue(';;;==='))).toBeUndefined();
    expect(mediaTypeOf(parseParameterizedValue('text'))).toBeUndefined();
    expect(mediaTypeOf(parseParameterizedValue('text/plain/extra'))).toBeUndefined();
  });
});

describe('unfold', () => {
  it('removes line breaks and keeps the white space after them', () => {
    expect(unfold(' a\r\n b\n\tc\rd')).toBe(' a b\tcd');
  });
});

describe('stripComments', () => {
  it('removes nested comments with quoted-pairs, not parentheses inside quotes', () => {
    expect(stripComments('a (b (c) \\) d) e "f (g)" (unclosed')).toBe('a   e "f (g)" ');
  });
});

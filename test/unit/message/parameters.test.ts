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

import { decodeQuotedPrintable } from '../../../lambdas/core/delivery/header-block';

const decode = (text: string, mode?: 'body' | 'word') =>
  decodeQuotedPrintable(Buffer.from(text, 'latin1'), mode).toString('latin1');

describe('decodeQuotedPrintable (RFC 2045 §6.7)', () => {
  it('decodes =XX escapes and keeps malformed ones', () => {
    expect(decode('caf=C3=A9 =ZZ =4')).toBe('caf\u00c3\u00a9 =ZZ =4');
  });

  it('deletes white space ending an encoded line (rule 3), keeping the line break', () => {
    expect(decode('padding after a line  \t\r\nnext line')).toBe('padding after a line\r\nnext line');
  });

  it('joins a soft line break, also one followed by padding blanks (rule 5)', () => {
    expect(decode('a soft break with blanks after it=  \r\nis still soft')).toBe(
      'a soft break with blanks after itis still soft',
    );
    expect(decode('bare LF soft=\nbreak')).toBe('bare LF softbreak');
  });

  it('drops a final "=" ending the last line before the boundary', () => {
    expect(decode('Soft break at the very end=')).toBe('Soft break at the very end');
    expect(decode('ends with an escape =3D')).toBe('ends with an escape =');
  });

  it('keeps every space of an encoded word, and an "=" at its end', () => {
    expect(decode('two  spaces  ', 'word')).toBe('two  spaces  ');
    expect(decode('x=', 'word')).toBe('x=');
  });
});
